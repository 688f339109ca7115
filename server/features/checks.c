/* What the rule queries cannot say: each rule's own check on a match, and the edits of its fix. A check
 * returns false when the match is not a finding; precision matters more than recall. */
#include <stdlib.h>

#include "rules_internal.h"

#define TEXT(n) pymm_rules__text(c, (n))
#define EQ(n, s) pymm_rules__text_eq(c, (n), (s))

/* ---- small helpers ----------------------------------------------------------------------------- */

/* The named children of 'n' that are not comments. */
static uint32_t children(TSNode n, TSNode *out, uint32_t max) {
  uint32_t count = ts_node_named_child_count(n), k = 0;
  for (uint32_t i = 0; i < count; i++) {
    TSNode child = ts_node_named_child(n, i);
    if (node_is(child, "comment")) continue;
    if (k < max) out[k] = child;
    k++;
  }
  return k;
}

static bool same_node(TSNode a, TSNode b) { return ts_node_eq(a, b); }

static bool is_function(TSNode n) { return node_is(n, "function_definition") || node_is(n, "lambda"); }

static bool is_async(TSNode function) {
  return node_is(function, "function_definition") && ts_node_child_count(function) > 0 &&
         !strcmp(ts_node_type(ts_node_child(function, 0)), "async");
}

/* True when 'n' runs once per iteration of a loop of its own function (not in a for's iterable). */
static bool in_loop(TSNode n) {
  TSNode child = n;
  for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); child = p, p = ts_node_parent(p)) {
    if (node_is(p, "for_statement") && !same_node(node_field(p, "right"), child) &&
        !same_node(node_field(p, "left"), child))
      return true;
    if (node_is(p, "while_statement")) return true;
    if (is_function(p) || node_is(p, "class_definition")) return false;
  }
  return false;
}

static const char *qualified(rule_context *c, TSNode n) { return pymm_qualified_name(c->doc, n); }

/* A call of one of the builtins or library classes named in 'names' (NULL-terminated qualified names). */
static bool calls(rule_context *c, TSNode n, const char *const *names) {
  if (!node_is(n, "call")) return false;
  const char *q = qualified(c, node_field(n, "function"));
  for (const char *const *s = names; q && *s; s++)
    if (!strcmp(q, *s)) return true;
  return false;
}

static const char *const MUTABLE_CALLS[] = {"builtins.list", "builtins.dict", "builtins.set", "builtins.bytearray",
                                            "collections.deque", "collections.defaultdict", "collections.OrderedDict",
                                            "collections.Counter", NULL};

/* A literal or constructor call that makes a new mutable container. */
static bool makes_mutable(rule_context *c, TSNode n) {
  return node_is(n, "list") || node_is(n, "dictionary") || node_is(n, "set") || node_is(n, "list_comprehension") ||
         node_is(n, "dictionary_comprehension") || node_is(n, "set_comprehension") || calls(c, n, MUTABLE_CALLS);
}

/* The arguments of a call when they are all positional; returns the count (-1 when not). */
static int positional_args(TSNode call, TSNode *out, int max) {
  TSNode args = node_field(call, "arguments");
  if (!node_is(args, "argument_list")) return -1;
  TSNode items[8];
  uint32_t n = children(args, items, 8);
  if (n > 8 || (int)n > max) return -1;
  for (uint32_t i = 0; i < n; i++) {
    if (node_is(items[i], "keyword_argument") || node_is(items[i], "list_splat") ||
        node_is(items[i], "dictionary_splat"))
      return -1;
    out[i] = items[i];
  }
  return (int)n;
}

static void add(pymm_diagnostic *d, uint32_t start, uint32_t end, const char *text) {
  pymm_fix__add(&d->fix, start, end, text);
}

/* Adds an edit whose text is built with printf. */
static void addf(pymm_diagnostic *d, uint32_t start, uint32_t end, const char *fmt, ...) PYMM_PRINTF(4, 5);
static void addf(pymm_diagnostic *d, uint32_t start, uint32_t end, const char *fmt, ...) {
  pymm_buf b = {0};
  va_list args;
  va_start(args, fmt);
  pymm_buf_vprintf(&b, fmt, args);
  va_end(args);
  pymm_fix__add(&d->fix, start, end, b.data ? b.data : "");
  pymm_buf_free(&b);
}

/* The operator tokens of a comparison between operands i and i+1: [start, end) and the text ("is not"). */
typedef struct comparison {
  TSNode operands[8];
  uint32_t op_start[8], op_end[8];
  char op[8][8];
  uint32_t count; /* operands */
} comparison;

