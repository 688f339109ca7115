/* pymm guide layer: the index of a Markdown guide, built with cmark, and the topic map over it.
 *
 * Knows nothing of Python or LSP: it never includes tree_sitter/api.h or cJSON.h in this header.
 * A guide is immutable after pymm_guide_load(), so threads may share it.
 * Lines are 1-based and inclusive, as in the guide file. */
#ifndef PYMM_GUIDE_H
#define PYMM_GUIDE_H

#include "pymm/base.h"

typedef struct pymm_guide pymm_guide;

typedef enum pymm_guide_kind {
  PYMM_GUIDE_NONE = 0,
  PYMM_GUIDE_SECTION,  /* a Markdown heading: '#' (level 1), '##' (2), '###' (3) ... */
  PYMM_GUIDE_FRAGMENT, /* a sub-topic inside a code block of a section */
} pymm_guide_kind;

typedef enum pymm_fragment_kind {
  PYMM_FRAGMENT_NONE = 0,
  PYMM_FRAGMENT_HEADER,  /* an ALL-CAPS comment header: "# DEQUE - Double-ended queue O(1) both ends" */
  PYMM_FRAGMENT_WRONG,   /* "# ✗ WRONG ..." / "# ✗ DON'T: ..." up to the next fragment */
  PYMM_FRAGMENT_CORRECT, /* "# ✓ CORRECT ..." / "# ✓ DO: ..." */
  PYMM_FRAGMENT_PANEL,   /* a box panel drawn with ┌─┐│└┘ starting at the code block's left edge */
} pymm_fragment_kind;

typedef struct pymm_guide_entry {
  pymm_guide_kind kind;
  pymm_fragment_kind fragment; /* PYMM_FRAGMENT_NONE for sections */
  int level;                   /* heading level; fragments are one deeper than their section */
  const char *title;           /* heading text, or the fragment's header without '#', or the panel's title */
  const char *slug;            /* GitHub-style for sections ("1-python-object-model", unique with -1, -2 ...);
                                  "<section slug>--<slug of title>" for fragments, also unique */
  uint32_t line_start, line_end;
  int32_t parent; /* index of the enclosing entry (a fragment's section, a ### section's ##), -1 for none */
} pymm_guide_entry;

/* A table drawn with box characters, or with │ columns inside a panel, split into cells.
 * Row 0 is the header. A row drawn over several lines has its cells' lines joined with one space. */
typedef struct pymm_guide_table {
  int32_t entry;     /* the innermost entry (fragment or section) whose lines hold the table */
  const char *title; /* the text line just above the table ("Time Complexities:"), or the panel title; "" if none */
  uint32_t line_start, line_end;
  uint32_t row_count, column_count;
  const char *const *cells;  /* row_count * column_count, row-major, trimmed; "" for an empty cell */
  const uint32_t *row_lines; /* the guide line where each row starts */
} pymm_guide_table;

/* Builds the index. 'path' names the guide file for links ("Open in guide"); NULL for the embedded guide.
 * Caller owns the result; free with pymm_guide_free(). NULL + err when the text is not a usable guide
 * (not UTF-8, or no heading at all). */
pymm_guide *pymm_guide_load(const char *markdown, size_t length, const char *path, pymm_error *err);
void pymm_guide_free(pymm_guide *guide);

/* Borrowed: valid until pymm_guide_free(). */
const char *pymm_guide_path(const pymm_guide *guide);
const char *pymm_guide_source(const pymm_guide *guide, size_t *length);
uint32_t pymm_guide_line_count(const pymm_guide *guide);
/* The text of one line without its newline; NULL when out of range. Borrowed. */
const char *pymm_guide_line(const pymm_guide *guide, uint32_t line, size_t *length);

/* Entries in document order (a section precedes its fragments and subsections). Borrowed. */
size_t pymm_guide_entry_count(const pymm_guide *guide);
const pymm_guide_entry *pymm_guide_entry_at(const pymm_guide *guide, size_t index);

size_t pymm_guide_table_count(const pymm_guide *guide);
const pymm_guide_table *pymm_guide_table_at(const pymm_guide *guide, size_t index);
const char *pymm_guide_table_cell(const pymm_guide_table *table, uint32_t row, uint32_t column);
/* The first row (> 0) whose first cell equals 'text', ignoring case and surrounding space; -1 if none. */
int32_t pymm_guide_table_find_row(const pymm_guide_table *table, const char *text);

/* Finds an entry by reference, tolerantly: an exact slug; else a heading or fragment title equal to 'ref'
 * ignoring case, punctuation, leading numbering ("3.") and a parenthesised tail; else one that starts with it.
 * "Section heading > FRAGMENT TITLE" (or "slug > title") finds a fragment inside a section.
 * Returns the entry's index, or -1. */
