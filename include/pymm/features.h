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
} pymm_hover;

/* The hover for the construct at byte 'offset', or NULL when pymm has nothing to say there.
 * Caller owns the result; free with pymm_hover_free(). */
pymm_hover *pymm_hover_at(const pymm_engine *engine, pymm_document *doc, uint32_t offset);
void pymm_hover_free(pymm_hover *hover);
/* The hover as Markdown or plain text: title line, the guide's text, the table with the row in bold, a link
 * to the guide line, "See also". Caller owns the result; free with free(). */
char *pymm_hover_render(const pymm_engine *engine, const pymm_hover *hover, pymm_markup markup,
                        const pymm_settings *settings);

/* ---- lookup and table of contents -------------------------------------------------------------- */

typedef struct pymm_lookup_item {
  uint32_t entry;      /* index into the guide's entries */
  const char *title;   /* borrowed from the guide */
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

#endif