static bool read_comparison(const rule_context *c, TSNode n, comparison *out) {
  memset(out, 0, sizeof *out);
  uint32_t count = ts_node_child_count(n);
  bool in_op = false;
  for (uint32_t i = 0; i < count; i++) {
    TSNode child = ts_node_child(n, i);
    if (node_is(child, "comment")) continue;
    if (ts_node_is_named(child)) {
      if (out->count >= 8) return false;
      out->operands[out->count++] = child;
      in_op = false;
      continue;
    }
    if (out->count == 0 || out->count > 7) return false;
    uint32_t k = out->count - 1;
    if (!in_op) {
      out->op_start[k] = node_start(child);
      out->op[k][0] = '\0';
    } else {
      strncat(out->op[k], " ", sizeof out->op[k] - strlen(out->op[k]) - 1);
    }
    strncat(out->op[k], ts_node_type(child), sizeof out->op[k] - strlen(out->op[k]) - 1);
    out->op_end[k] = node_end(child);
    in_op = true;
  }
  return out->count >= 2;
}

/* ---- PMM101 mutable default argument ----------------------------------------------------------- */

static bool is_docstring(TSNode statement) {
  TSNode value[2];
  return node_is(statement, "expression_statement") && children(statement, value, 2) == 1 &&
         (node_is(value[0], "string") || node_is(value[0], "concatenated_string"));
}

/* Inserts 'line' (without indentation) as the first statement of a function body, after its docstring. */
static bool insert_at_body_start(rule_context *c, pymm_diagnostic *d, TSNode function, const char *lines) {
  TSNode body = node_field(function, "body");
  TSNode statements[64];
  uint32_t n = children(body, statements, 64);
  if (n == 0) return false;
  if (pymm_rules__line_start(c, node_start(statements[0])) == pymm_rules__line_start(c, node_start(function)))
    return false; /* a one-line body: leave it alone */
  char *indent = pymm_rules__indent(c, node_start(statements[0]));
  char *unit = pymm_rules__indent_unit(c, function, statements[0]);
  pymm_buf b = {0};
  /* 'lines' holds "\n"-separated lines; a leading '\t' means one level deeper. */
  for (const char *p = lines; *p;) {
    const char *e = strchr(p, '\n');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    pymm_buf_puts(&b, indent);
    if (*p == '\t') {
      pymm_buf_puts(&b, unit);
      p++;
      len--;
    }
    pymm_buf_append(&b, p, len);
    pymm_buf_putc(&b, '\n');
    p += len + (e ? 1 : 0);
  }
  uint32_t first = is_docstring(statements[0]) ? 1 : 0;
  /* After the "if x is None:" blocks this rule already added, so several keep the parameters' order. */
  while (first < n && first < 64 && node_is(statements[first], "if_statement")) {
    TSNode cond = node_field(statements[first], "condition");
    comparison cmp;
    if (!node_is(cond, "comparison_operator") || !read_comparison(c, cond, &cmp) || cmp.count != 2 ||
        strcmp(cmp.op[0], "is") != 0 || !node_is(cmp.operands[0], "identifier") || !node_is(cmp.operands[1], "none"))
      break;
    first++;
  }
  if (first < n && first < 64) {
    uint32_t at = pymm_rules__line_start(c, node_start(statements[first]));
    add(d, at, at, b.data);
  } else {
    /* Only a docstring: add the lines after it. */
    uint32_t at = node_end(statements[0]);
    b.len--; /* drop the last newline, put one in front */
    b.data[b.len] = '\0';
    addf(d, at, at, "\n%s", b.data);
  }
  pymm_buf_free(&b);
  free(indent);
  free(unit);
  return true;
}

static bool check_101(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode param = ts_node_parent(m->node), params = ts_node_parent(param), function = ts_node_parent(params);
  if (!node_is(params, "parameters") || !node_is(function, "function_definition")) return false;
  TSNode name = node_field(param, "name");
  if (!node_is(name, "identifier")) return false;
  /* A filled literal ("table={...}", "cell=[x]") is a deliberate constant or cell far more often than a trap. */
  TSNode items[1];
  if (!node_is(m->node, "call") && children(m->node, items, 1) > 0) return false;
  char *n = TEXT(name), *value = TEXT(m->node);
  pymm_buf lines = {0};
  pymm_buf_printf(&lines, "if %s is None:\n\t%s = %s", n, n, value);
  if (insert_at_body_start(c, d, function, lines.data)) add(d, node_start(m->node), node_end(m->node), "None");
  pymm_buf_free(&lines);
  free(n);
  free(value);
  return true;
}

/* ---- PMM103 is with a literal ------------------------------------------------------------------ */

static bool is_literal(TSNode n) {
  if (node_is(n, "unary_operator")) {
    TSNode arg = node_field(n, "argument");
    return node_is(arg, "integer") || node_is(arg, "float");
  }
  return node_is(n, "integer") || node_is(n, "float") || node_is(n, "string") || node_is(n, "concatenated_string") ||
         node_is(n, "tuple");
}

