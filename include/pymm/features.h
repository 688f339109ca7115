/* pymm features layer: pure functions from (engine, document, position, settings) to plain C results.
 *
 * Knows nothing of JSON-RPC: it never includes cJSON.h and does no I/O. lsp/ turns the results into
 * LSP JSON, cli/ prints them, tests call them directly. Broken Python is not an error: features return
 * what they can. */
#ifndef PYMM_FEATURES_H
#define PYMM_FEATURES_H

#include "pymm/guide.h"
#include "pymm/python.h"

/* ---- engine ------------------------------------------------------------------------------------ */

/* What every feature reads: the guide index, the topic map and the compiled queries. Immutable after
 * pymm_engine_new(), so threads may share one. */
typedef struct pymm_engine pymm_engine;

/* Builds an engine over a guide's Markdown (the embedded one: pymm_data_find(PYMM_DEFAULT_GUIDE)).
 * 'guide_file' is the guide's path on disk for "Open in guide" links, NULL for none. Topic-map sections the
 * guide lacks are listed in '*warnings' (caller owns it; free with free(); NULL when none) and skipped.
 * Caller owns the result; free with pymm_engine_free(). NULL + err when the guide or the data is unusable. */
pymm_engine *pymm_engine_new(const char *guide, size_t length, const char *guide_file, char **warnings,
                             pymm_error *err);
void pymm_engine_free(pymm_engine *engine);
/* Compiles now what is otherwise compiled on first use (the hover query, ~200 ms), e.g. on a loader thread.
 * False + err when a query does not compile. Thread-safe. */
bool pymm_engine_prepare(const pymm_engine *engine, pymm_error *err);
/* How many threads one diagnostics run over a large document may use: 1 (the default) or 2. A language
 * server sets 2 so that opening a file uses both cores; `pymm check` runs files in parallel instead. Set it
 * before the engine is shared. */
void pymm_engine_set_run_threads(pymm_engine *engine, unsigned threads);
/* Borrowed: valid until pymm_engine_free(). */
const pymm_guide *pymm_engine_guide(const pymm_engine *engine);
const pymm_topics *pymm_engine_topics(const pymm_engine *engine);

/* ---- settings ---------------------------------------------------------------------------------- */

typedef struct pymm_settings {
  uint32_t hover_max_table_rows; /* 0 = no cap */
  bool inlay_hints_complexity;
} pymm_settings;

/* The defaults: hover tables capped at 12 rows, inlay hints off. */
pymm_settings pymm_settings_default(void);

typedef enum pymm_markup {
  PYMM_MARKUP_NONE = 0,
  PYMM_MARKUP_PLAINTEXT,
  PYMM_MARKUP_MARKDOWN,
} pymm_markup;

/* ---- hover ------------------------------------------------------------------------------------- */

typedef struct pymm_hover {
  const pymm_topic *topic; /* borrowed from the engine */
  uint32_t start, end;     /* bytes of the construct the hover is about */
  char *code;              /* the construct as written ("lst.pop(0)"), shortened */
  char *hedge;             /* "if `xs` is a list" when the receiver's type is unknown, else NULL */
  char *computed_code;     /* what the guide's model computes for this code ("f = a(b(f))"), or NULL */
  char *computed_text;     /* one line of Markdown ("MRO: `D → B → C → A → object`"), or NULL */
} pymm_hover;

/* The hover for the construct at byte 'offset', or NULL when pymm has nothing to say there.
 * Caller owns the result; free with pymm_hover_free(). */
pymm_hover *pymm_hover_at(const pymm_engine *engine, pymm_document *doc, uint32_t offset);
void pymm_hover_free(pymm_hover *hover);
/* The hover as Markdown or plain text: title line, the guide's text, the table with the row in bold, a link
 * to the guide line, "See also". Caller owns the result; free with free(). */
char *pymm_hover_render(const pymm_engine *engine, const pymm_hover *hover, pymm_markup markup,
                        const pymm_settings *settings);

