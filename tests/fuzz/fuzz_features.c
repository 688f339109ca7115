/* Every feature on arbitrary Python-ish text: a hover at every byte offset, rendered as Markdown and as plain
 * text with and without a table cap. A hover stays inside the text and covers the cursor's construct; what
 * pymm renders from valid UTF-8 is valid UTF-8 (a shortened construct is never cut inside a code point). */
#include <string.h>

#include "fuzz.h"
#include "pymm/features.h"

static pymm_engine *engine;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  const pymm_blob *guide = pymm_data_find(PYMM_DEFAULT_GUIDE);
  pymm_error err = {{0}};
  char *warnings = NULL;
  engine = pymm_engine_new(guide->bytes, guide->length, "/guide.md", &warnings, &err);
  free(warnings);
  if (!engine) {
    fprintf(stderr, "cannot build the engine: %s\n", err.message);
    abort();
  }
  return 0;
}

static void check_render(const pymm_hover *hover, bool utf8) {
  pymm_settings settings = pymm_settings_default();
  for (int k = 0; k < 3; k++) {
    settings.hover_max_table_rows = k == 2 ? 1 : settings.hover_max_table_rows;
    char *text = pymm_hover_render(engine, hover, k == 0 ? PYMM_MARKUP_PLAINTEXT : PYMM_MARKUP_MARKDOWN, &settings);
    FUZZ_CHECK(text != NULL);
    if (utf8) FUZZ_CHECK(pymm_utf8_valid(text, strlen(text)));
    free(text);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096) return 0;
  bool utf8 = pymm_utf8_valid((const char *)data, size);
  pymm_document *doc = pymm_document_new((const char *)data, size);
  /* Render the first hover of each distinct construct: the same hover at the next offset renders the same. */
  uint32_t last_start = UINT32_MAX, last_end = UINT32_MAX;
  for (uint32_t offset = 0; offset <= size; offset++) {
    pymm_hover *hover = pymm_hover_at(engine, doc, offset);
    if (!hover) continue;
    FUZZ_CHECK(hover->topic != NULL);
    FUZZ_CHECK(hover->start <= hover->end && hover->end <= size);
    FUZZ_CHECK(hover->code != NULL);
    if (utf8) FUZZ_CHECK(pymm_utf8_valid(hover->code, strlen(hover->code)));
    if (utf8 && hover->hedge) FUZZ_CHECK(pymm_utf8_valid(hover->hedge, strlen(hover->hedge)));
    if (hover->start != last_start || hover->end != last_end) check_render(hover, utf8);
    last_start = hover->start;
    last_end = hover->end;
    pymm_hover_free(hover);
  }
  pymm_document_free(doc);
  return 0;
}
