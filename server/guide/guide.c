/* The guide index: cmark parses the Markdown; its headings become sections and its code blocks are
 * handed to fragments.c and tables.c; lookup.c then indexes the entries for ranking. */
#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "guide_internal.h"

/* ---- arena -------------------------------------------------------------------------------------- */

/* Everything the entries and tables point to lives in a few large blocks, freed together. */
struct pymm_guide__arena_block {
  pymm_guide__arena_block *next;
  size_t used, cap;
  _Alignas(8) unsigned char data[];
};

enum { ARENA_BLOCK_SIZE = 64 * 1024 };

void *pymm_guide__alloc(pymm_guide *guide, size_t size) {
  size = (size + 7) & ~(size_t)7;
  pymm_guide__arena_block *block = guide->arena;
  if (!block || block->cap - block->used < size) {
    bool large = size > ARENA_BLOCK_SIZE / 4;
    size_t cap = large ? size : ARENA_BLOCK_SIZE;
    pymm_guide__arena_block *fresh = pymm_alloc(sizeof *fresh + cap);
    fresh->cap = cap;
    fresh->used = 0;
    if (large && block) {
      /* A large piece gets a block of its own behind the current one, which keeps its free space. */
      fresh->next = block->next;
      block->next = fresh;
      fresh->used = size;
      memset(fresh->data, 0, size);
      return fresh->data;
    }
    fresh->next = block;
    guide->arena = fresh;
    block = fresh;
  }
  void *p = block->data + block->used;
  block->used += size;
  memset(p, 0, size);
  return p;
}

char *pymm_guide__strndup(pymm_guide *guide, const char *s, size_t n) {
  char *copy = pymm_guide__alloc(guide, n + 1);
  if (n) memcpy(copy, s, n);
  copy[n] = '\0';
  return copy;
}

/* Frees every block of an arena. */
static void arena_free(pymm_guide__arena_block *block) {
  while (block) {
    pymm_guide__arena_block *next = block->next;
    free(block);
    block = next;
  }
}

/* ---- entries and tables ------------------------------------------------------------------------- */

int32_t pymm_guide__add_entry(pymm_guide *guide, const pymm_guide_entry *entry) {
  PYMM_GROW(guide->entries, guide->entry_cap, guide->entry_count + 1);
  guide->entries[guide->entry_count] = *entry;
  return (int32_t)guide->entry_count++;
}

pymm_guide_table *pymm_guide__add_table(pymm_guide *guide) {
  PYMM_GROW(guide->tables, guide->table_cap, guide->table_count + 1);
  pymm_guide_table *table = &guide->tables[guide->table_count++];
  memset(table, 0, sizeof *table);
  return table;
}

/* ---- UTF-8 and character classes ---------------------------------------------------------------- */

uint32_t pymm_guide__decode(const char *s, size_t n, size_t *i) {
  const unsigned char *p = (const unsigned char *)s;
  size_t k = *i;
  uint32_t c = p[k];
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (c < 0x80 || len == 1 || k + len > n) {
    *i = k + 1;
    return c;
  }
  uint32_t cp = c & (0x7Fu >> len);
  for (size_t j = 1; j < len; j++) {
    if ((p[k + j] & 0xC0) != 0x80) {
      *i = k + 1;
      return c;
    }
    cp = (cp << 6) | (p[k + j] & 0x3Fu);
  }
  *i = k + len;
  return cp;
}