/* ---- complexity inlay hints -------------------------------------------------------------------- */

typedef struct pymm_inlay_hint {
  uint32_t offset;         /* where the hint goes: the end of the construct */
  const pymm_topic *topic; /* borrowed from the engine: the operation and its table row */
  uint32_t pattern;        /* the query pattern that found it (the earlier wins, as in hover) */
  bool per_iteration;      /* inside a loop body: the cost is paid on every iteration */
  char label[80];          /* "O(n)" or "O(n) per iteration" */
} pymm_inlay_hint;

/* Hints for the operations in bytes [start, end) whose table row is not O(1) and whose receiver's type is
 * known (never a hedged guess). Sorted by offset. Caller owns '*hints'; free with free(). */
size_t pymm_inlay_hints(const pymm_engine *engine, pymm_document *doc, uint32_t start, uint32_t end,
                        pymm_inlay_hint **hints);

/* ---- lookup and table of contents -------------------------------------------------------------- */

typedef struct pymm_lookup_item {
  uint32_t entry;    /* index into the guide's entries */
  const char *title; /* borrowed from the guide */
  const char *slug;
  const char *section; /* the enclosing section's title (the entry's own for a section) */
  uint32_t line;       /* 1-based line in the guide */
  double score;
} pymm_lookup_item;

/* Ranked matches for 'query', best first; at most 'max_items'. Caller owns '*items'; free with free(). */
size_t pymm_lookup(const pymm_engine *engine, const char *query, size_t max_items, pymm_lookup_item **items);
/* The entry's text as Markdown (code fences kept) or for a terminal (plain). Caller owns the result;
 * free with free(). */
char *pymm_entry_render(const pymm_engine *engine, uint32_t entry, pymm_markup markup);
/* A link to the entry's line: "file:///path/guide.md#L42", or NULL when the guide has no file. Caller owns
 * the result; free with free(). */
char *pymm_entry_link(const pymm_engine *engine, uint32_t entry);

/* ---- gotcha diagnostics, fixes and code actions ------------------------------------------------ */

/* Borrowed: valid until pymm_engine_free(). */
const pymm_rules *pymm_engine_rules(const pymm_engine *engine);

/* One replacement of bytes [start, end) of a document. */
typedef struct pymm_edit {
  uint32_t start, end;
  char *text;
} pymm_edit;

/* The edits of one fix, sorted by start and not overlapping; edit_count is 0 when there is no fix. */
typedef struct pymm_fix {
  pymm_fix_safety safety;
  pymm_edit *edits;
  size_t edit_count;
} pymm_fix;

typedef struct pymm_diagnostic {
  const pymm_rule *rule; /* borrowed from the engine */
  uint32_t start, end;   /* bytes of the construct */
  pymm_fix fix;
} pymm_diagnostic;

typedef struct pymm_diagnostics {
  pymm_diagnostic *items; /* sorted by start */
  size_t count;
  bool incremental;             /* made by pymm_diagnostics_update() re-running only where the text changed */
  bool without_fixes;           /* no finding has a fix: the text holds a NUL byte, or filter->no_fixes */
  struct pymm_outline *outline; /* what rules read across top-level statements; internal to diagnostics.c */
} pymm_diagnostics;

/* Which rules run: codes or code prefixes ("PMM1", "PMM101"; "ALL"), NULL-terminated lists. A NULL or empty
 * 'select' selects every rule; 'ignore' wins over 'select'. */
typedef struct pymm_rule_filter {
  const char *const *select;
  const char *const *ignore;
  bool no_fixes; /* report the findings without their fixes: the text is not the file's byte for byte */
} pymm_rule_filter;

bool pymm_rule_selected(const pymm_rule *rule, const pymm_rule_filter *filter);