static bool check_103(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  comparison cmp;
  if (!read_comparison(c, m->node, &cmp)) return false;
  bool found = false;
  for (uint32_t i = 0; i + 1 < cmp.count; i++) {
    bool is = !strcmp(cmp.op[i], "is"), is_not = !strcmp(cmp.op[i], "is not");
    if (!is && !is_not) continue;
    if (!is_literal(cmp.operands[i]) && !is_literal(cmp.operands[i + 1])) continue;
    found = true;
    add(d, cmp.op_start[i], cmp.op_end[i], is ? "==" : "!=");
  }
  return found;
}

/* ---- PMM104 chained assignment of a mutable ---------------------------------------------------- */

static bool check_104(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode targets[16];
  uint32_t n = 0;
  TSNode cur = m->node;
  while (node_is(cur, "assignment") && n < 16) {
    TSNode left = node_field(cur, "left");
    if (!node_is(left, "identifier") || !ts_node_is_null(node_field(cur, "type"))) return false;
    targets[n++] = left;
    cur = node_field(cur, "right");
  }
  if (n < 2 || node_is(cur, "assignment") || !makes_mutable(c, cur)) return false;
  static const char *const EMPTY[] = {"[]", "{}", "set()", "list()", "dict()", NULL};
  bool empty = false;
  for (const char *const *e = EMPTY; *e && !empty; e++) empty = EQ(cur, *e);
  if (!empty) return true;
  pymm_buf b = {0};
  for (uint32_t i = 0; i < n; i++) {
    char *t = TEXT(targets[i]);
    pymm_buf_printf(&b, "%s%s", i ? ", " : "", t);
    free(t);
  }
  char *value = TEXT(cur);
  pymm_buf_puts(&b, " = ");
  for (uint32_t i = 0; i < n; i++) pymm_buf_printf(&b, "%s%s", i ? ", " : "", value);
  add(d, node_start(m->node), node_end(m->node), b.data);
  free(value);
  pymm_buf_free(&b);
  return true;
}

/* ---- PMM107 [[]] * n --------------------------------------------------------------------------- */

static bool check_107(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode left = node_field(m->node, "left"), right = node_field(m->node, "right");
  TSNode list = node_is(left, "list") ? left : right, count = node_is(left, "list") ? right : left;
  if (node_is(count, "list")) return false;
  TSNode items[2];
  if (children(list, items, 2) != 1 || pymm_rules__has_comment(list)) return false;
  TSNode item = items[0];
  bool mutable = makes_mutable(c, item);
  if (!mutable && node_is(item, "binary_operator")) { /* [[0] * m] * n */
    TSNode op = ts_node_child_by_field_name(item, "operator", 8);
    mutable = EQ(op, "*") && (node_is(node_field(item, "left"), "list") || node_is(node_field(item, "right"), "list"));
  }
  if (!mutable) return false;
  if (pymm_rules__uses_name(c, item, "_")) return true;
  char *it = TEXT(item), *n = TEXT(count);
  addf(d, node_start(m->node), node_end(m->node), "[%s for _ in range(%s)]", it, n);
  free(it);
  free(n);
  return true;
}

/* ---- PMM108 bare except ------------------------------------------------------------------------ */

static bool check_108(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode first[1];
  if (children(m->node, first, 1) == 0 || !node_is(first[0], "block")) return false;
  d->end = d->start + 6;
  add(d, d->start + 6, d->start + 6, " Exception");
  return true;
}

/* ---- PMM109 raise inside except without from --------------------------------------------------- */

/* The name an except clause binds ("except E as err"), or a null node. */
static TSNode bound_name(TSNode clause) {
  TSNode value = node_field(clause, "value");
  if (ts_node_is_null(value)) {
    TSNode first = ts_node_named_child(clause, 0);
    if (node_is(first, "as_pattern")) value = first;
  }
  if (!node_is(value, "as_pattern")) return (TSNode){0};
  TSNode alias = node_field(value, "alias");
  TSNode id = ts_node_named_child(alias, 0);
  return node_is(id, "identifier") ? id : (TSNode){0};
}

