/* Queries with pymm's predicates. tree-sitter's C runtime parses predicates but does not evaluate them:
 * each pattern's predicates are compiled once here and checked per match. */
#include <fnmatch.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "python_internal.h"

typedef enum predicate_kind {
  PREDICATE_NONE = 0,
  PREDICATE_EQ,
  PREDICATE_MATCH,
  PREDICATE_ANY_OF,
  PREDICATE_TYPE,
  PREDICATE_QUALNAME,
  PREDICATE_SURE_TYPE,
} predicate_kind;

typedef struct predicate {
  predicate_kind kind;
  bool negated;
  uint32_t capture;
  bool other_is_capture; /* #eq? @a @b */
  uint32_t other_capture;
  const char **values; /* borrowed from the TSQuery's string table */
  uint32_t value_count;
  bool glob; /* #qualname?: some value has a wildcard (else a plain comparison does) */
  regex_t regex;
} predicate;

typedef struct pattern {
  predicate *predicates;
  uint32_t count;
  int32_t topic_capture; /* first capture not starting with '_' in this pattern, -1 if none */
} pattern;

struct pymm_query {
  TSQuery *query;
  pattern *patterns;
  uint32_t pattern_count;
  bool module_rooted; /* some pattern may match the module node itself: (module ...), (_ ...), [...] */
};

/* True when a node pattern whose name starts at source[i] may match the module: `module` or the wildcard. */
static bool head_may_be_module(const char *source, uint32_t length, uint32_t i) {
  while (i < length && (source[i] == ' ' || source[i] == '\t' || source[i] == '\n')) i++;
  if (i >= length) return true;
  size_t word = 0;
  while (i + word < length && (source[i + word] == '_' || (source[i + word] >= 'a' && source[i + word] <= 'z') ||
                               (source[i + word] >= '0' && source[i + word] <= '9')))
    word++;
  return (word == 1 && source[i] == '_') || (word == 6 && !strncmp(source + i, "module", 6));
}

/* True when the pattern starting at source[offset] may match the module node itself: its outermost node (or
 * one alternative of an outermost alternation) is `module` or a wildcard. Unsure means true. */
static bool may_match_module(const char *source, uint32_t length, uint32_t offset) {
  uint32_t i = offset;
  while (i < length && (source[i] == '(' || source[i] == ' ' || source[i] == '\t' || source[i] == '\n')) i++;
  if (i >= length) return true;
  if (source[i] == '"') return false; /* an anonymous token */
  if (source[i] != '[') return i == offset || source[i - 1] != '(' || head_may_be_module(source, length, i);
  int depth = 0;
  for (i++; i < length; i++) {
    char c = source[i];
    if (c == '"') { /* skip a string */
      for (i++; i < length && source[i] != '"'; i++)
        if (source[i] == '\\') i++;
      continue;
    }
    if (c == ';') {
      while (i < length && source[i] != '\n') i++;
      continue;
    }
    if (depth == 0) {
      if (c == ']') return false;
      if (c == '[' || c == '_') return true;
      if (c == '(' && head_may_be_module(source, length, i + 1)) return true;
    }
    if (c == '(' || c == '[') depth++;
    else if (c == ')' || c == ']') depth--;
  }
  return true;
}

static const char *kind_name(TSQueryError kind) {
  switch (kind) {
  case TSQueryErrorSyntax:
    return "syntax error";
  case TSQueryErrorNodeType:
    return "unknown node type";
  case TSQueryErrorField:
    return "unknown field";
  case TSQueryErrorCapture:
    return "unknown capture";
  case TSQueryErrorStructure:
    return "impossible pattern";
  default:
    return "error";
  }
}

static void free_patterns(pymm_query *q) {
  for (uint32_t i = 0; i < q->pattern_count; i++) {
    for (uint32_t k = 0; k < q->patterns[i].count; k++) {
      predicate *p = &q->patterns[i].predicates[k];
      if (p->kind == PREDICATE_MATCH) regfree(&p->regex);
      free(p->values);
    }
    free(q->patterns[i].predicates);
  }
  free(q->patterns);
}

/* Line (1-based) of a byte offset in the query source, for error messages. */
static uint32_t line_at(const char *source, uint32_t offset) {
  uint32_t line = 1;
  for (uint32_t i = 0; i < offset && source[i]; i++) line += source[i] == '\n';
  return line;
}

