/* Invariants of a loaded guide, shared by the guide and the box-table harnesses. */
#ifndef PYMM_FUZZ_GUIDE_CHECKS_H
#define PYMM_FUZZ_GUIDE_CHECKS_H

#include <string.h>

#include "fuzz.h"
#include "pymm/guide.h"

static void check_table(const pymm_guide *guide, const pymm_guide_table *t) {
  FUZZ_CHECK(t->title != NULL);
  FUZZ_CHECK(pymm_utf8_valid(t->title, strlen(t->title)));
  FUZZ_CHECK(t->line_start >= 1 && t->line_start <= t->line_end && t->line_end <= pymm_guide_line_count(guide));
  FUZZ_CHECK(t->entry >= -1 && (t->entry < 0 || (size_t)t->entry < pymm_guide_entry_count(guide)));
  FUZZ_CHECK(t->row_count == 0 || t->column_count > 0);
  for (uint32_t row = 0; row < t->row_count; row++) {
    FUZZ_CHECK(t->row_lines[row] >= t->line_start && t->row_lines[row] <= t->line_end);
    if (row > 0) FUZZ_CHECK(t->row_lines[row] > t->row_lines[row - 1]);
    for (uint32_t column = 0; column < t->column_count; column++) {
      const char *cell = pymm_guide_table_cell(t, row, column);
      FUZZ_CHECK(cell != NULL && cell == t->cells[(size_t)row * t->column_count + column]);
      size_t n = strlen(cell);
      FUZZ_CHECK(pymm_utf8_valid(cell, n)); /* the guide was checked to be UTF-8: cells are cut on code points */
      FUZZ_CHECK(n == 0 || (cell[0] != ' ' && cell[n - 1] != ' '));
    }
    if (row > 0) {
      int32_t found = pymm_guide_table_find_row(t, pymm_guide_table_cell(t, row, 0));
      FUZZ_CHECK(found >= 1 && (uint32_t)found <= row);
    }
  }
}

static void check_guide(const pymm_guide *guide) {
  uint32_t lines = pymm_guide_line_count(guide);
  for (uint32_t line = 1; line <= lines; line++) {
    size_t n = 0;
    const char *text = pymm_guide_line(guide, line, &n);
    FUZZ_CHECK(text != NULL);
    FUZZ_CHECK(memchr(text, '\n', n) == NULL);
  }
  size_t count = pymm_guide_entry_count(guide);
  FUZZ_CHECK(count > 0); /* a guide has at least one heading */
  for (size_t i = 0; i < count; i++) {
    const pymm_guide_entry *e = pymm_guide_entry_at(guide, i);
    FUZZ_CHECK(e->kind == PYMM_GUIDE_SECTION || e->kind == PYMM_GUIDE_FRAGMENT);
    FUZZ_CHECK((e->kind == PYMM_GUIDE_FRAGMENT) == (e->fragment != PYMM_FRAGMENT_NONE));
    FUZZ_CHECK(e->title && e->slug); /* both "" for an empty heading ("###"), as GitHub has it */
    FUZZ_CHECK(pymm_utf8_valid(e->title, strlen(e->title)));
    FUZZ_CHECK(e->line_start >= 1 && e->line_start <= e->line_end && e->line_end <= lines);
    FUZZ_CHECK(e->parent >= -1 && e->parent < (int32_t)i);
    if (e->parent >= 0) {
      const pymm_guide_entry *p = pymm_guide_entry_at(guide, (size_t)e->parent);
      FUZZ_CHECK(p->level < e->level);
      FUZZ_CHECK(p->line_start <= e->line_start);
    }
    /* Slugs are unique, so each finds its own entry. */
    if (e->slug[0]) FUZZ_CHECK(pymm_guide_find(guide, e->slug) == (int32_t)i);
    pymm_guide_find(guide, e->title);
  }
  for (size_t i = 0; i < pymm_guide_table_count(guide); i++) check_table(guide, pymm_guide_table_at(guide, i));
}

#endif