int32_t pymm_guide_find(const pymm_guide *guide, const char *ref);

/* ---- lookup ------------------------------------------------------------------------------------ */

typedef struct pymm_guide_hit {
  uint32_t entry;
  double score;
} pymm_guide_hit;

/* Ranks entries for a free-text query: code words ("popleft", "lru_cache", "__slots__", "nonlocal") and prose
 * ("late binding", "GIL", "MRO"). Fills at most 'max_hits', best first; returns how many. Deterministic. */
size_t pymm_guide_lookup(const pymm_guide *guide, const char *query, pymm_guide_hit *hits, size_t max_hits);

/* ---- topic map --------------------------------------------------------------------------------- */

/* data/topics.json: each topic id maps to its guide anchor, an optional table row and a one-line summary. */
typedef struct pymm_topic {
  const char *id;              /* "list.pop-front": the capture name in data/queries/ *.scm */
  const char *title;           /* "lst.pop(0)": the construct as the user wrote it */
  const char *summary;         /* one line */
  const char *section;         /* the reference as written in topics.json */
  int32_t entry;               /* the resolved entry (section or fragment), -1 when the guide lacks it */
  int32_t table;               /* index of the table that holds 'row', -1 for none */
  int32_t row;                 /* the row in that table, -1 for none */
  const char *complexity;      /* the row's complexity cell(s), joined with " / "; NULL when no row */
  const char *const *see_also; /* topic ids, NULL-terminated */
} pymm_topic;

typedef struct pymm_topics pymm_topics;

/* Parses the topic map and resolves it against 'guide'. A topic whose section or row the guide lacks is kept
 * with entry/row -1 and named once in '*warnings' (caller owns it: free with free(); NULL when none).
 * Caller owns the result; free with pymm_topics_free(). NULL + err when the JSON is malformed. */
pymm_topics *pymm_topics_load(const char *json, size_t length, const pymm_guide *guide, char **warnings,
                              pymm_error *err);
void pymm_topics_free(pymm_topics *topics);
size_t pymm_topics_count(const pymm_topics *topics);
const pymm_topic *pymm_topics_at(const pymm_topics *topics, size_t index);
/* Borrowed: valid until pymm_topics_free(); NULL when unknown. */
const pymm_topic *pymm_topics_find(const pymm_topics *topics, const char *id);

/* ---- gotcha rules ------------------------------------------------------------------------------ */

/* LSP's DiagnosticSeverity values. */
typedef enum pymm_severity {
  PYMM_SEVERITY_NONE = 0,
  PYMM_SEVERITY_ERROR,
  PYMM_SEVERITY_WARNING,
  PYMM_SEVERITY_INFORMATION,
  PYMM_SEVERITY_HINT,
} pymm_severity;

typedef enum pymm_fix_safety {
  PYMM_FIX_NONE = 0, /* the rule offers no fix */
  PYMM_FIX_SAFE,     /* applied by fix-all */
  PYMM_FIX_UNSAFE,   /* may change behaviour: offered as a quick fix only */
} pymm_fix_safety;

/* data/rules.json: one gotcha rule's metadata. */
typedef struct pymm_rule {
  const char *code;               /* "PMM101": the capture name in data/queries/rules.scm */
  const char *name;               /* "mutable-default-argument" */
  const char *message;            /* one line */
  const char *section;            /* the guide reference as written in rules.json */
  const char *fix_title;          /* "Default to None and create the value in the body"; "" when none */
  const char *const *equivalents; /* ruff/pylint codes ("B006"), NULL-terminated */
  int32_t entry;                  /* the resolved guide entry, -1 when the guide lacks it */
  pymm_severity severity;
  pymm_fix_safety fix;
} pymm_rule;

typedef struct pymm_rules pymm_rules;

/* Parses the rule table and resolves each rule's section against 'guide'. A section the guide lacks is named
 * once in '*warnings' (caller owns it: free with free(); NULL when none) and the rule is kept with entry -1.
 * Caller owns the result; free with pymm_rules_free(). NULL + err when the JSON is malformed. */
pymm_rules *pymm_rules_load(const char *json, size_t length, const pymm_guide *guide, char **warnings, pymm_error *err);
void pymm_rules_free(pymm_rules *rules);
size_t pymm_rules_count(const pymm_rules *rules);
/* Borrowed: valid until pymm_rules_free(); NULL when out of range or unknown. */
const pymm_rule *pymm_rules_at(const pymm_rules *rules, size_t index);
/* Finds a rule by its code, ignoring case ("pmm101" works). */
const pymm_rule *pymm_rules_find(const pymm_rules *rules, const char *code);

#endif