static bool compile_predicate(pymm_query *q, const TSQueryPredicateStep *steps, uint32_t n, predicate *p,
                              const char *name, pymm_error *err) {
  uint32_t length;
  const char *op = ts_query_string_value_for_id(q->query, steps[0].value_id, &length);
  memset(p, 0, sizeof *p);
  if (!strcmp(op, "eq?") || !strcmp(op, "not-eq?")) p->kind = PREDICATE_EQ;
  else if (!strcmp(op, "match?") || !strcmp(op, "not-match?")) p->kind = PREDICATE_MATCH;
  else if (!strcmp(op, "any-of?") || !strcmp(op, "not-any-of?")) p->kind = PREDICATE_ANY_OF;
  else if (!strcmp(op, "type?") || !strcmp(op, "not-type?")) p->kind = PREDICATE_TYPE;
  else if (!strcmp(op, "sure-type?")) p->kind = PREDICATE_SURE_TYPE;
  else if (!strcmp(op, "qualname?") || !strcmp(op, "not-qualname?")) p->kind = PREDICATE_QUALNAME;
  else {
    pymm_error_set(err, "%s: unknown predicate #%s", name, op);
    return false;
  }
  p->negated = !strncmp(op, "not-", 4);
  if (n < 3 || steps[1].type != TSQueryPredicateStepTypeCapture) {
    pymm_error_set(err, "%s: #%s needs a capture and a value", name, op);
    return false;
  }
  p->capture = steps[1].value_id;
  if (p->kind == PREDICATE_EQ && steps[2].type == TSQueryPredicateStepTypeCapture) {
    p->other_is_capture = true;
    p->other_capture = steps[2].value_id;
    return true;
  }
  p->values = pymm_calloc(n, sizeof *p->values);
  for (uint32_t i = 2; i < n; i++) {
    if (steps[i].type != TSQueryPredicateStepTypeString) {
      pymm_error_set(err, "%s: #%s takes strings after its capture", name, op);
      free(p->values);
      p->values = NULL;
      return false;
    }
    p->values[p->value_count++] = ts_query_string_value_for_id(q->query, steps[i].value_id, &length);
    p->glob = p->glob || strpbrk(p->values[p->value_count - 1], "*?[") != NULL;
  }
  if (p->kind == PREDICATE_MATCH) {
    int rc = regcomp(&p->regex, p->values[0], REG_EXTENDED | REG_NOSUB);
    if (rc != 0) {
      char message[128];
      regerror(rc, &p->regex, message, sizeof message);
      pymm_error_set(err, "%s: bad regex \"%s\" in #%s: %s", name, p->values[0], op, message);
      free(p->values);
      p->values = NULL;
      p->kind = PREDICATE_NONE;
      return false;
    }
  }
  return true;
}

pymm_query *pymm_query_new(const char *source, size_t length, const char *name, pymm_error *err) {
  uint32_t error_offset = 0;
  TSQueryError error_kind = TSQueryErrorNone;
  TSQuery *ts_query = ts_query_new(tree_sitter_python(), source, (uint32_t)length, &error_offset, &error_kind);
  if (!ts_query) {
    pymm_error_set(err, "%s:%u: %s at byte %u", name, line_at(source, error_offset), kind_name(error_kind),
                   error_offset);
    return NULL;
  }
  pymm_query *q = pymm_calloc(1, sizeof *q);
  q->query = ts_query;
  q->pattern_count = ts_query_pattern_count(ts_query);
  q->patterns = pymm_calloc(q->pattern_count, sizeof *q->patterns);
  for (uint32_t i = 0; i < q->pattern_count && !q->module_rooted; i++)
    q->module_rooted = may_match_module(source, (uint32_t)length, ts_query_start_byte_for_pattern(ts_query, i));
  for (uint32_t i = 0; i < q->pattern_count; i++) {
    pattern *pat = &q->patterns[i];
    pat->topic_capture = -1;
    uint32_t step_count;
    const TSQueryPredicateStep *steps = ts_query_predicates_for_pattern(ts_query, i, &step_count);
    for (uint32_t s = 0; s < step_count;) {
      uint32_t end = s;
      while (end < step_count && steps[end].type != TSQueryPredicateStepTypeDone) end++;
      pat->predicates = pymm_realloc(pat->predicates, (pat->count + 1) * sizeof *pat->predicates);
      if (!compile_predicate(q, steps + s, end - s, &pat->predicates[pat->count], name, err)) {
        q->pattern_count = i + 1;
        free_patterns(q);
        ts_query_delete(ts_query);
        free(q);
        return NULL;
      }
      pat->count++;
      s = end + 1;
    }
  }
  return q;
}

void pymm_query_free(pymm_query *q) {
  if (!q) return;
  free_patterns(q);
  ts_query_delete(q->query);
  free(q);
}

uint32_t pymm_query_capture_count(const pymm_query *q) { return ts_query_capture_count(q->query); }

const char *pymm_query_capture_name(const pymm_query *q, uint32_t capture) {
  uint32_t length;
  return ts_query_capture_name_for_id(q->query, capture, &length);
}

bool pymm_match_capture(const pymm_match *match, const char *name, TSNode *node) {
  for (uint32_t i = 0; i < match->capture_count; i++) {
    if (!strcmp(pymm_query_capture_name(match->query, match->captures[i].index), name)) {
      *node = match->captures[i].node;
      return true;
    }
  }
  return false;
}