void pymm_guide__put_cp(pymm_buf *out, uint32_t cp) {
  char b[4];
  size_t n;
  if (cp < 0x80) {
    b[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    b[0] = (char)(0xC0 | (cp >> 6));
    b[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    b[0] = (char)(0xE0 | (cp >> 12));
    b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    b[0] = (char)(0xF0 | (cp >> 18));
    b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  pymm_buf_append(out, b, n);
}

bool pymm_guide__is_word_cp(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
  if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false; /* punctuation, arrows, math, box drawing, dingbats (✓ ✗) */
  if (cp >= 0x2E00 && cp <= 0x2E7F) return false;
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  if (cp >= 0xD800 && cp <= 0xF8FF) return false; /* surrogates, private use */
  if (cp >= 0xFE00 && cp <= 0xFE6F) return false;
  if ((cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
      (cp >= 0xFF5B && cp <= 0xFF65))
    return false;
  if (cp >= 0xFFF0 && cp <= 0xFFFF) return false;
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false; /* emoji and pictographs */
  if (cp >= 0xE0000) return false;
  return true;
}

uint32_t pymm_guide__lower_cp(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp < 0xC0) return cp;
  if (cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x137 && cp != 0x130) return cp | 1;
  if (cp >= 0x139 && cp <= 0x148) return (cp & 1) ? cp + 1 : cp;
  if (cp >= 0x14A && cp <= 0x177) return cp | 1;
  if (cp == 0x178) return 0xFF;
  if (cp >= 0x179 && cp <= 0x17E) return (cp & 1) ? cp + 1 : cp;
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

bool pymm_guide__is_box_cp(uint32_t cp) { return cp >= 0x2500 && cp <= 0x257F; }

bool pymm_guide__has_box(const char *s, size_t n) {
  for (size_t i = 0; i < n;)
    if (pymm_guide__is_box_cp(pymm_guide__decode(s, n, &i))) return true;
  return false;
}

/* ---- lines -------------------------------------------------------------------------------------- */

static bool is_space(char c) { return c == ' ' || c == '\t'; }

void pymm_guide__trim(const char **s, size_t *n) {
  while (*n && is_space(**s)) (*s)++, (*n)--;
  while (*n && is_space((*s)[*n - 1])) (*n)--;
}

bool pymm_guide__starts_with(const pymm_guide__line *line, const char *prefix) {
  size_t n = strlen(prefix);
  return line->length >= n && memcmp(line->text, prefix, n) == 0;
}

bool pymm_guide__is_blank(const pymm_guide__line *line) {
  for (size_t i = 0; i < line->length; i++)
    if (!is_space(line->text[i])) return false;
  return true;
}

pymm_guide__line pymm_guide__panel_interior(const pymm_guide__line *line) {
  pymm_guide__line t = *line;
  if (pymm_guide__starts_with(line, PYMM_GUIDE__BOX_VERTICAL) ||
      pymm_guide__starts_with(line, PYMM_GUIDE__BOX_TEE_RIGHT))
    t.text += 3, t.length -= 3;
  pymm_guide__trim(&t.text, &t.length);
  if (t.length >= 3 && memcmp(t.text + t.length - 3, PYMM_GUIDE__BOX_VERTICAL, 3) == 0) t.length -= 3;
  pymm_guide__trim(&t.text, &t.length);
  return t;
}

/* ---- slugs -------------------------------------------------------------------------------------- */

void pymm_guide__slugify(pymm_buf *out, const char *text, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint32_t cp = pymm_guide__decode(text, n, &i);
    if (cp == ' ' || cp == '-') pymm_buf_putc(out, '-');
    else if (pymm_guide__is_word_cp(cp)) pymm_guide__put_cp(out, pymm_guide__lower_cp(cp));
  }
  if (!out->data) pymm_buf_append(out, "", 0);
}

typedef struct slug_key {
  const pymm_guide__slugs *set;
  const char *slug;
} slug_key;

static bool same_slug(const void *context, uint32_t item) {
  const slug_key *k = context;
  return strcmp(k->set->items[item].slug, k->slug) == 0;
}

/* The number of 'slug' in the set, or PYMM_INDEX_NONE. */
static uint32_t slug_find(const pymm_guide__slugs *set, const char *slug) {
  slug_key key = {set, slug};
  return pymm_index_find(&set->index, pymm_hash(PYMM_HASH_SEED, slug, strlen(slug)), same_slug, &key);
}

static const char *slug_add(pymm_guide *guide, const char *slug, size_t n) {
  pymm_guide__slugs *set = &guide->slugs;
  PYMM_GROW(set->items, set->cap, set->count + 1);
  set->items[set->count] = (pymm_guide__slug){.slug = pymm_guide__strndup(guide, slug, n)};
  pymm_index_add(&set->index, pymm_hash(PYMM_HASH_SEED, slug, n), (uint32_t)set->count);
  return set->items[set->count++].slug;
}

const char *pymm_guide__unique_slug(pymm_guide *guide, const char *base) {
  pymm_guide__slugs *set = &guide->slugs;
  uint32_t found = slug_find(set, base);
  if (found == PYMM_INDEX_NONE) return slug_add(guide, base, strlen(base));
  /* As github-slugger does: count the base's occurrences and try base-N until one is free. */
  pymm_buf candidate = {0};
  size_t n = set->items[found].last;
  do {
    n++;
    pymm_buf_clear(&candidate);
    pymm_buf_printf(&candidate, "%s-%zu", base, n);
  } while (slug_find(set, candidate.data) != PYMM_INDEX_NONE);
  set->items[found].last = n;
  const char *slug = slug_add(guide, candidate.data, candidate.len);
  pymm_buf_free(&candidate);
  return slug;
}

/* ---- loading ------------------------------------------------------------------------------------ */

/* Splits the source into lines the way cmark counts them: "\n", "\r\n" and a lone "\r" all end a line. */
static void index_lines(pymm_guide *guide) {
  const char *s = guide->source;
  size_t n = guide->length, cap = 0, count = 0;
  for (size_t start = 0; start < n && count < UINT32_MAX - 1;) {
    const char *newline = memchr(s + start, '\n', n - start);
    size_t end = newline ? (size_t)(newline - s) : n;
    const char *cr = memchr(s + start, '\r', end - start);
    size_t next = end + 1;
    if (cr) {
      end = (size_t)(cr - s);
      next = end + 1 + (end + 1 < n && s[end + 1] == '\n');
    }
    PYMM_GROW(guide->lines, cap, count + 1);
    guide->lines[count++] = (pymm_guide__span){start, end - start};
    start = next;
  }
  guide->line_count = (uint32_t)count;
}

/* The text of a heading: its inline text, code spans and line breaks (as spaces), without markup. */
static void heading_text(cmark_node *heading, pymm_buf *out) {
  cmark_iter *iter = cmark_iter_new(heading);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node *node = cmark_iter_get_node(iter);
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      pymm_buf_puts(out, cmark_node_get_literal(node));
      break;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
      pymm_buf_putc(out, ' ');
      break;
    default:
      break;
    }
  }
  cmark_iter_free(iter);
}

/* True when the code block starts with a fence line rather than being indented code. cmark says where
 * the block starts: on the fence for a fenced block, on the first code character for an indented one. */
static bool block_is_fenced(const pymm_guide *guide, cmark_node *node, const char *literal) {
  int line = cmark_node_get_start_line(node), column = cmark_node_get_start_column(node);
  if (line < 1 || (uint32_t)line > guide->line_count || column < 1) return true;
  pymm_guide__span span = guide->lines[line - 1];
  if ((size_t)column - 1 >= span.length) return true;
  const char *at = guide->source + span.start + column - 1;
  size_t rest = span.length - ((size_t)column - 1);
  if (rest < 3 || !((at[0] == '`' && at[1] == '`' && at[2] == '`') || (at[0] == '~' && at[1] == '~' && at[2] == '~')))
    return false;
  /* An indented block whose first line is itself "```": its literal starts with the same text. */
  size_t first = strcspn(literal, "\n");
  return !(first == rest && memcmp(literal, at, rest) == 0);
}

/* Splits a code block's literal into lines and runs the fragment and table finders over it. */
static void add_code_block(pymm_guide *guide, cmark_node *node, int32_t section) {
  const char *literal = cmark_node_get_literal(node);
  if (!literal) return;
  int start = cmark_node_get_start_line(node);
  if (start < 1) return;
  pymm_guide__block block = {0};
  block.first_line = (uint32_t)start + (block_is_fenced(guide, node, literal) ? 1u : 0u);
  block.section = section;
  block.first_fragment = guide->entry_count;
  size_t cap = 0, n = strlen(literal);
  for (size_t i = 0; i < n;) {
    const char *newline = memchr(literal + i, '\n', n - i);
    size_t end = newline ? (size_t)(newline - literal) : n;
    size_t len = end - i;
    if (len && literal[i + len - 1] == '\r') len--;
    if (block.line_count == UINT32_MAX - 1) break;
    PYMM_GROW(block.lines, cap, (size_t)block.line_count + 1);
    block.lines[block.line_count++] = (pymm_guide__line){literal + i, len};
    i = end + 1;
  }
  if (block.line_count) {
    pymm_guide__add_fragments(guide, &block);
    pymm_guide__add_tables(guide, &block);
  }
  free(block.lines);
}

/* Sets each section's last line and parent: a section ends where the next heading of the same or a
 * higher level begins, and its parent is the nearest enclosing heading. */
static void close_sections(pymm_guide *guide) {
  int32_t *stack = pymm_alloc((guide->entry_count + 1) * sizeof *stack);
  size_t depth = 0;
  for (size_t i = 0; i < guide->entry_count; i++) {
    pymm_guide_entry *e = &guide->entries[i];
    if (e->kind != PYMM_GUIDE_SECTION) continue;
    while (depth && guide->entries[stack[depth - 1]].level >= e->level) {
      pymm_guide_entry *open = &guide->entries[stack[--depth]];
      open->line_end = e->line_start > open->line_start ? e->line_start - 1 : open->line_start;
    }
    e->parent = depth ? stack[depth - 1] : -1;
    stack[depth++] = (int32_t)i;
  }
  while (depth) {
    pymm_guide_entry *open = &guide->entries[stack[--depth]];
    open->line_end = guide->line_count > open->line_start ? guide->line_count : open->line_start;
  }
  free(stack);
}

static void precompute_match_titles(pymm_guide *guide);

pymm_guide *pymm_guide_load(const char *markdown, size_t length, const char *path, pymm_error *err) {
  const char *name = path ? path : "the guide";
  if (!markdown && length) {
    pymm_error_set(err, "%s: no text", name);
    return NULL;
  }
  if (!markdown) markdown = "";
  if (!pymm_utf8_valid(markdown, length)) {
    pymm_error_set(err, "%s: not valid UTF-8", name);
    return NULL;
  }
  cmark_node *document = cmark_parse_document(markdown, length, CMARK_OPT_DEFAULT);
  if (!document) {
    pymm_error_set(err, "%s: cmark could not parse it", name);
    return NULL;
  }

  /* Headings and code blocks, in document order. */
  cmark_node **nodes = NULL;
  size_t node_count = 0, node_cap = 0, heading_count = 0;
  cmark_iter *iter = cmark_iter_new(document);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node *node = cmark_iter_get_node(iter);
    cmark_node_type type = cmark_node_get_type(node);
    if (type != CMARK_NODE_HEADING && type != CMARK_NODE_CODE_BLOCK) continue;
    PYMM_GROW(nodes, node_cap, node_count + 1);
    nodes[node_count++] = node;
    if (type == CMARK_NODE_HEADING) heading_count++;
  }
  cmark_iter_free(iter);
  if (heading_count == 0) {
    pymm_error_set(err, "%s: no heading, so nothing to index (is it a Markdown guide?)", name);
    free(nodes);
    cmark_node_free(document);
    return NULL;
  }

  pymm_guide *guide = pymm_calloc(1, sizeof *guide);
  guide->path = path ? pymm_strdup(path) : NULL;
  guide->source = pymm_strndup(markdown, length);
  guide->length = length;
  index_lines(guide);

  /* Section slugs first, among sections only, so they equal GitHub's anchors; fragment slugs then
   * avoid them. */
  const char **titles = pymm_calloc(heading_count, sizeof *titles);
  const char **slugs = pymm_calloc(heading_count, sizeof *slugs);
  pymm_buf text = {0}, slug = {0};
  for (size_t i = 0, h = 0; i < node_count; i++) {
    if (cmark_node_get_type(nodes[i]) != CMARK_NODE_HEADING) continue;
    pymm_buf_clear(&text);
    heading_text(nodes[i], &text);
    const char *s = text.data ? text.data : "";
    size_t n = text.len;
    pymm_guide__trim(&s, &n);
    titles[h] = pymm_guide__strndup(guide, s, n);
    pymm_buf_clear(&slug);
    pymm_guide__slugify(&slug, s, n);
    slugs[h++] = pymm_guide__unique_slug(guide, slug.data);
  }
  pymm_buf_free(&text);
  pymm_buf_free(&slug);

  int32_t section = -1;
  for (size_t i = 0, h = 0; i < node_count; i++) {
    cmark_node *node = nodes[i];
    if (cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK) {
      add_code_block(guide, node, section);
      continue;
    }
    int line = cmark_node_get_start_line(node);
    pymm_guide_entry entry = {
        .kind = PYMM_GUIDE_SECTION,
        .level = cmark_node_get_heading_level(node),
        .title = titles[h],
        .slug = slugs[h],
        .line_start = line > 0 ? (uint32_t)line : 1,
        .parent = -1,
    };
    h++;
    section = pymm_guide__add_entry(guide, &entry);
  }
  free(titles);
  free(slugs);
  free(nodes);
  cmark_node_free(document);
  free(guide->slugs.items);
  pymm_index_free(&guide->slugs.index);
  guide->slugs = (pymm_guide__slugs){0};

  close_sections(guide);
  precompute_match_titles(guide);
  pymm_guide__index_build(guide);
  return guide;
}