static bool check_109(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode raise = m->node;
  TSNode parts[2];
  if (children(raise, parts, 2) != 1 || !ts_node_is_null(node_field(raise, "cause"))) return false;
  TSNode clause = {0};
  for (TSNode p = ts_node_parent(raise); !ts_node_is_null(p); p = ts_node_parent(p)) {
    if (node_is(p, "except_clause")) {
      clause = p;
      break;
    }
    if (is_function(p) || node_is(p, "class_definition") || node_is(p, "except_group_clause") ||
        node_is(p, "finally_clause"))
      return false;
  }
  if (ts_node_is_null(clause)) return false;
  TSNode first[1];
  if (children(clause, first, 1) == 0 || node_is(first[0], "block")) return false; /* bare except: PMM108 */
  TSNode name = bound_name(clause);
  if (!ts_node_is_null(name) && pymm_rules__same_text(c, name, parts[0])) return false; /* raise err */
  if (node_is(parts[0], "identifier") && !ts_node_is_null(name)) {
    /* raise exc where exc was made earlier from the caught error: leave it. */
  }
  if (!ts_node_is_null(name)) {
    char *n = TEXT(name);
    addf(d, node_end(raise), node_end(raise), " from %s", n);
    free(n);
    return true;
  }
  const char *candidates[] = {"err", "exc", "error", NULL};
  const char *pick = NULL;
  TSNode scope = pymm_rules__scope(clause);
  for (const char *const *k = candidates; *k && !pick; k++)
    if (!pymm_rules__uses_name(c, scope, *k)) pick = *k;
  if (!pick) return true;
  TSNode type = first[0];
  addf(d, node_end(type), node_end(type), " as %s", pick);
  addf(d, node_end(raise), node_end(raise), " from %s", pick);
  return true;
}

/* ---- PMM110 except ...: pass ------------------------------------------------------------------- */

static bool check_110(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode t = m->node;
  TSNode parts[4];
  uint32_t n = children(t, parts, 4);
  if (n != 2 || !node_is(parts[0], "block") || !node_is(parts[1], "except_clause")) return false;
  TSNode clause = parts[1];
  TSNode inside[3];
  uint32_t k = children(clause, inside, 3);
  TSNode block = inside[k - 1];
  TSNode statements[2];
  if (k < 1 || k > 2 || !node_is(block, "block") || children(block, statements, 2) != 1 ||
      !node_is(statements[0], "pass_statement"))
    return false;
  d->start = node_start(clause);
  d->end = node_end(clause);
  if (pymm_rules__has_comment(clause)) return true;
  for (uint32_t p = node_end(parts[0]); p < node_start(clause); p++)
    if (c->src[p] == '#') return true;
  pymm_buf types = {0};
  if (k == 1) {
    pymm_buf_puts(&types, "BaseException");
  } else {
    TSNode type = node_is(inside[0], "as_pattern") ? ts_node_named_child(inside[0], 0) : inside[0];
    if (node_is(type, "tuple") || node_is(type, "parenthesized_expression")) {
      uint32_t a = node_start(type) + 1, b = node_end(type) - 1;
      while (b > a && (c->src[b - 1] == ' ' || c->src[b - 1] == ',')) b--;
      pymm_buf_append(&types, c->src + a, b - a);
    } else {
      char *text = TEXT(type);
      pymm_buf_puts(&types, text);
      free(text);
    }
  }
  char *module = pymm_fix__import_module(c, &d->fix, "contextlib");
  addf(d, node_start(t), node_start(t) + 3, "with %s.suppress(%s)", module, types.data);
  add(d, node_end(parts[0]), node_end(clause), "");
  free(module);
  pymm_buf_free(&types);
  return true;
}

/* ---- PMM114 lst.pop(0) / lst.insert(0, x) in a loop -------------------------------------------- */

static bool check_114(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode call = m->node, function = node_field(call, "function");
  TSNode method = node_field(function, "attribute"), receiver = node_field(function, "object");
  TSNode args[3];
  int n = positional_args(call, args, 3);
  bool pop = EQ(method, "pop");
  if (n != (pop ? 1 : 2) || !in_loop(call)) return false;
  const char *type = pymm_type_of(c->doc, receiver);
  if (type && strcmp(type, "list") != 0) return false;
  (void)d;
  return true;
}

/* ---- PMM115 for i in range(len(xs)) ------------------------------------------------------------ */

typedef struct index_uses {
  TSNode reads[64];
  uint32_t count;
  bool unsafe; /* a write to xs or i, or too many uses */
} index_uses;

static const char *const MUTATORS[] = {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse",
                                       "__setitem__", "__delitem__", NULL};