static bool capture_node(const TSQueryMatch *m, uint32_t capture, TSNode *node) {
  for (uint16_t i = 0; i < m->capture_count; i++) {
    if (m->captures[i].index == capture) {
      *node = m->captures[i].node;
      return true;
    }
  }
  return false;
}

typedef enum verdict { VERDICT_NO = 0, VERDICT_YES, VERDICT_MAYBE } verdict;

static verdict check(const predicate *p, const TSQueryMatch *m, pymm_document *doc, pymm_match *out) {
  TSNode node;
  if (!capture_node(m, p->capture, &node)) return VERDICT_YES; /* an optional capture that did not take part */
  bool result = false;
  switch (p->kind) {
  case PREDICATE_EQ:
    if (p->other_is_capture) {
      TSNode other;
      if (!capture_node(m, p->other_capture, &other)) return VERDICT_YES;
      char *a = pymm_node_text(doc, node), *b = pymm_node_text(doc, other);
      result = strcmp(a, b) == 0;
      free(a);
      free(b);
    } else {
      result = pymm_node_text_eq(doc, node, p->values[0]);
    }
    break;
  case PREDICATE_ANY_OF:
    for (uint32_t i = 0; i < p->value_count && !result; i++) result = pymm_node_text_eq(doc, node, p->values[i]);
    break;
  case PREDICATE_MATCH: {
    char *text = pymm_node_text(doc, node);
    result = regexec(&p->regex, text, 0, NULL, 0) == 0;
    free(text);
    break;
  }
  case PREDICATE_TYPE: {
    const char *type = pymm_type_of(doc, node);
    if (!type) {
      if (p->negated) return VERDICT_YES;
      out->hedged = true;
      out->hedge_node = node;
      out->hedge_type = p->values[0];
      return VERDICT_MAYBE;
    }
    for (uint32_t i = 0; i < p->value_count && !result; i++) result = strcmp(type, p->values[i]) == 0;
    break;
  }
  case PREDICATE_SURE_TYPE: {
    const char *type = pymm_type_of(doc, node);
    for (uint32_t i = 0; type && i < p->value_count && !result; i++) result = strcmp(type, p->values[i]) == 0;
    break;
  }
  case PREDICATE_QUALNAME: {
    const char *name = pymm_qualified_name(doc, node);
    for (uint32_t i = 0; name && i < p->value_count && !result; i++)
      result = p->glob ? fnmatch(p->values[i], name, 0) == 0 : strcmp(p->values[i], name) == 0;
    break;
  }
  default:
    return VERDICT_NO;
  }
  return result != p->negated ? VERDICT_YES : VERDICT_NO;
}

void pymm_query_run(const pymm_query *q, pymm_document *doc, uint32_t start, uint32_t end, pymm_match_visit visit,
                    void *context) {
  const TSTree *tree = pymm_document_tree(doc);
  TSQueryCursor *cursor = ts_query_cursor_new();
  ts_query_cursor_set_byte_range(cursor, start, end);
  /* tree-sitter's cursor visits every child of the module even for a one-byte range, and tries each against
   * every pattern: a hover cost O(file). When no pattern can match the module itself, every match touching
   * [start, end) lies inside the top-level statement that holds the range: run the query on that alone. */
  TSNode root = ts_tree_root_node(tree);
  if (!q->module_rooted) {
    TSNode top = ts_node_first_child_for_byte(root, start);
    if (!ts_node_is_null(top) && ts_node_start_byte(top) <= start && ts_node_end_byte(top) >= end) root = top;
  }
  ts_query_cursor_exec(cursor, q->query, root);
  TSQueryMatch m;
  while (ts_query_cursor_next_match(cursor, &m)) {
    pymm_match out = {.query = q, .pattern = m.pattern_index, .captures = m.captures, .capture_count = m.capture_count};
    /* The topic capture: the first capture of the match whose name does not start with '_'. */
    bool found = false;
    for (uint16_t i = 0; i < m.capture_count && !found; i++) {
      const char *capture_name = pymm_query_capture_name(q, m.captures[i].index);
      if (capture_name[0] != '_') {
        out.name = capture_name;
        out.node = m.captures[i].node;
        found = true;
      }
    }
    if (!found) continue;
    if (ts_node_end_byte(out.node) < start || ts_node_start_byte(out.node) > end) continue;
    const pattern *pat = &q->patterns[m.pattern_index];
    bool pass = true;
    for (uint32_t k = 0; k < pat->count && pass; k++) pass = check(&pat->predicates[k], &m, doc, &out) != VERDICT_NO;
    if (pass && !visit(&out, context)) break;
  }
  ts_query_cursor_delete(cursor);
}