void pymm_guide_free(pymm_guide *guide) {
  if (!guide) return;
  pymm_guide__index_free(guide->index);
  free(guide->match_full);
  free(guide->match_short);
  free(guide->entries);
  free(guide->tables);
  free(guide->lines);
  free(guide->source);
  free(guide->path);
  free(guide->slugs.items);
  pymm_index_free(&guide->slugs.index);
  arena_free(guide->arena);
  free(guide);
}

/* ---- accessors ---------------------------------------------------------------------------------- */

const char *pymm_guide_path(const pymm_guide *guide) { return guide->path; }

const char *pymm_guide_source(const pymm_guide *guide, size_t *length) {
  if (length) *length = guide->length;
  return guide->source;
}

uint32_t pymm_guide_line_count(const pymm_guide *guide) { return guide->line_count; }

const char *pymm_guide_line(const pymm_guide *guide, uint32_t line, size_t *length) {
  if (line < 1 || line > guide->line_count) return NULL;
  pymm_guide__span span = guide->lines[line - 1];
  if (length) *length = span.length;
  return guide->source + span.start;
}

size_t pymm_guide_entry_count(const pymm_guide *guide) { return guide->entry_count; }

const pymm_guide_entry *pymm_guide_entry_at(const pymm_guide *guide, size_t index) {
  return index < guide->entry_count ? &guide->entries[index] : NULL;
}