static void find_index_uses(rule_context *c, TSNode n, TSNode xs, TSNode i, index_uses *u) {
  if (node_is(n, "subscript") && pymm_rules__same_text(c, node_field(n, "value"), xs)) {
    TSNode index = node_field(n, "subscript");
    if (node_is(index, "identifier") && pymm_rules__same_text(c, index, i)) {
      TSNode p = ts_node_parent(n);
      bool write = (node_is(p, "assignment") || node_is(p, "augmented_assignment")) &&
                   same_node(node_field(p, "left"), n);
      write = write || node_is(p, "delete_statement") || node_is(p, "pattern_list") || node_is(p, "tuple_pattern");
      if (write || u->count >= 64) u->unsafe = true;
      else u->reads[u->count++] = n;
      return;
    }
  }
  if ((node_is(n, "assignment") || node_is(n, "augmented_assignment") || node_is(n, "for_statement") ||
       node_is(n, "named_expression")) &&
      !ts_node_is_null(node_field(n, node_is(n, "named_expression") ? "name" : "left"))) {
    TSNode left = node_field(n, node_is(n, "named_expression") ? "name" : "left");
    char *a = TEXT(xs), *b = TEXT(i);
    if (pymm_rules__uses_name(c, left, a) || pymm_rules__uses_name(c, left, b)) u->unsafe = true;
    free(a);
    free(b);
  }
  if (node_is(n, "call")) {
    TSNode f = node_field(n, "function");
    if (node_is(f, "attribute") && pymm_rules__same_text(c, node_field(f, "object"), xs))
      for (const char *const *k = MUTATORS; *k; k++)
        if (EQ(node_field(f, "attribute"), *k)) u->unsafe = true;
  }
  if (node_is(n, "subscript") && pymm_rules__same_text(c, node_field(n, "value"), xs)) {
    TSNode p = ts_node_parent(n);
    if (((node_is(p, "assignment") || node_is(p, "augmented_assignment")) && same_node(node_field(p, "left"), n)) ||
        node_is(p, "delete_statement"))
      u->unsafe = true;
  }
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t k = 0; k < count; k++) find_index_uses(c, ts_node_named_child(n, k), xs, i, u);
}

static bool check_115(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode loop = m->node, i = node_field(loop, "left"), range = node_field(loop, "right");
  if (ts_node_child_count(loop) > 0 && !strcmp(ts_node_type(ts_node_child(loop, 0)), "async")) return false;
  TSNode args[2], inner[2];
  if (positional_args(range, args, 2) != 1 || positional_args(args[0], inner, 2) != 1) return false;
  TSNode xs = inner[0];
  index_uses u = {0};
  find_index_uses(c, node_field(loop, "body"), xs, i, &u);
  if (u.count == 0 && !u.unsafe) return false;
  if (u.count == 0) return false;
  d->start = node_start(loop);
  d->end = node_end(range);
  if (u.unsafe) return true;
  char *name = TEXT(xs);
  size_t len = strlen(name);
  pymm_buf item = {0};
  if (len > 2 && name[len - 1] == 's' && name[len - 2] != 's') pymm_buf_append(&item, name, len - 1);
  else pymm_buf_puts(&item, "item");
  TSNode scope = pymm_rules__scope(loop);
  if (pymm_rules__uses_name(c, scope, item.data)) {
    pymm_buf_clear(&item);
    pymm_buf_puts(&item, "item");
    if (pymm_rules__uses_name(c, scope, "item")) {
      pymm_buf_free(&item);
      free(name);
      return true;
    }
  }
  char *index = TEXT(i);
  addf(d, node_start(i), node_end(i), "%s, %s", index, item.data);
  addf(d, node_start(range), node_end(range), "enumerate(%s)", name);
  for (uint32_t k = 0; k < u.count; k++) add(d, node_start(u.reads[k]), node_end(u.reads[k]), item.data);
  free(index);
  free(name);
  pymm_buf_free(&item);
  return true;
}

/* ---- PMM116 type(x) == T ----------------------------------------------------------------------- */

static bool type_call(rule_context *c, TSNode n, TSNode *arg) {
  TSNode args[2];
  return node_is(n, "call") && EQ(node_field(n, "function"), "type") && positional_args(n, args, 2) == 1 &&
         (*arg = args[0], true);
}

static bool boolean_context(TSNode parent) {
  static const char *const OK[] = {"if_statement", "elif_clause", "while_statement", "boolean_operator",
                                   "not_operator", "parenthesized_expression", "assignment", "return_statement",
                                   "argument_list", "assert_statement", "expression_statement", "if_clause",
                                   "conditional_expression", "lambda", NULL};
  for (const char *const *k = OK; *k; k++)
    if (node_is(parent, *k)) return true;
  return false;
}

static bool check_116(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  comparison cmp;
  if (!read_comparison(c, m->node, &cmp) || cmp.count != 2) return false;
  bool eq = !strcmp(cmp.op[0], "=="), ne = !strcmp(cmp.op[0], "!=");
  if (!eq && !ne) return false;
  TSNode arg, other_arg;
  int side = type_call(c, cmp.operands[0], &arg) ? 0 : type_call(c, cmp.operands[1], &arg) ? 1 : -1;
  if (side < 0) return false;
  TSNode other = cmp.operands[1 - side];
  if (type_call(c, other, &other_arg)) return true; /* type(a) == type(b): no isinstance() for that */
  if (!node_is(other, "identifier") && !node_is(other, "attribute")) return false;
  char *x = TEXT(arg), *t = TEXT(other);
  bool paren = ne && !boolean_context(ts_node_parent(m->node));
  addf(d, node_start(m->node), node_end(m->node), "%s%sisinstance(%s, %s)%s", paren ? "(" : "", ne ? "not " : "", x,
       t, paren ? ")" : "");
  free(x);
  free(t);
  return true;
}