/* Runs the selected rules over the document. A diagnostic on a line with "# noqa", "# noqa: PMM101" or
 * "# noqa: B006" (an equivalent code) is left out. 'filter' may be NULL (every rule).
 * Caller owns the result; free with pymm_diagnostics_free(). */
pymm_diagnostics *pymm_diagnostics_run(const pymm_engine *engine, pymm_document *doc, const pymm_rule_filter *filter);
/* The diagnostics after the document's changes (pymm_document_take_changes), from 'previous', those of the
 * text before them with the same filter: the rules run again only over the top-level statements the changed
 * bytes touch, and the findings elsewhere are kept, moved. When a change can reach further (a module-level
 * statement, a definition's header, a body that starts or stops yielding or declaring globals) all rules
 * run again. Takes ownership of 'previous' (may be NULL); the caller owns the result. */
pymm_diagnostics *pymm_diagnostics_update(const pymm_engine *engine, pymm_document *doc, pymm_diagnostics *previous,
                                          const pymm_rule_filter *filter);
void pymm_diagnostics_free(pymm_diagnostics *diagnostics);

/* Applies sorted, non-overlapping edits to text[0..length). Caller owns the result (NUL-terminated); free
 * with free(). '*out_length' may be NULL. */
char *pymm_edits_apply(const char *text, size_t length, const pymm_edit *edits, size_t count, size_t *out_length);

/* Applies every selected fix (safe ones, and unsafe ones too when 'unsafe'), a round at a time without
 * overlapping edits, until none is left, and returns the new text; NULL when nothing changed. A round whose
 * result no longer parses cleanly is retried one fix at a time, and a fix that breaks the parse is dropped.
 * '*fixed' counts the fixes applied. Caller owns the result; free with free(). */
char *pymm_fix_all(const pymm_engine *engine, const char *text, size_t length, const pymm_rule_filter *filter,
                   bool unsafe, size_t *out_length, size_t *fixed);

typedef enum pymm_action_kind {
  PYMM_ACTION_NONE = 0,
  PYMM_ACTION_QUICKFIX, /* a diagnostic's fix */
  PYMM_ACTION_IGNORE,   /* "# noqa: PMMnnn" on the diagnostic's line */
  PYMM_ACTION_EXPLAIN,  /* show the rule's guide section: 'entry' */
  PYMM_ACTION_FIX_ALL,  /* source.fixAll.pymm: every safe fix in the document */
} pymm_action_kind;

typedef struct pymm_action {
  pymm_action_kind kind;
  char *title;
  const pymm_rule *rule; /* NULL for fix-all */
  size_t diagnostic;     /* index into the diagnostics the actions were made from (not for fix-all) */
  int32_t entry;         /* PYMM_ACTION_EXPLAIN: the guide entry */
  bool preferred;        /* the safe fix of a diagnostic */
  pymm_edit *edits;      /* sorted, not overlapping; none for EXPLAIN */
  size_t edit_count;
} pymm_action;

typedef struct pymm_actions {
  pymm_action *items;
  size_t count;
} pymm_actions;

/* The code actions for the diagnostics that touch bytes [start, end]: their fixes, "Ignore PMMnnn for this
 * line" and "Explain: <section>"; then "Fix all pymm issues" when 'fix_all' and a safe fix exists anywhere.
 * 'diagnostics' come from pymm_diagnostics_run() on the same document and filter.
 * Caller owns the result; free with pymm_actions_free(). */
pymm_actions *pymm_actions_at(const pymm_engine *engine, pymm_document *doc, const pymm_diagnostics *diagnostics,
                              uint32_t start, uint32_t end, const pymm_rule_filter *filter, bool fix_all);
void pymm_actions_free(pymm_actions *actions);

/* The rule's explanation: code, name, message, fix, equivalents and the guide's text of its section (the
 * ✗/✓ snippets). Caller owns the result; free with free(). */
char *pymm_rule_explain(const pymm_engine *engine, const pymm_rule *rule, pymm_markup markup);

#endif
