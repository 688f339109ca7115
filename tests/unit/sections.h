/* What the hover catalogue must reach, shared by test_hover.c and test_coverage.c: the ### section that
 * holds an entry, and the sections the catalogue is not meant to reach (the table of contents and the
 * learning path). */
#ifndef PYMM_TEST_SECTIONS_H
#define PYMM_TEST_SECTIONS_H

#include <string.h>

#include "pymm/guide.h"

/* The index of the ### section (or the ## one when the entry is directly under it) that holds 'entry'. */
static int32_t section_of(const pymm_guide *guide, int32_t entry) {
  const pymm_guide_entry *e = pymm_guide_entry_at(guide, (size_t)entry);
  while (e && (e->kind == PYMM_GUIDE_FRAGMENT || e->level > 3) && e->parent >= 0) {
    entry = e->parent;
    e = pymm_guide_entry_at(guide, (size_t)entry);
  }
  return entry;
}

/* True for a ### section the catalogue need not reach, and for anything that is not a ### section. */
static bool section_excluded(const pymm_guide *guide, const pymm_guide_entry *e) {
  if (e->kind == PYMM_GUIDE_FRAGMENT || e->level != 3) return true;
  if (!strncmp(e->title, "Phase ", 6) || !strcmp(e->title, "Practice Resources")) return true;
  const pymm_guide_entry *parent = e->parent >= 0 ? pymm_guide_entry_at(guide, (size_t)e->parent) : NULL;
  return parent && (pymm_ascii_istr(parent->title, "TABLE OF CONTENTS") || pymm_ascii_istr(parent->title, "LEARNING PATH"));
}

#endif