size_t pymm_guide_table_count(const pymm_guide *guide) { return guide->table_count; }

const pymm_guide_table *pymm_guide_table_at(const pymm_guide *guide, size_t index) {
  return index < guide->table_count ? &guide->tables[index] : NULL;
}

const char *pymm_guide_table_cell(const pymm_guide_table *table, uint32_t row, uint32_t column) {
  if (row >= table->row_count || column >= table->column_count) return NULL;
  return table->cells[(size_t)row * table->column_count + column];
}

int32_t pymm_guide_table_find_row(const pymm_guide_table *table, const char *text) {
  if (!table || !text || table->column_count == 0) return -1;
  size_t n = strlen(text);
  pymm_guide__trim(&text, &n);
  char *wanted = pymm_strndup(text, n);
  int32_t found = -1;
  for (uint32_t row = 1; row < table->row_count && found < 0; row++)
    if (pymm_ascii_ieq(table->cells[(size_t)row * table->column_count], wanted)) found = (int32_t)row;
  free(wanted);
  return found;
}

/* ---- pymm_guide_find ---------------------------------------------------------------------------- */

/* Where a parenthesised tail starts ("List (Dynamic Array)" -> 5), or n when the text has none. */
static size_t tail_start(const char *s, size_t n) {
  while (n && is_space(s[n - 1])) n--;
  if (!n || s[n - 1] != ')') return n;
  int depth = 0;
  for (size_t i = n; i-- > 0;) {
    if (s[i] == ')') depth++;
    else if (s[i] == '(' && --depth == 0) return i > 0 ? i : n;
  }
  return n;
}

