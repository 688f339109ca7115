/* Tables drawn in a code block, split into cells: box tables (┌─┬─┐ / │ a │ b │ / ├─┼─┤ / └─┴─┘), also
 * nested in a panel, and │-column tables inside a panel ("When to Use What": a header row, a ──── rule,
 * rows that may run over several lines). Box characters are three bytes each, so box tables are read
 * by column (code point index) and the columns are turned back into byte offsets. */
#include <stdlib.h>
#include <string.h>

#include "guide_internal.h"

/* A piece of a line: a cell's text, a title. */
typedef pymm_guide__line span;

/* Where each column of a line starts: offsets[c] is the byte of column c, offsets[count] the length.
 * count is 0 for lines without box characters, which can be no part of a box table. Maps are made on
 * demand: only lines with a ┌ and the lines under one are ever read by column. */
typedef struct columns {
  uint32_t *offsets;
  uint32_t count;
  bool mapped;
} columns;

/* True when the line holds a box-drawing character (E2 94 xx or E2 95 xx). */
static bool has_box_bytes(const pymm_guide__line *line) {
  const unsigned char *p = (const unsigned char *)line->text;
  for (size_t i = 0; i + 1 < line->length; i++)
    if (p[i] == 0xE2 && (p[i + 1] == 0x94 || p[i + 1] == 0x95)) return true;
  return false;
}

/* Maps a line's columns to bytes; an empty map for a line without box characters. */
static columns map_columns(const pymm_guide__line *line) {
  columns map = {.mapped = true};
  if (!has_box_bytes(line) || line->length >= UINT32_MAX) return map;
  uint32_t count = 0;
  for (size_t i = 0; i < line->length; count++) pymm_guide__decode(line->text, line->length, &i);
  map.offsets = pymm_alloc(((size_t)count + 1) * sizeof *map.offsets);
  size_t i = 0;
  for (uint32_t c = 0; c < count; c++) {
    map.offsets[c] = (uint32_t)i;
    pymm_guide__decode(line->text, line->length, &i);
  }
  map.offsets[count] = (uint32_t)line->length;
  map.count = count;
  return map;
}

/* The column map of block line k, made the first time it is asked for. */
static const columns *columns_of(const pymm_guide__block *block, columns *maps, uint32_t k) {
  if (!maps[k].mapped) maps[k] = map_columns(&block->lines[k]);
  return &maps[k];
}

/* True when the line holds a ┌ (E2 94 8C), so a box may start on it. */
static bool has_top_left(const pymm_guide__line *line) {
  const unsigned char *p = (const unsigned char *)line->text;
  for (size_t i = 0; i + 2 < line->length; i++)
    if (p[i] == 0xE2 && p[i + 1] == 0x94 && p[i + 2] == 0x8C) return true;
  return false;
}

/* The code point in column 'column' of a mapped line. */
static uint32_t cp_at(const pymm_guide__line *line, const columns *map, uint32_t column) {
  size_t i = map->offsets[column];
  return pymm_guide__decode(line->text, line->length, &i);
}

/* A growable list of cell spans, reused line after line. */
typedef struct spans {
  span *items;
  size_t count, cap;
} spans;

/* Appends s[0..n), trimmed, as one cell. */
static void spans_push(spans *list, const char *s, size_t n) {
  pymm_guide__trim(&s, &n);
  PYMM_GROW(list->items, list->cap, list->count + 1);
  list->items[list->count++] = (span){s, n};
}

/* ---- rows ----------------------------------------------------------------------------------------- */

typedef struct row {
  pymm_buf *cells;
  size_t count;
  uint32_t line;
} row;

typedef struct rows {
  row *items;
  size_t count, cap;
} rows;

/* The lines of a table body as read, before they are grouped into rows. A separator is a rule (├──┼──┤)
 * or a line whose cells are all empty. */
typedef struct body_line {
  span *cells; /* NULL for a separator */
  size_t count;
  uint32_t line;
} body_line;

typedef struct body {
  body_line *items;
  size_t count, cap;
} body;

/* Records a line of cells; a line of empty cells is recorded as a separator. */
static void body_add(body *b, const spans *cells, uint32_t line) {
  bool any = false;
  for (size_t i = 0; i < cells->count; i++) any |= cells->items[i].length > 0;
  PYMM_GROW(b->items, b->cap, b->count + 1);
  body_line *l = &b->items[b->count++];
  *l = (body_line){NULL, 0, line};
  if (!any) return;
  l->cells = pymm_alloc(cells->count * sizeof *l->cells);
  memcpy(l->cells, cells->items, cells->count * sizeof *l->cells);
  l->count = cells->count;
}

