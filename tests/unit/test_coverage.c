/* Topic coverage: lists each ### section of the default guide with the topics that reach it (printed to
 * stdout, so `ctest -V -R coverage` is the coverage report), and fails when a section other than the table
 * of contents and the learning path has none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "fixtures.h"
#include "pymm/features.h"

int main(void) {
  pymm_engine *engine = default_engine(NULL);
  OK(engine != NULL);
  if (!engine) return HARNESS_DONE();
  const pymm_guide *guide = pymm_engine_guide(engine);
  const pymm_topics *topics = pymm_engine_topics(engine);
  size_t sections = 0, covered = 0;
  for (size_t i = 0; i < pymm_guide_entry_count(guide); i++) {
    const pymm_guide_entry *e = pymm_guide_entry_at(guide, i);
    if (section_excluded(guide, e)) continue;
    sections++;
    pymm_buf line = {0};
    size_t n = 0;
    for (size_t t = 0; t < pymm_topics_count(topics); t++) {
      const pymm_topic *topic = pymm_topics_at(topics, t);
      if (topic->entry < 0 || section_of(guide, topic->entry) != (int32_t)i) continue;
      pymm_buf_printf(&line, "%s%s", n++ ? ", " : "", topic->id);
    }
    printf("%-45s %3zu  %s\n", e->slug, n, line.data ? line.data : "");
    covered += n > 0;
    TEST(e->slug) { OK(n > 0); }
    pymm_buf_free(&line);
  }
  printf("%zu of %zu sections reached by %zu topics\n", covered, sections, pymm_topics_count(topics));
  TEST("every topic resolves") {
    for (size_t t = 0; t < pymm_topics_count(topics); t++) OK(pymm_topics_at(topics, t)->entry >= 0);
  }
  pymm_engine_free(engine);
  return HARNESS_DONE();
}