/* ---- PMM117 len(xs) > 0 in a condition --------------------------------------------------------- */

static bool condition_context(TSNode n) {
  TSNode child = n;
  for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); child = p, p = ts_node_parent(p)) {
    if (node_is(p, "boolean_operator") || node_is(p, "not_operator") || node_is(p, "parenthesized_expression"))
      continue;
    if (node_is(p, "if_statement") || node_is(p, "elif_clause") || node_is(p, "while_statement"))
      return same_node(node_field(p, "condition"), child);
    return node_is(p, "if_clause");
  }
  return false;
}

static bool check_117(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  comparison cmp;
  if (!read_comparison(c, m->node, &cmp) || cmp.count != 2) return false;
  TSNode args[2];
  int side = node_is(cmp.operands[0], "call") ? 0 : 1;
  TSNode call = cmp.operands[side], number = cmp.operands[1 - side];
  if (!EQ(node_field(call, "function"), "len") || positional_args(call, args, 2) != 1 || !EQ(number, "0")) return false;
  const char *op = cmp.op[0];
  bool empty; /* the comparison is true when the container is empty */
  if (!strcmp(op, "==")) empty = true;
  else if (!strcmp(op, "!=")) empty = false;
  else if (!strcmp(op, side == 0 ? ">" : "<")) empty = false;
  else return false;
  if (!condition_context(m->node)) return false;
  TSNode x = args[0];
  if (!node_is(x, "identifier") && !node_is(x, "attribute") && !node_is(x, "subscript") && !node_is(x, "call"))
    return true;
  if (empty && node_is(ts_node_parent(m->node), "not_operator")) return true;
  char *text = TEXT(x);
  addf(d, node_start(m->node), node_end(m->node), "%s%s", empty ? "not " : "", text);
  free(text);
  return true;
}

/* ---- PMM118 sum([...]) ------------------------------------------------------------------------- */

static bool check_118(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode args = ts_node_parent(m->node), call = ts_node_parent(args);
  TSNode items[4];
  uint32_t n = children(args, items, 4);
  if (pymm_rules__has_comment(m->node)) return false;
  TSNode f = node_field(call, "function");
  if (EQ(f, "any") || EQ(f, "all")) d->fix.safety = PYMM_FIX_UNSAFE; /* short-circuit skips side effects */
  bool alone = n == 1;
  for (uint32_t p = node_end(m->node); alone && p < node_end(args); p++) alone = c->src[p] != ',';
  add(d, node_start(m->node), node_start(m->node) + 1, alone ? "" : "(");
  add(d, node_end(m->node) - 1, node_end(m->node), alone ? "" : ")");
  return true;
}

/* ---- PMM119 wrapper without @wraps ------------------------------------------------------------- */

/* A call of 'name' anywhere in 'n'. */
static bool calls_name(rule_context *c, TSNode n, TSNode name) {
  if (node_is(n, "call") && pymm_rules__same_text(c, node_field(n, "function"), name)) return true;
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; i++)
    if (calls_name(c, ts_node_named_child(n, i), name)) return true;
  return false;
}

static bool mentions(rule_context *c, TSNode n, const char *word) {
  uint32_t a = node_start(n), b = node_end(n);
  size_t w = strlen(word);
  for (uint32_t p = a; p + w <= b; p++)
    if (!memcmp(c->src + p, word, w)) return true;
  return false;
}

