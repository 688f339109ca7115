#include "pymm/text.h"

#include <stdlib.h>
#include <string.h>

struct pymm_text {
  char *data;
  uint32_t length;
  size_t cap;
  uint32_t *lines; /* start offset of each line; lines[0] = 0 */
  uint32_t line_count;
  size_t line_cap;
  uint32_t nuls; /* NUL bytes in data[0..length) */
};

static uint32_t count_nuls(const char *s, size_t length) {
  uint32_t n = 0;
  for (const char *p = s, *stop = s + length; p < stop && (p = memchr(p, '\0', (size_t)(stop - p))); p++) n++;
  return n;
}

/* Recomputes line starts from offset 'from' (which must be a line start) on. */
static void index_lines_from(pymm_text *t, uint32_t first_line) {
  uint32_t from = t->lines[first_line];
  t->line_count = first_line + 1;
  for (uint32_t i = from; i < t->length; i++) {
    char c = t->data[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= t->length || t->data[i + 1] != '\n'))) {
      PYMM_GROW(t->lines, t->line_cap, (size_t)t->line_count + 1);
      t->lines[t->line_count++] = i + 1;
    }
  }
}

pymm_text *pymm_text_new(const char *s, size_t length) {
  pymm_text *t = pymm_calloc(1, sizeof *t);
  if (length > UINT32_MAX - 1) length = UINT32_MAX - 1;
  t->cap = length + 1;
  t->data = pymm_alloc(t->cap);
  if (length) memcpy(t->data, s, length);
  t->data[length] = '\0';
  t->length = (uint32_t)length;
  t->nuls = count_nuls(t->data, length);
  PYMM_GROW(t->lines, t->line_cap, 1);
  t->lines[0] = 0;
  index_lines_from(t, 0);
  return t;
}

void pymm_text_free(pymm_text *t) {
  if (!t) return;
  free(t->data);
  free(t->lines);
  free(t);
}

const char *pymm_text_data(const pymm_text *t) { return t->data; }
uint32_t pymm_text_length(const pymm_text *t) { return t->length; }
bool pymm_text_has_nul(const pymm_text *t) { return t->nuls > 0; }
uint32_t pymm_text_line_count(const pymm_text *t) { return t->line_count; }

uint32_t pymm_text_line_start(const pymm_text *t, uint32_t line) {
  return line < t->line_count ? t->lines[line] : t->length;
}

uint32_t pymm_text_line_end(const pymm_text *t, uint32_t line) {
  if (line >= t->line_count) return t->length;
  uint32_t end = line + 1 < t->line_count ? t->lines[line + 1] : t->length;
  uint32_t start = t->lines[line];
  if (end > start && t->data[end - 1] == '\n') end--;
  if (end > start && t->data[end - 1] == '\r') end--;
  return end;
}

/* The line holding 'offset' (binary search over line starts). */
static uint32_t line_of(const pymm_text *t, uint32_t offset) {
  uint32_t lo = 0, hi = t->line_count;
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (t->lines[mid] <= offset) lo = mid;
    else hi = mid;
  }
  return lo;
}

/* Length in bytes of the UTF-8 sequence starting with 'c'; 1 for a stray byte, so bad input still advances. */
static uint32_t sequence_length(unsigned char c) {
  if (c >= 0xF0 && c <= 0xF4) return 4;
  if (c >= 0xE0) return c <= 0xEF ? 3 : 1;
  if (c >= 0xC2) return 2;
  return 1;
}

/* Code units one UTF-8 sequence of 'bytes' bytes takes in 'encoding'. */
static uint32_t units_of(uint32_t bytes, pymm_encoding encoding) {
  if (encoding == PYMM_ENCODING_UTF8) return bytes;
  if (encoding == PYMM_ENCODING_UTF32) return 1;
  return bytes == 4 ? 2 : 1; /* astral code points are a surrogate pair in UTF-16 */
}

/* How many bytes of s[0..length) come before the first non-ASCII one, read 8 at a time: most code is ASCII,
 * where a byte is a code unit in every encoding, so a long line costs a memory scan rather than a decode. */
static size_t ascii_prefix(const char *s, size_t length) {
  size_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t word;
    memcpy(&word, s + i, 8);
    if (word & 0x8080808080808080u) break;
  }
  while (i < length && (unsigned char)s[i] < 0x80) i++;
  return i;
}

uint32_t pymm_text_units(const char *s, size_t length, pymm_encoding encoding) {
  if (encoding == PYMM_ENCODING_UTF8) return (uint32_t)length;
  size_t i = ascii_prefix(s, length);
  uint32_t units = (uint32_t)i;
  while (i < length) {
    uint32_t n = sequence_length((unsigned char)s[i]);
    if (i + n > length) n = (uint32_t)(length - i);
    units += units_of(n, encoding);
    i += n;
  }
  return units;
}