/* Records a rule (├──┼──┤) between rows. */
static void body_add_separator(body *b, uint32_t line) {
  PYMM_GROW(b->items, b->cap, b->count + 1);
  b->items[b->count++] = (body_line){NULL, 0, line};
}

static void body_free(body *b) {
  for (size_t i = 0; i < b->count; i++) free(b->items[i].cells);
  free(b->items);
  *b = (body){0};
}

/* Joins a line's cells onto a row's, one space between a cell's lines. */
static void row_append(row *r, const body_line *l) {
  if (l->count > r->count) {
    r->cells = pymm_realloc(r->cells, l->count * sizeof *r->cells);
    memset(r->cells + r->count, 0, (l->count - r->count) * sizeof *r->cells);
    r->count = l->count;
  }
  for (size_t i = 0; i < l->count; i++) {
    if (!l->cells[i].length) continue;
    if (r->cells[i].len) pymm_buf_putc(&r->cells[i], ' ');
    pymm_buf_append(&r->cells[i], l->cells[i].text, l->cells[i].length);
  }
}

/* Groups body lines into rows, a row's lines joined cell by cell with one space. When separators stand
 * between rows ("When to Use What"), each run of lines between them is one row, whatever its first
 * cells hold ("I/O-bound" + "(network, files)"); otherwise a line with a first cell starts a row and a
 * line without one continues it. With 'single', every line joins one row (a header). */
static void group_rows(const body *b, rows *out, bool single) {
  bool separated = false;
  bool seen_line = false, seen_gap = false;
  for (size_t i = 0; i < b->count && !separated; i++) {
    if (!b->items[i].cells) seen_gap = seen_line;
    else if (seen_gap) separated = true;
    else seen_line = true;
  }
  bool open = false;
  for (size_t i = 0; i < b->count; i++) {
    const body_line *l = &b->items[i];
    if (!l->cells) {
      if (!single) open = false;
      continue;
    }
    if (!(open && (single || separated || l->cells[0].length == 0))) {
      PYMM_GROW(out->items, out->cap, out->count + 1);
      out->items[out->count++] = (row){NULL, 0, l->line};
      open = true;
    }
    row_append(&out->items[out->count - 1], l);
  }
}

static void rows_free(rows *t) {
  for (size_t i = 0; i < t->count; i++) {
    for (size_t c = 0; c < t->items[i].count; c++) pymm_buf_free(&t->items[i].cells[c]);
    free(t->items[i].cells);
  }
  free(t->items);
  *t = (rows){0};
}

/* ---- where a table sits --------------------------------------------------------------------------- */

/* The fragment of this block that holds guide line 'line', or -1. A block's fragments are in line order
 * and do not overlap, so a binary search finds it: a block may hold thousands of boxes. */
static int32_t fragment_holding(const pymm_guide *guide, const pymm_guide__block *block, uint32_t line) {
  size_t lo = block->first_fragment, hi = guide->entry_count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (guide->entries[mid].line_start <= line) lo = mid + 1;
    else hi = mid;
  }
  if (lo == block->first_fragment) return -1;
  const pymm_guide_entry *e = &guide->entries[lo - 1];
  return e->line_end >= line ? (int32_t)(lo - 1) : -1;
}

/* The panel fragment of this block that holds block line k, or -1. */
static int32_t panel_holding(const pymm_guide *guide, const pymm_guide__block *block, uint32_t k) {
  int32_t i = fragment_holding(guide, block, block->first_line + k);
  return i >= 0 && guide->entries[i].fragment == PYMM_FRAGMENT_PANEL ? i : -1;
}

/* The fragment of this block holding guide line 'line', else the block's section. */
static int32_t innermost_entry(const pymm_guide *guide, const pymm_guide__block *block, uint32_t line) {
  int32_t i = fragment_holding(guide, block, line);
  return i >= 0 ? i : block->section;
}

/* The nearest line of plain text above block line k ("Time Complexities:"), looking no higher than the
 * panel's title bar; else the panel's title; "" outside a panel. */
