/* Shared by the feature tests: the engine over the shipped guide, the ### section that holds an entry, and
 * the sections the hover catalogue is not meant to reach (the table of contents and the learning path). */
#ifndef PYMM_TEST_FIXTURES_H
#define PYMM_TEST_FIXTURES_H

#include <stdio.h>
#include <string.h>

#include "pymm/features.h"

/* The engine over the embedded guide; NULL (and why, on stderr) when it cannot be built. '*warnings' as for
 * pymm_engine_new() ('warnings' may be NULL). Caller owns the result; free with pymm_engine_free(). */
static inline pymm_engine *default_engine(char **warnings) {
  const pymm_blob *b = pymm_data_find(PYMM_DEFAULT_GUIDE);
  pymm_error err = {{0}};
  char *ignored = NULL;
  pymm_engine *engine = pymm_engine_new(b->bytes, b->length, NULL, warnings ? warnings : &ignored, &err);
  free(ignored);
  if (!engine) fprintf(stderr, "cannot build the engine: %s\n", err.message);
  return engine;
}

/* The index of the ### section (or the ## one when the entry is directly under it) that holds 'entry'. */
static inline int32_t section_of(const pymm_guide *guide, int32_t entry) {
  const pymm_guide_entry *e = pymm_guide_entry_at(guide, (size_t)entry);
  while (e && (e->kind == PYMM_GUIDE_FRAGMENT || e->level > 3) && e->parent >= 0) {
    entry = e->parent;
    e = pymm_guide_entry_at(guide, (size_t)entry);
  }
  return entry;
}

/* True for a ### section the catalogue need not reach, and for anything that is not a ### section. */
static inline bool section_excluded(const pymm_guide *guide, const pymm_guide_entry *e) {
  if (e->kind == PYMM_GUIDE_FRAGMENT || e->level != 3) return true;
  if (!strncmp(e->title, "Phase ", 6) || !strcmp(e->title, "Practice Resources")) return true;
  const pymm_guide_entry *parent = e->parent >= 0 ? pymm_guide_entry_at(guide, (size_t)e->parent) : NULL;
  return parent &&
         (pymm_ascii_istr(parent->title, "TABLE OF CONTENTS") || pymm_ascii_istr(parent->title, "LEARNING PATH"));
}

#endif
