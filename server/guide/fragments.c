/* Fragments: the sub-topics a guide in this style keeps inside its code blocks. Three kinds start one:
 * an ALL-CAPS comment header ("# DEQUE - Double-ended queue O(1) both ends"), a ✗/✓ comment
 * ("# ✗ WRONG", "# ✓ DO: Be specific"), and a box panel drawn from ┌ at the block's left edge to └.
 * A header or ✗/✓ fragment runs to the next fragment of its block; a panel covers its box. */
#include <string.h>

#include "guide_internal.h"

static bool is_space(char c) { return c == ' ' || c == '\t'; }

/* ✗ ✘ ❌ mark a wrong example; ✓ ✔ ✅ a correct one. */
static pymm_fragment_kind mark_kind(uint32_t cp) {
  if (cp == 0x2717 || cp == 0x2718 || cp == 0x274C) return PYMM_FRAGMENT_WRONG;
  if (cp == 0x2713 || cp == 0x2714 || cp == 0x2705) return PYMM_FRAGMENT_CORRECT;
  return PYMM_FRAGMENT_NONE;
}

typedef struct header {
  pymm_fragment_kind kind;
  const char *title;
  size_t title_length;
  bool label; /* a one-word "FIX:" that labels part of the fragment above it */
} header;

/* Reads a comment header: '#', exactly one space, then either a ✗/✓ mark or text whose head (before
 * ':', " - " or " (") has at least three letters, all upper case. "#   4 BINARY_ADD" (aligned output)
 * and "# SHALLOW:        DEEP:" (a diagram's labels, spaced into columns) are not headers. */
static header parse_header(const pymm_guide__line *line) {
  header h = {0};
  const char *s = line->text;
  size_t n = line->length, i = 0;
  while (i < n && is_space(s[i])) i++;
  if (i + 2 >= n || s[i] != '#' || s[i + 1] != ' ' || is_space(s[i + 2])) return h;
  const char *text = s + i + 2;
  size_t len = n - i - 2;
  pymm_guide__trim(&text, &len);
  size_t k = 0;
  pymm_fragment_kind mark = mark_kind(pymm_guide__decode(text, len, &k));
  if (mark) {
    h.kind = mark;
    h.title = text;
    h.title_length = len;
    return h;
  }
  size_t head = len;
  for (size_t j = 0; j < len; j++) {
    if (j + 2 < len && text[j] == ' ' && text[j + 1] == ' ' && text[j + 2] == ' ') return h;
    if (head == len && (text[j] == ':' || (text[j] == ' ' && j + 2 < len && text[j + 1] == '-' && text[j + 2] == ' ') ||
                        (text[j] == ' ' && j + 1 < len && text[j + 1] == '(')))
      head = j;
  }
  size_t upper = 0;
  bool spaced = false;
  for (size_t j = 0; j < head; j++) {
    char c = text[j];
    if (c >= 'a' && c <= 'z') return h;
    if (c >= 'A' && c <= 'Z') upper++;
    if (c == ' ') spaced = true;
  }
  if (upper < 3) return h;
  h.kind = PYMM_FRAGMENT_HEADER;
  h.label = !spaced && head + 1 == len && text[head] == ':';
  /* A label's colon is punctuation, not part of the title: "WHY THIS MATTERS:" -> "WHY THIS MATTERS". */
  if (len && text[len - 1] == ':') len--;
  pymm_guide__trim(&text, &len);
  h.title = text;
  h.title_length = len;
  return h;
}

/* True when a panel starts at line k: ┌ at the left edge, a border of ─ up to ┐ (a ┬ would make it a
 * table), then lines starting with │ or ├ up to └. Sets *end to the └ line, or to the last │ line
 * when the box is never closed. */
static bool panel_at(const pymm_guide__block *block, uint32_t k, uint32_t *end) {
  const pymm_guide__line *top = &block->lines[k];
  if (!pymm_guide__starts_with(top, PYMM_GUIDE__BOX_TOP_LEFT)) return false;
  size_t i = 3;
  bool dashes = false, closed = false;
  while (i < top->length && !closed) {
    uint32_t cp = pymm_guide__decode(top->text, top->length, &i);
    if (cp == PYMM_GUIDE__CP_HORIZONTAL) dashes = true;
    else if (cp == PYMM_GUIDE__CP_TOP_RIGHT) closed = true;
    else return false;
  }
  if (!dashes || !closed) return false;
  uint32_t j = k + 1;
  for (; j < block->line_count; j++) {
    const pymm_guide__line *line = &block->lines[j];
    if (pymm_guide__starts_with(line, PYMM_GUIDE__BOX_BOTTOM_LEFT)) {
      *end = j;
      return true;
    }
    if (!pymm_guide__starts_with(line, PYMM_GUIDE__BOX_VERTICAL) &&
        !pymm_guide__starts_with(line, PYMM_GUIDE__BOX_TEE_RIGHT))
      break;
  }
  if (j == k + 1) return false; /* a lone border line draws nothing */
  *end = j - 1;
  return true;
}