static span table_title(const pymm_guide *guide, const pymm_guide__block *block, uint32_t k, int32_t panel) {
  uint32_t top = panel >= 0 ? guide->entries[panel].line_start - block->first_line + 1 : 0;
  for (uint32_t j = k; j-- > top;) {
    const pymm_guide__line *line = &block->lines[j];
    if (panel >= 0 && pymm_guide__starts_with(line, PYMM_GUIDE__BOX_TEE_RIGHT)) break;
    span t = panel >= 0 ? pymm_guide__panel_interior(line) : (span){line->text, line->length};
    pymm_guide__trim(&t.text, &t.length);
    if (!t.length) continue;
    if (pymm_guide__has_box(t.text, t.length)) break;
    while (t.length && (*t.text == '#' || *t.text == ' ' || *t.text == '\t')) t.text++, t.length--;
    return t;
  }
  if (panel >= 0) return (span){guide->entries[panel].title, strlen(guide->entries[panel].title)};
  return (span){"", 0};
}

/* Copies the header and data rows into a new table of the guide. */
static void emit_table(pymm_guide *guide, const pymm_guide__block *block, const rows *header, const rows *data,
                       uint32_t first, uint32_t last, const char *title) {
  size_t column_count = header->items[0].count;
  for (size_t i = 0; i < data->count; i++)
    if (data->items[i].count > column_count) column_count = data->items[i].count;
  size_t row_count = 1 + data->count;
  const char **cells = pymm_guide__alloc(guide, row_count * column_count * sizeof *cells);
  uint32_t *row_lines = pymm_guide__alloc(guide, row_count * sizeof *row_lines);
  for (size_t r = 0; r < row_count; r++) {
    const row *source = r == 0 ? &header->items[0] : &data->items[r - 1];
    row_lines[r] = source->line;
    for (size_t c = 0; c < column_count; c++) {
      const pymm_buf *cell = c < source->count ? &source->cells[c] : NULL;
      cells[r * column_count + c] = cell && cell->len ? pymm_guide__strndup(guide, cell->data, cell->len) : "";
    }
  }
  pymm_guide_table *table = pymm_guide__add_table(guide);
  table->entry = innermost_entry(guide, block, block->first_line + first);
  table->title = title;
  table->line_start = block->first_line + first;
  table->line_end = block->first_line + last;
  table->row_count = (uint32_t)row_count;
  table->column_count = (uint32_t)column_count;
  table->cells = cells;
  table->row_lines = row_lines;
}

/* Groups the header and body lines and, when there is a header of two or more cells and at least one
 * row, adds the table. Returns whether it did. */
static bool finish_table(pymm_guide *guide, const pymm_guide__block *block, const body *head, const body *data,
                         uint32_t first, uint32_t last, const char *title) {
  rows header = {0}, data_rows = {0};
  group_rows(head, &header, true);
  group_rows(data, &data_rows, false);
  bool table = header.count == 1 && header.items[0].count >= 2 && data_rows.count >= 1;
  if (table) {
    /* Short rows are padded with empty cells. A real table spends at least a │ (3 bytes) on each cell;
     * one whose padding would outgrow its text many times over is a drawing, not a table. */
    size_t widest = header.items[0].count, bytes = 0;
    for (size_t i = 0; i < data_rows.count; i++)
      if (data_rows.items[i].count > widest) widest = data_rows.items[i].count;
    for (uint32_t k = first; k <= last; k++) bytes += block->lines[k].length;
    table = (data_rows.count + 1) * widest <= bytes + 64;
  }
  if (table) emit_table(guide, block, &header, &data_rows, first, last, title);
  rows_free(&header);
  rows_free(&data_rows);
  return table;
}

/* ---- box tables ----------------------------------------------------------------------------------- */

/* Splits a row line of the box whose borders are at columns left and right. The cells are whatever lies
 * between │ separators from 'left' on; the separator at or just past 'right' (a ragged row may be off by
 * a column or two) closes the row, and what follows it (an arrow, a panel's border) is not the table's. */