static bool check_119(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode inner = m->node, outer = ts_node_parent(ts_node_parent(inner));
  if (!node_is(outer, "function_definition")) return false;
  TSNode params[3];
  if (children(node_field(outer, "parameters"), params, 3) != 1 || !node_is(params[0], "identifier")) return false;
  TSNode func = params[0];
  /* The wrapper takes *args or **kwargs and calls func. */
  TSNode inner_params[16];
  uint32_t n = children(node_field(inner, "parameters"), inner_params, 16);
  bool generic = false;
  for (uint32_t i = 0; i < n && i < 16; i++)
    generic = generic || node_is(inner_params[i], "list_splat_pattern") || node_is(inner_params[i], "dictionary_splat_pattern");
  if (!generic || !calls_name(c, node_field(inner, "body"), func)) return false;
  /* The decorator returns the wrapper. */
  TSNode name = node_field(inner, "name");
  TSNode statements[64];
  uint32_t count = children(node_field(outer, "body"), statements, 64);
  bool returned = false;
  for (uint32_t i = 0; i < count && i < 64 && !returned; i++) {
    TSNode value[2];
    returned = node_is(statements[i], "return_statement") && children(statements[i], value, 2) == 1 &&
               pymm_rules__same_text(c, value[0], name);
  }
  if (!returned) return false;
  TSNode body = node_field(outer, "body");
  if (mentions(c, body, "wraps") || mentions(c, body, "update_wrapper") || mentions(c, body, "__name__") ||
      mentions(c, body, "__doc__") || mentions(c, body, "__wrapped__"))
    return false;
  d->start = node_start(name);
  d->end = node_end(name);
  char *wraps = pymm_fix__import_from(c, &d->fix, "functools", "wraps");
  char *f = TEXT(func), *indent = pymm_rules__indent(c, node_start(inner));
  addf(d, node_start(inner), node_start(inner), "@%s(%s)\n%s", wraps, f, indent);
  free(wraps);
  free(f);
  free(indent);
  return true;
}

/* ---- PMM120 f = open(...) outside with --------------------------------------------------------- */

typedef struct name_uses {
  uint32_t count;
  bool escapes; /* used other than as name.attr, or closed in a finally */
} name_uses;

static void find_name_uses(rule_context *c, TSNode n, TSNode name, TSNode skip, name_uses *u) {
  if (same_node(n, skip)) return;
  if (node_is(n, "identifier") && pymm_rules__same_text(c, n, name)) {
    TSNode p = ts_node_parent(n);
    u->count++;
    if (!node_is(p, "attribute") || !same_node(node_field(p, "object"), n)) u->escapes = true;
    for (TSNode q = p; !ts_node_is_null(q) && !u->escapes; q = ts_node_parent(q))
      if (node_is(q, "finally_clause") || node_is(q, "with_item")) u->escapes = true;
    return;
  }
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count && !u->escapes; i++) find_name_uses(c, ts_node_named_child(n, i), name, skip, u);
}

static bool multiline_string(rule_context *c, TSNode n) {
  if (node_is(n, "string")) {
    for (uint32_t p = node_start(n); p < node_end(n); p++)
      if (c->src[p] == '\n') return true;
    return false;
  }
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; i++)
    if (multiline_string(c, ts_node_named_child(n, i))) return true;
  return false;
}

static bool check_120(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode assignment = ts_node_parent(m->node), statement = ts_node_parent(assignment);
  TSNode name = node_field(assignment, "left");
  TSNode scope = pymm_rules__scope(statement);
  if (node_is(scope, "class_definition") || node_is(scope, "lambda")) return false;
  name_uses u = {0};
  find_name_uses(c, scope, name, name, &u);
  if (u.escapes) return false;
  /* The fix: the uses are the statements that follow, up to name.close(). */
  TSNode block = ts_node_parent(statement);
  TSNode close = {0};
  bool after = false;
  uint32_t seen = 0;
  for (TSNode s = ts_node_next_named_sibling(statement); !ts_node_is_null(s); s = ts_node_next_named_sibling(s)) {
    if (node_is(s, "comment")) continue;
    name_uses here = {0};
    find_name_uses(c, s, name, (TSNode){0}, &here);
    if (after) {
      if (here.count) return true;
      continue;
    }
    TSNode call[1];
    if (node_is(s, "expression_statement") && children(s, call, 1) == 1 && node_is(call[0], "call")) {
      TSNode f = node_field(call[0], "function"), args[1];
      if (node_is(f, "attribute") && pymm_rules__same_text(c, node_field(f, "object"), name) &&
          EQ(node_field(f, "attribute"), "close") && positional_args(call[0], args, 1) == 0) {
        close = s;
        after = true;
        continue;
      }
    }
    if (multiline_string(c, s)) return true;
    seen += here.count;
  }
  /* Every use but the close lies between the open and the close. */
  if (ts_node_is_null(close) || seen + 1 != u.count) return true;
  (void)block;
  char *call = TEXT(m->node), *n = TEXT(name), *unit = pymm_strdup("    ");
  {
    /* Use the file's own indentation unit when the statement is indented. */
    char *indent = pymm_rules__indent(c, node_start(statement));
    if (indent[0] == '\t') {
      free(unit);
      unit = pymm_strdup("\t");
    }
    free(indent);
  }
  uint32_t first_line_end = pymm_rules__line_end(c, node_end(statement));
  uint32_t close_start = pymm_rules__line_start(c, node_start(close));
  bool empty = true;
  for (uint32_t p = first_line_end; p < close_start; p++) {
    uint32_t line = p + 1;
    if (c->src[p] != '\n' || line >= close_start) continue;
    uint32_t e = pymm_rules__line_end(c, line);
    bool blank = true;
    for (uint32_t q = line; q < e && blank; q++) blank = c->src[q] == ' ' || c->src[q] == '\t';
    if (!blank) {
      add(d, line, line, unit);
      empty = false;
    }
  }
  addf(d, node_start(statement), node_end(statement), "with %s as %s:", call, n);
  char *indent = pymm_rules__indent(c, node_start(close));
  uint32_t close_end = pymm_rules__line_end(c, node_end(close));
  if (close_end < c->length) close_end++;
  if (empty) addf(d, close_start, close_end, "%s%spass\n", indent, unit);
  else add(d, close_start, close_end, "");
  free(indent);
  free(call);
  free(n);
  free(unit);
  return true;
}

