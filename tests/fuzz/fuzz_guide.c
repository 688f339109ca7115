/* The guide indexer on arbitrary Markdown: it loads or refuses with an error, never crashes, and what it
 * builds holds together (entries nest, slugs are unique and found, tables stay inside their lines). The topic
 * map and lookup then run over it, as they do at start-up and on every query. */
#include <string.h>

#include "guide_checks.h"

static const pymm_blob *topics_json;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  topics_json = pymm_data_find("topics.json");
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pymm_error err = {{0}};
  pymm_guide *guide = pymm_guide_load((const char *)data, size, NULL, &err);
  if (!guide) {
    FUZZ_CHECK(err.message[0] != '\0'); /* a refusal says why */
    return 0;
  }
  check_guide(guide);

  /* Look up words of the guide's own titles, and a few fixed queries. */
  pymm_guide_hit hits[8];
  static const char *const queries[] = {"popleft", "late binding", "GIL", "__slots__", "", " ", "o(n)"};
  for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
    size_t n = pymm_guide_lookup(guide, queries[q], hits, 8);
    FUZZ_CHECK(n <= 8);
    for (size_t k = 0; k < n; k++) FUZZ_CHECK(hits[k].entry < pymm_guide_entry_count(guide));
  }
  size_t entries = pymm_guide_entry_count(guide);
  for (size_t i = 0; i < entries && i < 16; i++) {
    size_t n = pymm_guide_lookup(guide, pymm_guide_entry_at(guide, i)->title, hits, 8);
    for (size_t k = 0; k < n; k++) FUZZ_CHECK(hits[k].entry < entries);
  }

  /* Resolving the shipped topic map against this guide is the costly part: do it for one input in four. */
  if (topics_json && (size & 3) == 0) {
    char *warnings = NULL;
    pymm_topics *topics = pymm_topics_load(topics_json->bytes, topics_json->length, guide, &warnings, &err);
    FUZZ_CHECK(topics != NULL);
    for (size_t i = 0; i < pymm_topics_count(topics); i++) {
      const pymm_topic *t = pymm_topics_at(topics, i);
      FUZZ_CHECK(t->entry >= -1 && t->entry < (int32_t)entries);
      FUZZ_CHECK(t->table >= -1 && t->table < (int32_t)pymm_guide_table_count(guide));
      if (t->row >= 0) FUZZ_CHECK(t->table >= 0 && t->complexity != NULL);
    }
    pymm_topics_free(topics);
    free(warnings);
  }
  pymm_guide_free(guide);
  return 0;
}