static void split_box_row(const pymm_guide__line *line, const columns *map, uint32_t left, uint32_t right,
                          spans *cells) {
  cells->count = 0;
  uint32_t limit = right + 2 < map->count ? right + 2 : map->count - 1;
  uint32_t previous = left;
  for (uint32_t c = left + 1; c <= limit; c++) {
    if (cp_at(line, map, c) != PYMM_GUIDE__CP_VERTICAL) continue;
    spans_push(cells, line->text + map->offsets[previous + 1], map->offsets[c] - map->offsets[previous + 1]);
    previous = c;
    if (c >= right) return;
  }
  uint32_t stop = right + 1 < map->count ? right + 1 : map->count;
  if (previous + 1 < stop) {
    span rest = {line->text + map->offsets[previous + 1], map->offsets[stop] - map->offsets[previous + 1]};
    pymm_guide__trim(&rest.text, &rest.length);
    if (rest.length) spans_push(cells, rest.text, rest.length);
  }
}

/* The title of the tables whose top borders are on one line, found once for all of them: a line may
 * draw many boxes side by side. */
typedef struct title_cache {
  uint32_t line;
  int32_t panel;
  const char *title; /* arena */
} title_cache;

/* The title for tables at block line k, found once per line. Borrowed: valid until pymm_guide_free(). */
static const char *title_for(pymm_guide *guide, const pymm_guide__block *block, uint32_t k, int32_t panel,
                             title_cache *cache) {
  if (!cache->title || cache->line != k || cache->panel != panel) {
    span t = table_title(guide, block, k, panel);
    *cache = (title_cache){k, panel, pymm_guide__strndup(guide, t.text, t.length)};
  }
  return cache->title;
}

/* Reads the box table whose top border starts at block line k, columns [left, right]. Adds it when it
 * has a header of two or more cells, a ├ rule under it and at least one data row; returns its last
 * line, or k when there is no table. */
static uint32_t read_box_table(pymm_guide *guide, const pymm_guide__block *block, columns *maps, uint32_t k,
                               uint32_t left, uint32_t right, spans *cells, title_cache *cache) {
  body head = {0}, data = {0};
  bool ruled = false;
  uint32_t last = k;
  for (uint32_t j = k + 1; j < block->line_count; j++) {
    const pymm_guide__line *line = &block->lines[j];
    const columns *map = columns_of(block, maps, j);
    if (map->count <= left) break;
    uint32_t cp = cp_at(line, map, left);
    if (cp == PYMM_GUIDE__CP_VERTICAL) {
      split_box_row(line, map, left, right, cells);
      body_add(ruled ? &data : &head, cells, block->first_line + j);
    } else if (cp == PYMM_GUIDE__CP_TEE_RIGHT) {
      if (!ruled && !head.count) break;
      if (ruled) body_add_separator(&data, block->first_line + j);
      ruled = true;
    } else if (cp == PYMM_GUIDE__CP_BOTTOM_LEFT) {
      last = j;
      break;
    } else {
      break;
    }
    last = j;
  }
  bool table = false;
  if (ruled) {
    int32_t panel = panel_holding(guide, block, k);
    table = finish_table(guide, block, &head, &data, k, last, title_for(guide, block, k, panel, cache));
  }
  body_free(&head);
  body_free(&data);
  return table ? last : k;
}

/* Tries every ┌─ ... ┐ border of the block as the top of a box table. */
static void add_box_tables(pymm_guide *guide, const pymm_guide__block *block, columns *maps, bool *used, spans *cells) {
  title_cache cache = {0};
  for (uint32_t k = 0; k < block->line_count; k++) {
    const pymm_guide__line *line = &block->lines[k];
    if (!has_top_left(line)) continue;
    const columns *map = columns_of(block, maps, k);
    for (uint32_t c = 0; c + 1 < map->count; c++) {
      if (cp_at(line, map, c) != PYMM_GUIDE__CP_TOP_LEFT || cp_at(line, map, c + 1) != PYMM_GUIDE__CP_HORIZONTAL)
        continue;
      uint32_t r = c + 1;
      bool tees = false;
      for (; r < map->count; r++) {
        uint32_t cp = cp_at(line, map, r);
        if (cp == PYMM_GUIDE__CP_TEE_DOWN) tees = true;
        else if (cp != PYMM_GUIDE__CP_HORIZONTAL) break;
      }
      if (r >= map->count || cp_at(line, map, r) != PYMM_GUIDE__CP_TOP_RIGHT) continue;
      if (c == 0 && !tees) continue; /* a panel, not a table */
      uint32_t last = read_box_table(guide, block, maps, k, c, r, cells, &cache);
      for (uint32_t j = k; last > k && j <= last; j++) used[j] = true;
      c = r;
    }
  }
}