/* ---- PMM121 time.sleep in async def ------------------------------------------------------------ */

static TSNode enclosing_function(TSNode n) {
  for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); p = ts_node_parent(p)) {
    if (is_function(p)) return p;
    if (node_is(p, "class_definition")) break;
  }
  return (TSNode){0};
}

static bool check_121(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode f = enclosing_function(m->node);
  if (ts_node_is_null(f) || !is_async(f)) return false;
  if (!node_is(ts_node_parent(m->node), "expression_statement")) return true;
  char *asyncio = pymm_fix__import_module(c, &d->fix, "asyncio");
  TSNode function = node_field(m->node, "function");
  addf(d, node_start(function), node_end(function), "await %s.sleep", asyncio);
  free(asyncio);
  return true;
}

/* ---- PMM125 k in d.keys() ---------------------------------------------------------------------- */

static bool check_125(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode call = m->node, args[1];
  if (positional_args(call, args, 1) != 0) return false;
  TSNode parent = ts_node_parent(call);
  bool ok = false;
  if (node_is(parent, "comparison_operator")) {
    comparison cmp;
    if (read_comparison(c, parent, &cmp))
      for (uint32_t i = 1; i < cmp.count; i++)
        if (same_node(cmp.operands[i], call) && (!strcmp(cmp.op[i - 1], "in") || !strcmp(cmp.op[i - 1], "not in")))
          ok = true;
  } else if (node_is(parent, "for_statement") || node_is(parent, "for_in_clause")) {
    ok = same_node(node_field(parent, "right"), call);
  }
  if (!ok) return false;
  TSNode receiver = node_field(node_field(call, "function"), "object");
  const char *type = pymm_type_of(c->doc, receiver);
  static const char *const DICTS[] = {"dict", "defaultdict", "OrderedDict", "Counter", "ChainMap", NULL};
  bool known = false;
  for (const char *const *k = DICTS; type && *k; k++) known = known || !strcmp(type, *k);
  if (type && !known) return false;
  if (!type) d->fix.safety = PYMM_FIX_UNSAFE; /* a mapping of unknown type may test membership differently */
  add(d, node_end(receiver), node_end(call), "");
  return true;
}

/* ---- the table --------------------------------------------------------------------------------- */

typedef struct check_entry {
  const char *code;
  rule_check check;
} check_entry;

static bool not_ready(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  (void)c;
  (void)m;
  (void)d;
  return false;
}

static const check_entry CHECKS[] = {
    {"PMM101", check_101}, {"PMM102", not_ready}, {"PMM103", check_103}, {"PMM104", check_104},
    {"PMM105", not_ready}, {"PMM106", not_ready}, {"PMM107", check_107}, {"PMM108", check_108},
    {"PMM109", check_109}, {"PMM110", check_110}, {"PMM111", not_ready}, {"PMM112", not_ready},
    {"PMM113", not_ready}, {"PMM114", check_114}, {"PMM115", check_115}, {"PMM116", check_116},
    {"PMM117", check_117}, {"PMM118", check_118}, {"PMM119", check_119}, {"PMM120", check_120},
    {"PMM121", check_121}, {"PMM122", not_ready}, {"PMM123", not_ready}, {"PMM124", not_ready},
    {"PMM125", check_125}, {"PMM126", not_ready},
};

rule_check pymm_rules__check(const char *code) {
  for (size_t i = 0; i < sizeof CHECKS / sizeof CHECKS[0]; i++)
    if (!strcmp(CHECKS[i].code, code)) return CHECKS[i].check;
  return not_ready; /* a rule without a check is not run: every rule needs code to be trusted */
}

void pymm_rules__context_free(rule_context *c) {
  for (size_t i = 0; i < c->coroutine_count; i++) free(c->coroutines[i]);
  free(c->coroutines);
  c->coroutines = NULL;
  c->coroutine_count = 0;
}