/* Where a fragment header's tail starts: its first ':' or " - ". */
static size_t head_end(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (s[i] == ':') return i;
    if (s[i] == ' ' && i + 2 < n && s[i + 1] == '-' && s[i + 2] == ' ') return i;
  }
  return n;
}

/* The form pymm_guide_find() compares: leading '#' and numbering ("3.", "1.2)") dropped, optionally the
 * fragment tail and the parenthesised tail, then lowercase words separated by single spaces. */
static void normalize(pymm_buf *out, const char *s, size_t n, bool shorten, bool fragment) {
  pymm_guide__trim(&s, &n);
  while (n && (*s == '#' || is_space(*s))) s++, n--;
  size_t i = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9') {
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i < n && (s[i] == '.' || s[i] == ')')) i++;
    else {
      i = 0; /* "3D graphics" is a title, not numbering */
      break;
    }
  }
  if (i && (i == n || is_space(s[i]))) s += i, n -= i;
  if (shorten) {
    if (fragment) n = head_end(s, n);
    n = tail_start(s, n);
  }
  pymm_buf_clear(out);
  pymm_buf_append(out, "", 0);
  bool gap = false;
  for (size_t k = 0; k < n;) {
    uint32_t cp = pymm_guide__decode(s, n, &k);
    if (!pymm_guide__is_word_cp(cp) || cp == '_') {
      gap = true;
      continue;
    }
    if (gap && out->len) pymm_buf_putc(out, ' ');
    gap = false;
    pymm_guide__put_cp(out, pymm_guide__lower_cp(cp));
  }
}