/* ---- │-column tables inside panels --------------------------------------------------------------- */

/* Splits text at each │ into trimmed cells. */
static void split_bars(span t, spans *cells) {
  cells->count = 0;
  size_t start = 0;
  for (size_t i = 0; i + 3 <= t.length; i++) {
    if (memcmp(t.text + i, PYMM_GUIDE__BOX_VERTICAL, 3) != 0) continue;
    spans_push(cells, t.text + start, i - start);
    start = i + 3;
    i += 2;
  }
  spans_push(cells, t.text + start, t.length - start);
}

/* True for a rule under a header: only ─ (three or more), ━, ┼ and spaces. */
static bool is_rule(span t) {
  size_t dashes = 0;
  for (size_t i = 0; i < t.length;) {
    uint32_t cp = pymm_guide__decode(t.text, t.length, &i);
    if (cp == PYMM_GUIDE__CP_HORIZONTAL || cp == PYMM_GUIDE__CP_HEAVY_HORIZONTAL) dashes++;
    else if (cp != PYMM_GUIDE__CP_CROSS && cp != ' ' && cp != '\t') return false;
  }
  return dashes >= 3;
}

/* A line of the panel that could be a row: it starts with the panel's │ and has a │ inside. */
static bool bar_row(const pymm_guide__line *line, span *interior) {
  if (!pymm_guide__starts_with(line, PYMM_GUIDE__BOX_VERTICAL)) return false;
  *interior = pymm_guide__panel_interior(line);
  for (size_t i = 0; i + 3 <= interior->length; i++)
    if (memcmp(interior->text + i, PYMM_GUIDE__BOX_VERTICAL, 3) == 0) return true;
  return false;
}

/* Finds │-column tables inside the panels of the block: a header row, a ──── rule, then rows. */
static void add_bar_tables(pymm_guide *guide, const pymm_guide__block *block, bool *used, spans *cells) {
  size_t fragments_end = guide->entry_count;
  for (size_t p = block->first_fragment; p < fragments_end; p++) {
    const pymm_guide_entry *panel = &guide->entries[p];
    if (panel->fragment != PYMM_FRAGMENT_PANEL) continue;
    uint32_t top = panel->line_start - block->first_line, bottom = panel->line_end - block->first_line;
    for (uint32_t j = top + 1; j + 2 <= bottom; j++) {
      span interior;
      if (used[j] || used[j + 1] || !bar_row(&block->lines[j], &interior)) continue;
      split_bars(interior, cells);
      if (cells->count < 2 || !cells->items[0].length) continue;
      if (!pymm_guide__starts_with(&block->lines[j + 1], PYMM_GUIDE__BOX_VERTICAL) ||
          !is_rule(pymm_guide__panel_interior(&block->lines[j + 1])))
        continue;
      body head = {0}, data = {0};
      body_add(&head, cells, block->first_line + j);
      uint32_t last = j + 1;
      for (uint32_t k = j + 2; k <= bottom && !used[k] && bar_row(&block->lines[k], &interior); k++) {
        split_bars(interior, cells);
        body_add(&data, cells, block->first_line + k);
        last = k;
      }
      /* Trailing separators belong to the panel, not the table. */
      while (last > j + 1 && !data.items[last - j - 2].cells) last--;
      title_cache cache = {0};
      if (finish_table(guide, block, &head, &data, j, last, title_for(guide, block, j, (int32_t)p, &cache))) {
        for (uint32_t k = j; k <= last; k++) used[k] = true;
        j = last;
      }
      body_free(&head);
      body_free(&data);
    }
  }
}

void pymm_guide__add_tables(pymm_guide *guide, pymm_guide__block *block) {
  bool any = false;
  for (uint32_t k = 0; k < block->line_count && !any; k++) any = has_box_bytes(&block->lines[k]);
  if (!any) return;
  columns *maps = pymm_calloc(block->line_count, sizeof *maps);
  bool *used = pymm_calloc(block->line_count, sizeof *used);
  spans cells = {0};
  add_box_tables(guide, block, maps, used, &cells);
  add_bar_tables(guide, block, used, &cells);
  free(cells.items);
  for (uint32_t k = 0; k < block->line_count; k++) free(maps[k].offsets);
  free(maps);
  free(used);
}