/* The length of s[0..n) up to its first box-drawing character or run of three spaces. */
static size_t text_before_drawing(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    size_t at = i;
    if (i + 2 < n && s[i] == ' ' && s[i + 1] == ' ' && s[i + 2] == ' ') return at;
    if (pymm_guide__is_box_cp(pymm_guide__decode(s, n, &i))) return at;
  }
  return n;
}

/* A panel's title: the text of its title bar (the line above the first ├); else the caption just above
 * the box ("CLOSURE = Function + Captured Environment"); else its first line of text. */
static void panel_title(const pymm_guide__block *block, uint32_t k, uint32_t end, const char **title, size_t *len) {
  if (k + 2 <= end && pymm_guide__starts_with(&block->lines[k + 2], PYMM_GUIDE__BOX_TEE_RIGHT)) {
    pymm_guide__line interior = pymm_guide__panel_interior(&block->lines[k + 1]);
    *title = interior.text;
    *len = interior.length;
    if (*len) return;
  }
  for (uint32_t back = 1; back <= 2 && back <= k; back++) {
    const pymm_guide__line *line = &block->lines[k - back];
    if (pymm_guide__is_blank(line)) continue;
    const char *s = line->text;
    size_t n = line->length;
    pymm_guide__trim(&s, &n);
    while (n && (*s == '#' || is_space(*s))) s++, n--;
    if (!n || pymm_guide__has_box(s, n)) break;
    *title = s;
    *len = n;
    return;
  }
  for (uint32_t j = k + 1; j < end; j++) {
    if (pymm_guide__starts_with(&block->lines[j], PYMM_GUIDE__BOX_TEE_RIGHT)) continue;
    pymm_guide__line interior = pymm_guide__panel_interior(&block->lines[j]);
    *title = interior.text;
    *len = text_before_drawing(interior.text, interior.length);
    pymm_guide__trim(title, len);
    if (*len) return;
  }
  *title = "panel";
  *len = 5;
}

/* Adds a fragment of 'kind' for the block's lines [first, last] with the given title. */
static int32_t add_fragment(pymm_guide *guide, const pymm_guide__block *block, pymm_fragment_kind kind,
                            const char *title, size_t title_len, uint32_t first, uint32_t last) {
  const pymm_guide_entry *section = block->section >= 0 ? &guide->entries[block->section] : NULL;
  pymm_buf slug = {0};
  if (section) pymm_buf_printf(&slug, "%s--", section->slug);
  size_t prefix = slug.len;
  pymm_guide__slugify(&slug, title, title_len);
  /* "✗ WRONG" slugs to "-wrong": the mark's space would leave a dangling '-'. */
  size_t from = prefix, to = slug.len;
  while (from < to && slug.data[from] == '-') from++;
  while (to > from && slug.data[to - 1] == '-') to--;
  memmove(slug.data + prefix, slug.data + from, to - from);
  slug.len = prefix + (to - from);
  slug.data[slug.len] = '\0';
  if (slug.len == prefix) {
    static const char *const names[] = {"fragment", "header", "wrong", "correct", "panel"};
    pymm_buf_puts(&slug, names[kind]);
  }
  pymm_guide_entry entry = {
      .kind = PYMM_GUIDE_FRAGMENT,
      .fragment = kind,
      .level = section ? section->level + 1 : 1,
      .title = pymm_guide__strndup(guide, title, title_len),
      .slug = pymm_guide__unique_slug(guide, slug.data),
      .line_start = block->first_line + first,
      .line_end = block->first_line + last,
      .parent = block->section,
  };
  pymm_buf_free(&slug);
  return pymm_guide__add_entry(guide, &entry);
}

/* Ends the open fragment at line 'last', less its trailing blank lines. */
static void close_fragment(pymm_guide *guide, const pymm_guide__block *block, int32_t open, uint32_t last) {
  if (open < 0) return;
  pymm_guide_entry *e = &guide->entries[open];
  uint32_t first = e->line_start - block->first_line;
  while (last > first && pymm_guide__is_blank(&block->lines[last])) last--;
  e->line_end = block->first_line + last;
}

void pymm_guide__add_fragments(pymm_guide *guide, pymm_guide__block *block) {
  int32_t open = -1;
  for (uint32_t k = 0; k < block->line_count; k++) {
    uint32_t end;
    if (panel_at(block, k, &end)) {
      if (open >= 0) close_fragment(guide, block, open, k - 1);
      open = -1;
      const char *title;
      size_t len;
      panel_title(block, k, end, &title, &len);
      add_fragment(guide, block, PYMM_FRAGMENT_PANEL, title, len, k, end);
      k = end;
      continue;
    }
    header h = parse_header(&block->lines[k]);
    if (!h.kind) continue;
    /* "# FIX:" under "# GOTCHA 1: ..." belongs to the gotcha: a one-word label does not split it. */
    if (h.label && open >= 0 && guide->entries[open].fragment == PYMM_FRAGMENT_HEADER) continue;
    if (open >= 0) close_fragment(guide, block, open, k - 1);
    open = add_fragment(guide, block, h.kind, h.title, h.title_length, k, k);
  }
  if (open >= 0) close_fragment(guide, block, open, block->line_count - 1);
}
