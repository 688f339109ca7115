/* Internals of the gotcha rules (diagnostics.c, checks.c, fixes.c, actions.c). Not for other layers. */
#ifndef PYMM_RULES_INTERNAL_H
#define PYMM_RULES_INTERNAL_H

#include <string.h>

#include "features_internal.h"

/* What a rule check reads: the document and its text. */
typedef struct rule_context {
  const pymm_engine *engine;
  pymm_document *doc;
  const char *src;
  uint32_t length;
  TSNode root;
  /* Names of the async functions defined in the file (PMM122), built on first use. */
  char **coroutines;
  size_t coroutine_count;
  bool coroutines_known;
  /* What the checks work out once per run and reuse (checks.c): the ancestors of the last node asked about,
   * the file's defs, the attribute uses of the names searched so far; freed by pymm_rules__context_free. */
  struct rule_indexes *indexes;
} rule_context;

/* A rule's own check: false when the match is not a finding. 'd' arrives with the rule and the captured
 * node's range; the check may narrow the range and fill d->fix (edits only; the safety comes from data and
 * may be lowered to unsafe by the check). */
typedef bool (*rule_check)(rule_context *c, const pymm_match *m, pymm_diagnostic *d);
/* The check for a rule code; NULL when the rule has none (the query is enough). */
rule_check pymm_rules__check(const char *code);
void pymm_rules__context_free(rule_context *c);

/* ---- tree helpers (fixes.c) -------------------------------------------------------------------- */

static inline bool node_is(TSNode n, const char *type) { return !ts_node_is_null(n) && !strcmp(ts_node_type(n), type); }
static inline TSNode node_field(TSNode n, const char *name) {
  return ts_node_child_by_field_name(n, name, (uint32_t)strlen(name));
}
static inline uint32_t node_start(TSNode n) { return ts_node_start_byte(n); }
static inline uint32_t node_end(TSNode n) { return ts_node_end_byte(n); }
bool pymm_rules__text_eq(const rule_context *c, TSNode n, const char *s);
/* True when both nodes have the same text. */
bool pymm_rules__same_text(const rule_context *c, TSNode a, TSNode b);
/* Caller owns the result; free with free(). */
char *pymm_rules__text(const rule_context *c, TSNode n);
/* True when a comment node lies inside 'n'. */
bool pymm_rules__has_comment(TSNode n);
/* The whitespace that starts the line holding 'offset'. Caller owns the result; free with free(). */
char *pymm_rules__indent(const rule_context *c, uint32_t offset);
uint32_t pymm_rules__line_start(const rule_context *c, uint32_t offset);
uint32_t pymm_rules__line_end(const rule_context *c, uint32_t offset);
/* The indentation one level deeper than 'outer' inside 'block' ("    " when it cannot tell). Caller frees. */
char *pymm_rules__indent_unit(const rule_context *c, TSNode outer, TSNode block);
/* True when 'name' is used as an identifier anywhere inside 'n'. */
bool pymm_rules__uses_name(const rule_context *c, TSNode n, const char *name);

/* ---- fix building (fixes.c) -------------------------------------------------------------------- */

void pymm_fix__add(pymm_fix *fix, uint32_t start, uint32_t end, const char *text);
void pymm_fix__clear(pymm_fix *fix);
/* Sorts the edits; false (and the fix cleared) when two overlap. */
bool pymm_fix__finish(pymm_fix *fix);
/* Makes 'name' of 'module' usable at module level: returns what to write ("wraps", or "functools.wraps" when
 * the module is imported whole) and adds "from module import name" in the right place when needed.
 * Caller owns the result; free with free(). */
char *pymm_fix__import_from(const rule_context *c, pymm_fix *fix, const char *module, const char *name);
/* Makes module 'module' usable: returns its name (or alias) and adds "import module" when needed. */
char *pymm_fix__import_module(const rule_context *c, pymm_fix *fix, const char *module);

#endif