/* Fills match_full and match_short for every entry, so pymm_guide_find() normalises only its argument. */
static void precompute_match_titles(pymm_guide *guide) {
  guide->match_full = pymm_calloc(guide->entry_count + 1, sizeof *guide->match_full);
  guide->match_short = pymm_calloc(guide->entry_count + 1, sizeof *guide->match_short);
  pymm_buf text = {0};
  for (size_t i = 0; i < guide->entry_count; i++) {
    const pymm_guide_entry *e = &guide->entries[i];
    bool fragment = e->kind == PYMM_GUIDE_FRAGMENT;
    normalize(&text, e->title, strlen(e->title), false, fragment);
    guide->match_full[i] = pymm_guide__strndup(guide, text.data, text.len);
    normalize(&text, e->title, strlen(e->title), true, fragment);
    guide->match_short[i] = pymm_guide__strndup(guide, text.data, text.len);
  }
  pymm_buf_free(&text);
}

/* The entries a reference may name: all of them, or those inside entry 'scope' (after it, within its lines). */
static void scope_range(const pymm_guide *guide, int32_t scope, size_t *from, size_t *to) {
  if (scope < 0) {
    *from = 0;
    *to = guide->entry_count;
    return;
  }
  const pymm_guide_entry *outer = &guide->entries[scope];
  size_t i = (size_t)scope + 1;
  while (i < guide->entry_count && guide->entries[i].line_start <= outer->line_end) i++;
  *from = (size_t)scope + 1;
  *to = i;
}

enum { MATCH_FULL, MATCH_SHORT, MATCH_PREFIX };

/* Whether entry i's title matches the normalised reference at tier 'how'. */
static bool title_matches(const pymm_guide *guide, size_t i, int how, const char *full, const char *shorter) {
  switch (how) {
  case MATCH_FULL:
    return strcmp(guide->match_full[i], full) == 0;
  case MATCH_SHORT:
    return strcmp(guide->match_short[i], shorter) == 0 || strcmp(guide->match_short[i], full) == 0;
  default:
    return strncmp(guide->match_full[i], full, strlen(full)) == 0;
  }
}

/* Finds one reference (no '>') among the entries in 'scope'. */
static int32_t find_one(const pymm_guide *guide, const char *ref, size_t n, int32_t scope) {
  pymm_guide__trim(&ref, &n);
  size_t from, to;
  scope_range(guide, scope, &from, &to);
  const char *slug = ref;
  size_t slug_len = n;
  if (slug_len && *slug == '#') slug++, slug_len--;
  for (size_t i = from; i < to; i++)
    if (slug_len && strlen(guide->entries[i].slug) == slug_len && memcmp(guide->entries[i].slug, slug, slug_len) == 0)
      return (int32_t)i;
  pymm_buf full_text = {0}, short_text = {0};
  normalize(&full_text, ref, n, false, false);
  normalize(&short_text, ref, n, true, false);
  const char *full = full_text.data, *shorter = short_text.data;
  int32_t found = -1;
  if (full[0]) {
    /* Tier by tier, sections before fragments, each in document order. */
    for (int how = MATCH_FULL; how <= MATCH_PREFIX && found < 0; how++)
      for (int kind = PYMM_GUIDE_SECTION; kind <= PYMM_GUIDE_FRAGMENT && found < 0; kind++)
        for (size_t i = from; i < to && found < 0; i++)
          if ((int)guide->entries[i].kind == kind && title_matches(guide, i, how, full, shorter)) found = (int32_t)i;
  }
  pymm_buf_free(&full_text);
  pymm_buf_free(&short_text);
  return found;
}

int32_t pymm_guide_find(const pymm_guide *guide, const char *ref) {
  if (!guide || !ref) return -1;
  size_t n = strlen(ref);
  const char *split = memchr(ref, '>', n);
  if (!split) return find_one(guide, ref, n, -1);
  /* A title may itself hold '>': the whole reference is tried as a title first. */
  int32_t whole = find_one(guide, ref, n, -1);
  if (whole >= 0) return whole;
  int32_t scope = -1;
  const char *part = ref;
  for (;;) {
    const char *gt = strchr(part, '>');
    size_t len = gt ? (size_t)(gt - part) : strlen(part);
    scope = find_one(guide, part, len, scope);
    if (scope < 0 || !gt) return scope;
    part = gt + 1;
  }
}