bool pymm_text_offset(const pymm_text *t, pymm_position p, pymm_encoding encoding, uint32_t *offset) {
  if (p.line >= t->line_count) {
    *offset = t->length;
    return false;
  }
  uint32_t i = t->lines[p.line], end = pymm_text_line_end(t, p.line);
  if (encoding == PYMM_ENCODING_UTF8) {
    /* Snap back to a code point boundary so a byte column inside a sequence never splits it. */
    uint32_t target = p.character > end - i ? end : i + p.character;
    while (target > i && ((unsigned char)t->data[target] & 0xC0) == 0x80) target--;
    *offset = target;
    return true;
  }
  uint32_t limit = end - i < p.character ? end - i : p.character;
  uint32_t units = (uint32_t)ascii_prefix(t->data + i, limit);
  if (units == limit) { /* ASCII up to the position, or up to the end of a shorter line */
    *offset = i + limit;
    return true;
  }
  i += units;
  while (i < end) {
    uint32_t n = sequence_length((unsigned char)t->data[i]);
    if (i + n > end) n = end - i;
    uint32_t u = units_of(n, encoding);
    if (units + u > p.character) break; /* the position is at or inside this code point */
    units += u;
    i += n;
  }
  *offset = i;
  return true;
}

pymm_position pymm_text_position(const pymm_text *t, uint32_t offset, pymm_encoding encoding) {
  if (offset > t->length) offset = t->length;
  uint32_t line = line_of(t, offset);
  uint32_t start = t->lines[line];
  pymm_position p = {line, pymm_text_units(t->data + start, offset - start, encoding)};
  return p;
}

pymm_point pymm_text_point(const pymm_text *t, uint32_t offset) {
  if (offset > t->length) offset = t->length;
  uint32_t line = line_of(t, offset);
  /* tree-sitter breaks rows at "\n" only: a line that ends in a lone "\r" continues the same row. Such lines
   * are rare, so counting them is one pass over the line starts, which an edit walks anyway. */
  uint32_t row_start = line;
  while (row_start > 0 && t->data[t->lines[row_start] - 1] == '\r') row_start--;
  uint32_t lone = line - row_start;
  for (uint32_t k = 1; k <= row_start; k++) lone += t->data[t->lines[k] - 1] == '\r';
  pymm_point p = {line - lone, offset - t->lines[row_start]};
  return p;
}

bool pymm_text_replace(pymm_text *t, uint32_t start, uint32_t end, const char *s, size_t length, pymm_text_edit *edit) {
  if (start > end) {
    uint32_t swap = start;
    start = end;
    end = swap;
  }
  if (end > t->length) end = t->length;
  if (start > end) start = end;
  size_t new_length = (size_t)t->length - (end - start) + length;
  if (new_length > UINT32_MAX - 1) return false;
  /* A "\r" then "\n" joined by the edit, or split by it, changes line breaks just before 'start'. */
  uint32_t first_line = line_of(t, start);
  if (first_line > 0) first_line--;
  if (edit) {
    edit->start_byte = start;
    edit->old_end_byte = end;
    edit->new_end_byte = start + (uint32_t)length;
    edit->start_point = pymm_text_point(t, start);
    edit->old_end_point = pymm_text_point(t, end);
  }
  if (new_length + 1 > t->cap) {
    size_t cap = t->cap * 2 > new_length + 1 ? t->cap * 2 : new_length + 1;
    t->data = pymm_realloc(t->data, cap);
    t->cap = cap;
  }
  /* Line starts after 'end' depend only on bytes after 'end', which move but do not change: they are kept,
   * shifted. Only the lines from 'first_line' to the end of the inserted text are indexed again, so an edit
   * costs the size of the edit (plus moving the starts), not the rest of the file. */
  uint32_t keep_from = line_of(t, end) + 1; /* the first line that starts after 'end' */
  t->nuls = t->nuls - count_nuls(t->data + start, end - start) + count_nuls(s, length);
  memmove(t->data + start + length, t->data + end, t->length - end + 1); /* with the NUL */
  if (length) memcpy(t->data + start, s, length);
  t->length = (uint32_t)new_length;
  uint32_t scan_end = start + (uint32_t)length, found = 0;
  for (int pass = 0; pass < 2; pass++) {
    uint32_t k = first_line + 1;
    for (uint32_t i = t->lines[first_line]; i < scan_end; i++) {
      char c = t->data[i];
      if (c == '\n' || (c == '\r' && t->data[i + 1] != '\n')) { /* data[length] is the NUL */
        if (pass == 1) t->lines[k] = i + 1;
        k++;
      }
    }
    if (pass == 1) break;
    found = k - first_line - 1;
    uint32_t kept = t->line_count - keep_from, count = first_line + 1 + found + kept;
    PYMM_GROW(t->lines, t->line_cap, (size_t)count);
    memmove(t->lines + first_line + 1 + found, t->lines + keep_from, (size_t)kept * sizeof *t->lines);
    uint32_t delta = (uint32_t)length - (end - start); /* wraps for a shrinking edit: unsigned arithmetic */
    for (uint32_t i = first_line + 1 + found; i < count; i++) t->lines[i] += delta;
    t->line_count = count;
  }
  if (edit) edit->new_end_point = pymm_text_point(t, edit->new_end_byte);
  return true;
}
