/* Private to server/guide/: the guide struct and the helpers its files share.
 * guide.c walks the cmark tree; fragments.c and tables.c read the lines of one code block;
 * lookup.c builds the token index once the entries are known. */
#ifndef PYMM_GUIDE_INTERNAL_H
#define PYMM_GUIDE_INTERNAL_H

#include "pymm/guide.h"

typedef struct pymm_guide__arena_block pymm_guide__arena_block;

/* Bytes [start, start + length) of a string. */
typedef struct pymm_guide__span {
  size_t start, length;
} pymm_guide__span;
typedef struct pymm_guide__index pymm_guide__index;

/* The slugs given so far, each with the last suffix tried for it (github-slugger's occurrences). */
typedef struct pymm_guide__slug {
  const char *slug; /* arena string */
  size_t last;
} pymm_guide__slug;

typedef struct pymm_guide__slugs {
  pymm_guide__slug *items;
  size_t count, cap;
  pymm_index index;
} pymm_guide__slugs;

struct pymm_guide {
  char *path;
  char *source; /* a NUL-terminated copy of the Markdown */
  size_t length;
  pymm_guide__span *lines; /* line_count spans of 'source', without their line endings */
  uint32_t line_count;
  pymm_guide_entry *entries;
  size_t entry_count, entry_cap;
  pymm_guide_table *tables;
  size_t table_count, table_cap;
  pymm_guide__arena_block *arena; /* every string and array the entries and tables point to */
  pymm_guide__slugs slugs;        /* used while loading only */
  const char **match_full;        /* per entry: the title normalised for pymm_guide_find() */
  const char **match_short;       /* ... without its numbering, parenthesised tail or (fragments) its tail after ':' */
  pymm_guide__index *index;       /* lookup.c */
};

/* One line of a code block's literal, without its newline. */
typedef struct pymm_guide__line {
  const char *text;
  size_t length;
} pymm_guide__line;

/* A code block, split into lines; lines[k] is guide line first_line + k. */
typedef struct pymm_guide__block {
  pymm_guide__line *lines;
  uint32_t line_count;
  uint32_t first_line;
  int32_t section;       /* the enclosing section's entry, -1 before the first heading */
  size_t first_fragment; /* the entries from here to entry_count were added for this block */
} pymm_guide__block;

/* The box-drawing characters a guide in this style draws with: UTF-8 bytes for prefix tests, code
 * points for reading by column. */
#define PYMM_GUIDE__BOX_VERTICAL "\xE2\x94\x82"    /* │ */
#define PYMM_GUIDE__BOX_TOP_LEFT "\xE2\x94\x8C"    /* ┌ */
#define PYMM_GUIDE__BOX_TEE_RIGHT "\xE2\x94\x9C"   /* ├ */
#define PYMM_GUIDE__BOX_BOTTOM_LEFT "\xE2\x94\x94" /* └ */

enum {
  PYMM_GUIDE__CP_HORIZONTAL = 0x2500,       /* ─ */
  PYMM_GUIDE__CP_HEAVY_HORIZONTAL = 0x2501, /* ━ */
  PYMM_GUIDE__CP_VERTICAL = 0x2502,         /* │ */
  PYMM_GUIDE__CP_TOP_LEFT = 0x250C,         /* ┌ */
  PYMM_GUIDE__CP_TOP_RIGHT = 0x2510,        /* ┐ */
  PYMM_GUIDE__CP_BOTTOM_LEFT = 0x2514,      /* └ */
  PYMM_GUIDE__CP_TEE_RIGHT = 0x251C,        /* ├ */
  PYMM_GUIDE__CP_TEE_DOWN = 0x252C,         /* ┬ */
  PYMM_GUIDE__CP_CROSS = 0x253C,            /* ┼ */
};

/* ---- guide.c ----------------------------------------------------------------------------------- */

/* Arena memory, 8-byte aligned, zeroed. Borrowed: valid until pymm_guide_free(). */
void *pymm_guide__alloc(pymm_guide *guide, size_t size);
/* A NUL-terminated arena copy of s[0..n). Borrowed: valid until pymm_guide_free(). */
char *pymm_guide__strndup(pymm_guide *guide, const char *s, size_t n);
/* Appends a copy of 'entry'; returns its index. */
int32_t pymm_guide__add_entry(pymm_guide *guide, const pymm_guide_entry *entry);
/* Makes room for one more table and returns it, zeroed; table_count already counts it. */
pymm_guide_table *pymm_guide__add_table(pymm_guide *guide);

/* Appends the GitHub-style slug of text[0..n) to 'out': lowercase, punctuation and symbols dropped
 * (but '-' and '_' kept), each space a '-'. */
void pymm_guide__slugify(pymm_buf *out, const char *text, size_t n);
/* 'base' if no slug of the guide has it yet, else base-1, base-2 ...; records it.
 * Borrowed: valid until pymm_guide_free(). */
const char *pymm_guide__unique_slug(pymm_guide *guide, const char *base);

/* Decodes the code point at s[*i] (n bytes in all) and advances *i; a stray byte decodes as itself. */
uint32_t pymm_guide__decode(const char *s, size_t n, size_t *i);
/* Appends code point 'cp' as UTF-8. */
void pymm_guide__put_cp(pymm_buf *out, uint32_t cp);
/* True for letters, digits and '_', and for non-ASCII code points outside the punctuation, symbol,
 * arrow, box-drawing and emoji blocks (a guide's words may be in any script). */
bool pymm_guide__is_word_cp(uint32_t cp);
/* Lowercase for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic; other code points unchanged. */
uint32_t pymm_guide__lower_cp(uint32_t cp);
/* True for U+2500..U+257F, the box-drawing block. */
bool pymm_guide__is_box_cp(uint32_t cp);
/* True when s[0..n) holds a box-drawing character. */
bool pymm_guide__has_box(const char *s, size_t n);

/* Shrinks [*s, *s + *n) past the spaces and tabs around it. */
void pymm_guide__trim(const char **s, size_t *n);
/* True when the line starts with the bytes of 'prefix'. */
bool pymm_guide__starts_with(const pymm_guide__line *line, const char *prefix);
/* True when the line holds nothing but spaces and tabs. */
bool pymm_guide__is_blank(const pymm_guide__line *line);
/* The text between a panel line's borders (a leading │ or ├, a trailing │), trimmed. */
pymm_guide__line pymm_guide__panel_interior(const pymm_guide__line *line);

/* ---- fragments.c / tables.c / lookup.c ---------------------------------------------------------- */

/* Adds the fragments of one code block (headers, ✗/✓ lines, panels) as entries. */
void pymm_guide__add_fragments(pymm_guide *guide, pymm_guide__block *block);
/* Adds the box tables and │-column tables of one code block; run after its fragments. */
void pymm_guide__add_tables(pymm_guide *guide, pymm_guide__block *block);
/* Builds the lookup index over the finished entries. */
void pymm_guide__index_build(pymm_guide *guide);
void pymm_guide__index_free(pymm_guide__index *index);

#endif
