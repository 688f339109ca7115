/* What the rule queries cannot say: each rule's own check on a match, and the edits of its fix. A check
 * returns false when the match is not a finding; precision matters more than recall. */
#include <stdlib.h>

#include "rules_internal.h"

#define TEXT(n) pymm_rules__text(c, (n))
#define EQ(n, s) pymm_rules__text_eq(c, (n), (s))

/* ---- small helpers ----------------------------------------------------------------------------- */

/* The named children of 'n' that are not comments. */
static uint32_t children(TSNode n, TSNode *out, uint32_t max) {
  if (ts_node_is_null(n)) return 0;
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

/* ---- indexes built once per run ---------------------------------------------------------------- */

/* A hash set of pairs of source texts ("Class" and "attr"; the first may be empty), each with flags or-ed in. */
typedef struct pair_entry {
  uint32_t a, a_len, b, b_len; /* byte ranges of the source */
  uint32_t flags;
} pair_entry;

typedef struct pair_set {
  pair_entry *items;
  size_t count, cap;
  pymm_index index;
} pair_set;

static uint64_t pair_hash(const char *a, uint32_t a_len, const char *b, uint32_t b_len) {
  static const char separator = '\xff';
  return pymm_hash(pymm_hash(pymm_hash(PYMM_HASH_SEED, a, a_len), &separator, 1), b, b_len);
}

typedef struct pair_key {
  const rule_context *c;
  const pair_set *s;
  const char *a, *b;
  uint32_t a_len, b_len;
} pair_key;

static bool same_pair(const void *context, uint32_t item) {
  const pair_key *k = context;
  const pair_entry *e = &k->s->items[item];
  return e->a_len == k->a_len && e->b_len == k->b_len && !memcmp(k->c->src + e->a, k->a, k->a_len) &&
         !memcmp(k->c->src + e->b, k->b, k->b_len);
}

/* The entry of the pair of texts ('a', 'b'), or NULL. */
static pair_entry *pair_find(const rule_context *c, const pair_set *s, const char *a, uint32_t a_len, const char *b,
                             uint32_t b_len) {
  pair_key key = {c, s, a ? a : "", b, a_len, b_len};
  uint32_t i = pymm_index_find(&s->index, pair_hash(key.a, a_len, b, b_len), same_pair, &key);
  return i == PYMM_INDEX_NONE ? NULL : &s->items[i];
}

/* Adds the pair of the texts of 'a' (a null node for none) and 'b'. */
static void pair_set_add(rule_context *c, pair_set *s, TSNode a, TSNode b, uint32_t flags) {
  uint32_t as = ts_node_is_null(a) ? 0 : node_start(a), ae = ts_node_is_null(a) ? 0 : node_end(a);
  uint32_t bs = node_start(b), be = node_end(b);
  if (ae > c->length || be > c->length || ae < as || be < bs) return;
  pair_entry *e = pair_find(c, s, c->src + as, ae - as, c->src + bs, be - bs);
  if (!e) {
    PYMM_GROW(s->items, s->cap, s->count + 1);
    e = &s->items[s->count];
    *e = (pair_entry){.a = as, .a_len = ae - as, .b = bs, .b_len = be - bs};
    pymm_index_add(&s->index, pair_hash(c->src + as, ae - as, c->src + bs, be - bs), (uint32_t)s->count++);
  }
  e->flags |= flags;
}

/* The flags of the pair of texts ('a', 'b'); 0 when absent. */
static uint32_t pair_set_find(const rule_context *c, const pair_set *s, const char *a, uint32_t a_len, const char *b,
                              uint32_t b_len) {
  const pair_entry *e = pair_find(c, s, a, a_len, b, b_len);
  return e ? e->flags : 0;
}

/* The flags of the pair ('a', text of 'b'); 0 when absent. */
static uint32_t pair_set_get(const rule_context *c, const pair_set *s, const char *a, uint32_t a_len, TSNode b) {
  if (ts_node_is_null(b) || node_end(b) > c->length || node_end(b) < node_start(b)) return 0;
  return pair_set_find(c, s, a, a_len, c->src + node_start(b), node_end(b) - node_start(b));
}

static void pair_set_clear(pair_set *s) {
  free(s->items);
  pymm_index_free(&s->index);
  *s = (pair_set){0};
}

typedef struct rule_indexes {
  pair_set names_scanned; /* the attribute names whose uses below were collected (PMM106) */
  pair_set names;         /* "<identifier>.<attr>" but self's, for the attributes scanned (PMM106) */
  bool module_defs_known;
  pair_set module_defs; /* def name -> (index in defs + 1) << 1, | 1 when not the one plain async def (PMM122) */
  TSNode *defs;
  size_t def_count, def_cap;
  /* The ancestors of 'path_node', root first (ancestors()); 'path_known' once one was walked. */
  bool path_known;
  TSNode path_node;
  TSNode *path;
  size_t path_count, path_cap;
} rule_indexes;

static rule_indexes *indexes(rule_context *c) {
  if (!c->indexes) c->indexes = pymm_calloc(1, sizeof *c->indexes);
  return c->indexes;
}

static void indexes_free(rule_context *c) {
  rule_indexes *x = c->indexes;
  if (!x) return;
  pair_set_clear(&x->names_scanned);
  pair_set_clear(&x->names);
  pair_set_clear(&x->module_defs);
  free(x->defs);
  free(x->path);
  free(x);
  c->indexes = NULL;
}

/* ---- ancestors ------------------------------------------------------------------------------- */

/* The ancestors of 'n', root first ('n' excluded), in '*out'. Borrowed: valid until the next call with another
 * node. tree-sitter 0.20's ts_node_parent() walks down from the root at every step, so a climb of k steps costs k
 * walks; here one cursor walk down finds them all, and the path of the last node walked answers for each of its
 * ancestors too (a climb asks for them in turn). */
static uint32_t ancestors(rule_context *c, TSNode n, const TSNode **out) {
  rule_indexes *x = indexes(c);
  *out = x->path;
  if (x->path_known) {
    if (same_node(x->path_node, n)) return (uint32_t)x->path_count;
    for (size_t i = x->path_count; i-- > 0;)
      if (same_node(x->path[i], n)) return (uint32_t)i;
  }
  x->path_known = true;
  x->path_node = n;
  x->path_count = 0;
  uint32_t start = node_start(n), end = node_end(n);
  bool found = false;
  TSTreeCursor cursor = ts_tree_cursor_new(c->root);
  for (;;) {
    TSNode current = ts_tree_cursor_current_node(&cursor);
    if (same_node(current, n)) {
      found = true;
      break;
    }
    if (ts_tree_cursor_goto_first_child_for_byte(&cursor, start) < 0) break;
    PYMM_GROW(x->path, x->path_cap, x->path_count + 1);
    x->path[x->path_count++] = current;
    /* The child that holds the node (zero-width siblings may come first). */
    bool holds = false;
    for (;;) {
      TSNode child = ts_tree_cursor_current_node(&cursor);
      if (same_node(child, n) ||
          (node_start(child) <= start && node_end(child) >= end && node_end(child) > node_start(child))) {
        holds = true;
        break;
      }
      if (node_start(child) > start || !ts_tree_cursor_goto_next_sibling(&cursor)) break;
    }
    if (!holds) break;
  }
  ts_tree_cursor_delete(&cursor);
  if (!found) { /* the walk missed it (a zero-width node): climb */
    x->path_count = 0;
    for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); p = ts_node_parent(p)) {
      PYMM_GROW(x->path, x->path_cap, x->path_count + 1);
      x->path[x->path_count++] = p;
    }
    for (size_t i = 0; i < x->path_count / 2; i++) {
      TSNode t = x->path[i];
      x->path[i] = x->path[x->path_count - 1 - i];
      x->path[x->path_count - 1 - i] = t;
    }
  }
  *out = x->path;
  return (uint32_t)x->path_count;
}

/* What ts_node_parent() answers, from ancestors(). */
static TSNode parent_of(rule_context *c, TSNode n) {
  const TSNode *up;
  uint32_t k = ancestors(c, n, &up);
  return k ? up[k - 1] : (TSNode){0};
}

/* From ancestors(): the function_definition, lambda or class_definition around 'n' (not 'n'
 * itself); the module if none. */
static TSNode scope_of(rule_context *c, TSNode n) {
  const TSNode *up;
  for (uint32_t i = ancestors(c, n, &up); i-- > 0;) {
    TSNode p = up[i];
    if (node_is(p, "function_definition") || node_is(p, "lambda") || node_is(p, "class_definition") ||
        node_is(p, "module"))
      return p;
  }
  return n;
}

/* ---- names in the source text ------------------------------------------------------------------ */

/* The identifiers spelled 'word' are found in the text first and confirmed in the tree: a look-up from the root
 * costs about what one step of ts_node_parent() does, where a walk of every node costs hundreds of cursor steps. */

static bool ascii_word_char(unsigned char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
}

/* The next offset in [from, to) where 'word' (of 'len' bytes) may be a whole identifier, or UINT32_MAX: no ASCII
 * letter, digit or '_' right after it and no letter or '_' right before (an identifier would run on there; a
 * digit before may end a number, and other bytes are left to the tree to judge). */
static uint32_t next_word(const rule_context *c, uint32_t from, uint32_t to, const char *word, uint32_t len) {
  if (to > c->length) to = c->length;
  if (len == 0) return UINT32_MAX;
  for (uint32_t at = from; at + len <= to; at++) {
    const char *hit = memchr(c->src + at, word[0], to - len + 1 - at);
    if (!hit) break;
    at = (uint32_t)(hit - c->src);
    if (memcmp(hit, word, len) != 0) continue;
    unsigned char before = at > 0 ? (unsigned char)c->src[at - 1] : ' ';
    unsigned char after = at + len < c->length ? (unsigned char)c->src[at + len] : ' ';
    if (ascii_word_char(after) || (ascii_word_char(before) && !(before >= '0' && before <= '9'))) continue;
    return at;
  }
  return UINT32_MAX;
}

/* Blanks between tokens, line breaks and line continuations included. */
static bool blank(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\f' || ch == '\v' || ch == '\\' || ch == '\r' || ch == '\n';
}

/* The identifier that spans exactly [at, at + len), or a null node. */
static TSNode identifier_at(const rule_context *c, uint32_t at, uint32_t len) {
  TSNode n = ts_node_named_descendant_for_byte_range(c->root, at, at + len);
  return node_is(n, "identifier") && node_start(n) == at && node_end(n) == at + len ? n : (TSNode){0};
}

/* True when 'name' is used as an identifier anywhere inside 'scope' (pymm_rules__uses_name, from the text). */
static bool scope_uses_name(rule_context *c, TSNode scope, const char *name) {
  uint32_t len = (uint32_t)strlen(name), end = node_end(scope);
  for (uint32_t at = next_word(c, node_start(scope), end, name, len); at != UINT32_MAX;
       at = next_word(c, at + 1, end, name, len))
    if (!ts_node_is_null(identifier_at(c, at, len))) return true;
  return false;
}

/* When the identifier 'id' (at [at, at + len)) is the attribute of an "<object>.<attribute>" node: that node.
 * The text before 'id' decides cheaply: only a '.' (after blanks) or a line break (a comment may hide there)
 * can precede an attribute. */
static TSNode attribute_of(rule_context *c, uint32_t at, uint32_t len) {
  uint32_t b = at;
  bool line_break = false;
  while (b > 0 && blank(c->src[b - 1])) {
    if (c->src[b - 1] == '\n' || c->src[b - 1] == '\r') line_break = true;
    b--;
  }
  bool dot = b > 0 && c->src[b - 1] == '.';
  if (!dot && !line_break && !(b > 0 && (unsigned char)c->src[b - 1] >= 0x80)) return (TSNode){0};
  TSNode id = identifier_at(c, at, len);
  if (ts_node_is_null(id)) return (TSNode){0};
  /* With only blanks between, the smallest node over the '.' and the name is the attribute, if any is. */
  TSNode p = dot && !line_break ? ts_node_named_descendant_for_byte_range(c->root, b - 1, at + len) : parent_of(c, id);
  return node_is(p, "attribute") && same_node(node_field(p, "attribute"), id) ? p : (TSNode){0};
}

static bool is_function(TSNode n) { return node_is(n, "function_definition") || node_is(n, "lambda"); }

static bool is_async(TSNode function) {
  return node_is(function, "function_definition") && ts_node_child_count(function) > 0 &&
         !strcmp(ts_node_type(ts_node_child(function, 0)), "async");
}

/* True when 'n' runs once per iteration of a loop of its own function (not in a for's iterable). */
static bool in_loop(rule_context *c, TSNode n) {
  TSNode child = n;
  for (TSNode p = parent_of(c, n); !ts_node_is_null(p); child = p, p = parent_of(c, p)) {
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

static const char *const MUTABLE_CALLS[] = {"builtins.list",           "builtins.dict",       "builtins.set",
                                            "builtins.bytearray",      "collections.deque",   "collections.defaultdict",
                                            "collections.OrderedDict", "collections.Counter", NULL};

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

/* Inserts 'line' (without indentation) as the first statement of a function body, after its docstring. Not
 * in a function with a syntax error: its "body" may begin inside the parameters, where the lines added would
 * make the same finding again at every fix. */
static bool insert_at_body_start(rule_context *c, pymm_diagnostic *d, TSNode function, const char *lines) {
  if (ts_node_has_error(function)) return false;
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
  TSNode param = parent_of(c, m->node), params = parent_of(c, param), function = parent_of(c, params);
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
  for (TSNode p = parent_of(c, raise); !ts_node_is_null(p); p = parent_of(c, p)) {
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
  /* A raise with a syntax error ("raise E(k" with its ")" missing) ends where the parser gave up: " from err"
   * written there lands inside the broken expression, and the raise still has no cause. Found, not fixed. */
  if (ts_node_has_error(raise)) return true;
  if (!ts_node_is_null(name)) {
    char *n = TEXT(name);
    addf(d, node_end(raise), node_end(raise), " from %s", n);
    free(n);
    return true;
  }
  const char *candidates[] = {"err", "exc", "error", NULL};
  const char *pick = NULL;
  TSNode scope = scope_of(c, clause);
  for (const char *const *k = candidates; *k && !pick; k++)
    if (!scope_uses_name(c, scope, *k)) pick = *k;
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
  uint32_t k = children(clause, inside, 3); /* the count of children, which may exceed what was stored */
  if (k < 1 || k > 2) return false;
  TSNode block = inside[k - 1];
  TSNode statements[2];
  if (!node_is(block, "block") || children(block, statements, 2) != 1 || !node_is(statements[0], "pass_statement"))
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

static TSNode enclosing_function(rule_context *c, TSNode n);
static TSNode method_call(TSNode call, TSNode *method);
static bool in_list(rule_context *c, TSNode n, const char *const *list);
static bool uses_text(rule_context *c, TSNode n, TSNode name);

typedef struct deque_uses {
  TSNode binding;    /* the one "q = [...]" / "q = list(...)" statement's value */
  TSNode fronts[32]; /* the q.pop(0) / q.insert(0, x) calls */
  uint32_t front_count;
  bool unsafe; /* a use a deque does not support the same way, or a second binding */
} deque_uses;

/* Sorts every use of the list 'q' in a function into what a deque can take. */
static void find_deque_uses(rule_context *c, TSNode n, TSNode q, deque_uses *u) {
  if (u->unsafe) return;
  if (node_is(n, "identifier") && pymm_rules__same_text(c, n, q)) {
    TSNode p = parent_of(c, n), method, args[3];
    if (node_is(p, "attribute") && same_node(node_field(p, "object"), n) && node_is(parent_of(c, p), "call")) {
      TSNode call = parent_of(c, p);
      method_call(call, &method);
      int count = positional_args(call, args, 3);
      bool zero = count >= 1 && EQ(args[0], "0");
      if ((EQ(method, "pop") && count == 1 && zero) || (EQ(method, "insert") && count == 2 && zero)) {
        if (u->front_count < 32) u->fronts[u->front_count++] = call;
        else u->unsafe = true;
        return;
      }
      static const char *const SAME[] = {"append", "extend", "remove", "clear", "count", NULL};
      if ((EQ(method, "pop") && count == 0) || (in_list(c, method, SAME) && count >= 0)) return;
      u->unsafe = true;
      return;
    }
    if (node_is(p, "assignment") && same_node(node_field(p, "left"), n) && ts_node_is_null(u->binding) &&
        node_is(parent_of(c, p), "expression_statement")) {
      TSNode v = node_field(p, "right"), items[2];
      if (node_is(v, "list") ||
          (node_is(v, "call") && EQ(node_field(v, "function"), "list") && positional_args(v, items, 2) <= 1)) {
        u->binding = v;
        return;
      }
    }
    if (node_is(p, "argument_list")) {
      TSNode call = parent_of(c, p), items[2];
      if (EQ(node_field(call, "function"), "len") && positional_args(call, items, 2) == 1) return;
    }
    if ((node_is(p, "while_statement") || node_is(p, "if_statement")) && same_node(node_field(p, "condition"), n))
      return;
    if (node_is(p, "not_operator")) return; /* not "for x in q": a deque raises when changed meanwhile */
    if (node_is(p, "comparison_operator") && same_node(ts_node_named_child(p, 1), n)) {
      comparison cmp;
      if (read_comparison(c, p, &cmp) && cmp.count == 2 && (!strcmp(cmp.op[0], "in") || !strcmp(cmp.op[0], "not in")))
        return;
    }
    u->unsafe = true;
    return;
  }
  if (is_function(n) || node_is(n, "class_definition") || node_is(n, "global_statement") ||
      node_is(n, "nonlocal_statement")) {
    if (uses_text(c, n, q)) u->unsafe = true;
    return;
  }
  uint32_t k = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < k && !u->unsafe; i++) find_deque_uses(c, ts_node_named_child(n, i), q, u);
}

/* The fix: the list becomes a deque where the function creates it, and every pop(0) / insert(0, x) on it
 * becomes popleft() / appendleft(x) (all of them at once: a deque's pop takes no index). Only when every
 * other use of the list works the same on a deque; a list that comes from elsewhere is left alone. */
static void deque_fix(rule_context *c, pymm_diagnostic *d, TSNode q) {
  if (!node_is(q, "identifier")) return;
  TSNode function = enclosing_function(c, q);
  if (!node_is(function, "function_definition")) return;
  TSNode params = node_field(function, "parameters");
  if (uses_text(c, params, q)) return;
  deque_uses u = {0};
  TSNode body = node_field(function, "body");
  uint32_t k = ts_node_named_child_count(body);
  for (uint32_t i = 0; i < k && !u.unsafe; i++) find_deque_uses(c, ts_node_named_child(body, i), q, &u);
  if (u.unsafe || ts_node_is_null(u.binding) || u.front_count == 0 || pymm_rules__has_comment(u.binding)) return;
  /* Created before its first use at the front. */
  if (node_start(u.binding) > node_start(u.fronts[0])) return;
  char *deque = pymm_fix__import_from(c, &d->fix, "collections", "deque");
  TSNode v = u.binding;
  if (EQ(v, "[]") || EQ(v, "list()")) {
    addf(d, node_start(v), node_end(v), "%s()", deque);
  } else if (node_is(v, "call")) {
    TSNode f = node_field(v, "function");
    add(d, node_start(f), node_end(f), deque);
  } else {
    addf(d, node_start(v), node_start(v), "%s(", deque);
    add(d, node_end(v), node_end(v), ")");
  }
  for (uint32_t i = 0; i < u.front_count; i++) {
    TSNode call = u.fronts[i], method, args[3];
    method_call(call, &method);
    TSNode arguments = node_field(call, "arguments");
    if (EQ(method, "pop")) {
      add(d, node_start(method), node_end(arguments), "popleft()");
    } else {
      positional_args(call, args, 3);
      char *x = TEXT(args[1]);
      addf(d, node_start(method), node_end(arguments), "appendleft(%s)", x);
      free(x);
    }
  }
  free(deque);
}

static bool check_114(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode call = m->node, function = node_field(call, "function");
  TSNode method = node_field(function, "attribute"), receiver = node_field(function, "object");
  TSNode args[3];
  int n = positional_args(call, args, 3);
  bool pop = EQ(method, "pop");
  if (n != (pop ? 1 : 2) || !in_loop(c, call)) return false;
  const char *type = pymm_type_of(c->doc, receiver);
  if (type && strcmp(type, "list") != 0) return false;
  deque_fix(c, d, receiver);
  return true;
}

/* ---- PMM115 for i in range(len(xs)) ------------------------------------------------------------ */

typedef struct index_uses {
  TSNode reads[64];
  uint32_t count;
  bool unsafe; /* a write to xs or i, or too many uses */
} index_uses;

static const char *const MUTATORS[] = {"append", "extend",  "insert",      "pop",         "remove", "clear",
                                       "sort",   "reverse", "__setitem__", "__delitem__", NULL};

static void find_index_uses(rule_context *c, TSNode n, TSNode xs, TSNode i, index_uses *u) {
  if (node_is(n, "subscript") && pymm_rules__same_text(c, node_field(n, "value"), xs)) {
    TSNode index = node_field(n, "subscript");
    if (node_is(index, "identifier") && pymm_rules__same_text(c, index, i)) {
      TSNode p = parent_of(c, n);
      bool write =
          (node_is(p, "assignment") || node_is(p, "augmented_assignment")) && same_node(node_field(p, "left"), n);
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
    TSNode p = parent_of(c, n);
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
  TSNode scope = scope_of(c, loop);
  if (scope_uses_name(c, scope, item.data)) {
    pymm_buf_clear(&item);
    pymm_buf_puts(&item, "item");
    if (scope_uses_name(c, scope, "item")) {
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
  static const char *const OK[] = {"if_statement",
                                   "elif_clause",
                                   "while_statement",
                                   "boolean_operator",
                                   "not_operator",
                                   "parenthesized_expression",
                                   "assignment",
                                   "return_statement",
                                   "argument_list",
                                   "assert_statement",
                                   "expression_statement",
                                   "if_clause",
                                   "conditional_expression",
                                   "lambda",
                                   NULL};
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
  bool paren = ne && !boolean_context(parent_of(c, m->node));
  addf(d, node_start(m->node), node_end(m->node), "%s%sisinstance(%s, %s)%s", paren ? "(" : "", ne ? "not " : "", x, t,
       paren ? ")" : "");
  free(x);
  free(t);
  return true;
}

/* ---- PMM117 len(xs) > 0 in a condition --------------------------------------------------------- */

static bool condition_context(rule_context *c, TSNode n) {
  TSNode child = n;
  for (TSNode p = parent_of(c, n); !ts_node_is_null(p); child = p, p = parent_of(c, p)) {
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
  if (!condition_context(c, m->node)) return false;
  TSNode x = args[0];
  if (!node_is(x, "identifier") && !node_is(x, "attribute") && !node_is(x, "subscript") && !node_is(x, "call"))
    return true;
  if (empty && node_is(parent_of(c, m->node), "not_operator")) return true;
  char *text = TEXT(x);
  addf(d, node_start(m->node), node_end(m->node), "%s%s", empty ? "not " : "", text);
  free(text);
  return true;
}

/* ---- PMM118 sum([...]) ------------------------------------------------------------------------- */

static bool check_118(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode args = parent_of(c, m->node), call = parent_of(c, args);
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
  if (ts_node_is_null(n)) return false;
  uint32_t a = node_start(n), b = node_end(n);
  size_t w = strlen(word);
  for (uint32_t p = a; p + w <= b; p++)
    if (!memcmp(c->src + p, word, w)) return true;
  return false;
}

static bool check_119(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode inner = m->node, outer = parent_of(c, parent_of(c, inner));
  if (!node_is(outer, "function_definition")) return false;
  TSNode params[3];
  if (children(node_field(outer, "parameters"), params, 3) != 1 || !node_is(params[0], "identifier")) return false;
  TSNode func = params[0];
  /* The wrapper takes *args or **kwargs and calls func. */
  TSNode inner_params[16];
  uint32_t n = children(node_field(inner, "parameters"), inner_params, 16);
  bool generic = false;
  for (uint32_t i = 0; i < n && i < 16; i++)
    generic = generic || node_is(inner_params[i], "list_splat_pattern") ||
              node_is(inner_params[i], "dictionary_splat_pattern");
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
    TSNode p = parent_of(c, n);
    u->count++;
    if (!node_is(p, "attribute") || !same_node(node_field(p, "object"), n)) u->escapes = true;
    for (TSNode q = p; !ts_node_is_null(q) && !u->escapes; q = parent_of(c, q))
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
  TSNode assignment = parent_of(c, m->node), statement = parent_of(c, assignment);
  TSNode name = node_field(assignment, "left");
  TSNode scope = scope_of(c, statement);
  if (node_is(scope, "class_definition") || node_is(scope, "lambda")) return false;
  name_uses u = {0};
  find_name_uses(c, scope, name, name, &u);
  if (u.escapes) return false;
  /* The fix: the uses are the statements that follow, up to name.close(). */
  TSNode block = parent_of(c, statement);
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

static TSNode enclosing_function(rule_context *c, TSNode n) {
  for (TSNode p = parent_of(c, n); !ts_node_is_null(p); p = parent_of(c, p)) {
    if (is_function(p)) return p;
    if (node_is(p, "class_definition")) break;
  }
  return (TSNode){0};
}

static bool check_121(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode f = enclosing_function(c, m->node);
  if (ts_node_is_null(f) || !is_async(f)) return false;
  if (!node_is(parent_of(c, m->node), "expression_statement")) return true;
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
  TSNode parent = parent_of(c, call);
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

/* ---- shared by the rules below ----------------------------------------------------------------- */

/* The only statement of a block (comments aside), or a null node. */
static TSNode only_statement(TSNode block) {
  TSNode s[2];
  return node_is(block, "block") && children(block, s, 2) == 1 ? s[0] : (TSNode){0};
}

/* The value of "name = value" / "name: T = value" when 'statement' is one, with its target in '*target'. */
static TSNode simple_assignment(TSNode statement, TSNode *target) {
  TSNode inner[2];
  if (!node_is(statement, "expression_statement") || children(statement, inner, 2) != 1 ||
      !node_is(inner[0], "assignment"))
    return (TSNode){0};
  TSNode right = node_field(inner[0], "right");
  if (node_is(right, "assignment") || node_is(right, "yield") || ts_node_is_null(right)) return (TSNode){0};
  *target = node_field(inner[0], "left");
  return right;
}

/* The call of "expression_statement: call", or a null node. */
static TSNode statement_call(TSNode statement) {
  TSNode inner[2];
  return node_is(statement, "expression_statement") && children(statement, inner, 2) == 1 && node_is(inner[0], "call")
             ? inner[0]
             : (TSNode){0};
}

/* When 'call' is "<object>.<method>(...)": the object, and the method in '*method'. */
static TSNode method_call(TSNode call, TSNode *method) {
  if (!node_is(call, "call")) return (TSNode){0};
  TSNode f = node_field(call, "function");
  if (!node_is(f, "attribute")) return (TSNode){0};
  *method = node_field(f, "attribute");
  return node_field(f, "object");
}

static bool in_list(rule_context *c, TSNode n, const char *const *list) {
  for (const char *const *k = list; *k; k++)
    if (EQ(n, *k)) return true;
  return false;
}

static bool is_scope_node(TSNode n) {
  return is_function(n) || node_is(n, "class_definition") || node_is(n, "list_comprehension") ||
         node_is(n, "set_comprehension") || node_is(n, "dictionary_comprehension") ||
         node_is(n, "generator_expression");
}

/* True when a string node holds an f-string interpolation. */
static bool has_interpolation(TSNode n) {
  if (node_is(n, "interpolation")) return true;
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; i++)
    if (has_interpolation(ts_node_named_child(n, i))) return true;
  return false;
}

/* An expression that is cheap and has no effects: a name, a dotted name, a literal, a tuple of those. */
static bool plain_expression(TSNode n) {
  if (node_is(n, "identifier") || node_is(n, "integer") || node_is(n, "float") || node_is(n, "true") ||
      node_is(n, "false") || node_is(n, "none"))
    return true;
  if (node_is(n, "string")) return !has_interpolation(n);
  if (node_is(n, "attribute")) return plain_expression(node_field(n, "object"));
  if (node_is(n, "unary_operator")) return plain_expression(node_field(n, "argument"));
  if (node_is(n, "tuple") || node_is(n, "list") || node_is(n, "dictionary")) {
    if (node_is(n, "dictionary") && ts_node_named_child_count(n) > 0) return false;
    if (node_is(n, "list") && ts_node_named_child_count(n) > 0) return false; /* a new list each time */
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < count; i++)
      if (!plain_expression(ts_node_named_child(n, i))) return false;
    return true;
  }
  return false;
}

/* The decorators of a class or function definition (its decorated_definition's), up to 'max'. */
static uint32_t decorators(rule_context *c, TSNode definition, TSNode *out, uint32_t max) {
  TSNode parent = parent_of(c, definition);
  if (!node_is(parent, "decorated_definition")) return 0;
  uint32_t count = ts_node_named_child_count(parent), k = 0;
  for (uint32_t i = 0; i < count && k < max; i++) {
    TSNode child = ts_node_named_child(parent, i);
    if (!node_is(child, "decorator")) continue;
    TSNode e = ts_node_named_child(child, 0);
    out[k++] = node_is(e, "call") ? node_field(e, "function") : e;
  }
  return k;
}

static bool is_dataclass(rule_context *c, TSNode class_node) {
  TSNode decos[8];
  uint32_t n = decorators(c, class_node, decos, 8);
  for (uint32_t i = 0; i < n; i++) {
    const char *q = qualified(c, decos[i]);
    if (q && !strcmp(q, "dataclasses.dataclass")) return true;
  }
  return false;
}

/* Whether 'name' (an identifier's text) is used in 'n' other than inside nested functions that rebind it. */
static bool uses_text(rule_context *c, TSNode n, TSNode name) {
  if (ts_node_is_null(n)) return false;
  if (node_is(n, "identifier")) return pymm_rules__same_text(c, n, name);
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; i++)
    if (uses_text(c, ts_node_named_child(n, i), name)) return true;
  return false;
}

/* ---- PMM124 mutable default in a dataclass ----------------------------------------------------- */

static bool check_124(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode value = m->node, assignment = parent_of(c, value);
  TSNode class_node = parent_of(c, parent_of(c, parent_of(c, assignment)));
  if (!node_is(class_node, "class_definition") || !is_dataclass(c, class_node)) return false;
  if (!makes_mutable(c, value)) return false;
  TSNode type = node_field(assignment, "type");
  if (mentions(c, type, "ClassVar")) return false;
  /* A class attribute named 'field' would hide dataclasses.field inside the class body. */
  TSNode body = node_field(class_node, "body"), target;
  for (TSNode s = ts_node_named_child(body, 0); !ts_node_is_null(s); s = ts_node_next_named_sibling(s))
    if (!ts_node_is_null(simple_assignment(s, &target)) && EQ(target, "field")) return true;
  if (pymm_rules__has_comment(value)) return true;
  const char *factory = NULL;
  if (EQ(value, "[]") || EQ(value, "list()")) factory = "list";
  else if (EQ(value, "{}") || EQ(value, "dict()")) factory = "dict";
  else if (EQ(value, "set()")) factory = "set";
  TSNode args[1];
  char *text = NULL;
  if (!factory && node_is(value, "call") && positional_args(value, args, 1) == 0 &&
      (node_is(node_field(value, "function"), "identifier") || node_is(node_field(value, "function"), "attribute")))
    text = TEXT(node_field(value, "function"));
  char *field = pymm_fix__import_from(c, &d->fix, "dataclasses", "field");
  if (factory) addf(d, node_start(value), node_end(value), "%s(default_factory=%s)", field, factory);
  else if (text) addf(d, node_start(value), node_end(value), "%s(default_factory=%s)", field, text);
  else {
    text = TEXT(value);
    addf(d, node_start(value), node_end(value), "%s(default_factory=lambda: %s)", field, text);
  }
  free(text);
  free(field);
  return true;
}

/* ---- PMM123 __eq__ without __hash__ ------------------------------------------------------------ */

static bool check_123(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode function = m->node, body = parent_of(c, function), class_node = parent_of(c, body);
  /* A class with a syntax error may end early: the "__hash__ = None" added after __eq__ would land outside it. */
  if (!node_is(class_node, "class_definition") || ts_node_has_error(class_node)) return false;
  /* __hash__ named anywhere in the class (def, assignment, a base's __hash__ reused) settles it. */
  if (mentions(c, class_node, "__hash__")) return false;
  /* Decorators (dataclass, attrs, total_ordering ...) may write __hash__ themselves. */
  TSNode decos[1];
  if (decorators(c, class_node, decos, 1)) return false;
  /* A subclass of an unhashable container was unhashable already: nothing changes. */
  TSNode bases = node_field(class_node, "superclasses");
  uint32_t base_count = ts_node_is_null(bases) ? 0 : ts_node_named_child_count(bases);
  static const char *const UNHASHABLE[] = {"dict",        "list",           "set",         "bytearray",
                                           "Mapping",     "MutableMapping", "MutableSet",  "MutableSequence",
                                           "UserDict",    "UserList",       "OrderedDict", "Counter",
                                           "defaultdict", "deque",          "Set",         NULL};
  for (uint32_t i = 0; i < base_count; i++) {
    TSNode base = ts_node_named_child(bases, i);
    if (node_is(base, "attribute")) base = node_field(base, "attribute");
    if (node_is(base, "identifier") && in_list(c, base, UNHASHABLE)) return false;
  }
  TSNode name = node_field(function, "name");
  d->start = node_start(name);
  d->end = node_end(name);
  char *indent = pymm_rules__indent(c, node_start(function));
  addf(d, node_end(function), node_end(function), "\n\n%s__hash__ = None", indent);
  free(indent);
  return true;
}

/* ---- PMM111 dict look-up with a fallback written out ------------------------------------------- */

/* "target = value" or "return value" as the only statement of a block: the value, and the target (null for
 * return). */
static TSNode lone_result(TSNode block, TSNode *target) {
  TSNode s = only_statement(block);
  *target = (TSNode){0};
  if (node_is(s, "return_statement")) {
    TSNode v[2];
    return children(s, v, 2) == 1 ? v[0] : (TSNode){0};
  }
  TSNode value = simple_assignment(s, target);
  if (ts_node_is_null(value) || !node_is(*target, "identifier")) return (TSNode){0};
  TSNode assignment[2]; /* the value's parent: simple_assignment() found it the statement's only child */
  children(s, assignment, 2);
  if (!ts_node_is_null(node_field(assignment[0], "type"))) return (TSNode){0};
  return value;
}

static bool same_targets(rule_context *c, TSNode a, TSNode b) {
  if (ts_node_is_null(a) || ts_node_is_null(b)) return ts_node_is_null(a) && ts_node_is_null(b);
  return pymm_rules__same_text(c, a, b);
}

/* 'look' is "d[k]" with d a name or dotted name and k plain; fills them. */
static bool plain_lookup(TSNode look, TSNode *dict, TSNode *key) {
  if (!node_is(look, "subscript")) return false;
  *dict = node_field(look, "value");
  *key = node_field(look, "subscript");
  if (!ts_node_is_null(ts_node_next_named_sibling(*key)) && !node_is(ts_node_next_named_sibling(*key), "comment"))
    return false; /* d[a, b] */
  return (node_is(*dict, "identifier") || node_is(*dict, "attribute")) && plain_expression(*dict) &&
         plain_expression(*key) && !node_is(*key, "slice");
}

static bool mapping_type(rule_context *c, TSNode dict, pymm_diagnostic *d) {
  const char *type = pymm_type_of(c->doc, dict);
  static const char *const DICTS[] = {"dict", "defaultdict", "OrderedDict", "Counter", "ChainMap", NULL};
  bool known = false;
  for (const char *const *k = DICTS; type && *k; k++) known = known || !strcmp(type, *k);
  if (type && !known) return false;
  if (!type) d->fix.safety = PYMM_FIX_UNSAFE; /* an unknown mapping may have no .get() */
  return true;
}

static void fix_111(rule_context *c, pymm_diagnostic *d, TSNode statement, TSNode target, TSNode dict, TSNode key,
                    TSNode fallback) {
  if (pymm_rules__has_comment(statement)) return;
  char *t = ts_node_is_null(target) ? NULL : TEXT(target), *dt = TEXT(dict), *kt = TEXT(key), *ft = TEXT(fallback);
  bool none = node_is(fallback, "none");
  if (t)
    addf(d, node_start(statement), node_end(statement), "%s = %s.get(%s%s%s)", t, dt, kt, none ? "" : ", ",
         none ? "" : ft);
  else
    addf(d, node_start(statement), node_end(statement), "return %s.get(%s%s%s)", dt, kt, none ? "" : ", ",
         none ? "" : ft);
  free(t);
  free(dt);
  free(kt);
  free(ft);
}

/* d[k] on self is a mapping class looking itself up (its own get() may be written that way). */
static bool self_lookup(rule_context *c, TSNode dict) { return EQ(dict, "self"); }

static bool check_111(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode s = m->node, dict, key, t1, t2, hit, miss;
  if (node_is(s, "if_statement")) {
    TSNode parts[4];
    if (children(s, parts, 4) != 3 || !node_is(parts[2], "else_clause")) return false; /* no elif */
    TSNode cond = node_field(s, "condition");
    comparison cmp;
    if (!node_is(cond, "comparison_operator") || !read_comparison(c, cond, &cmp) || cmp.count != 2) return false;
    bool in = !strcmp(cmp.op[0], "in"), not_in = !strcmp(cmp.op[0], "not in");
    if (!in && !not_in) return false;
    TSNode a = lone_result(node_field(s, "consequence"), &t1);
    TSNode b = lone_result(node_field(parts[2], "body"), &t2);
    if (ts_node_is_null(a) || ts_node_is_null(b) || !same_targets(c, t1, t2)) return false;
    hit = in ? a : b;
    miss = in ? b : a;
    if (!plain_lookup(hit, &dict, &key) || !pymm_rules__same_text(c, dict, cmp.operands[1]) ||
        !pymm_rules__same_text(c, key, cmp.operands[0]))
      return false;
    if (!plain_expression(miss) || uses_text(c, miss, dict) || self_lookup(c, dict)) return false;
    if (!mapping_type(c, dict, d)) return false;
    d->end = node_end(cond);
    fix_111(c, d, s, in ? t1 : t2, dict, key, miss);
    return true;
  }
  /* try: v = d[k] / except KeyError: v = default */
  TSNode parts[4];
  if (children(s, parts, 4) != 2 || !node_is(parts[1], "except_clause")) return false;
  TSNode clause = parts[1], inside[3];
  uint32_t k = children(clause, inside, 3);
  if (k != 2 || !EQ(inside[0], "KeyError")) return false;
  TSNode a = lone_result(parts[0], &t1), b = lone_result(inside[1], &t2);
  if (ts_node_is_null(a) || ts_node_is_null(b) || !same_targets(c, t1, t2)) return false;
  if (!plain_lookup(a, &dict, &key) || !plain_expression(b) || uses_text(c, b, dict) || self_lookup(c, dict))
    return false;
  if (!mapping_type(c, dict, d)) return false;
  d->end = node_start(parts[0]);
  while (d->end > d->start && (c->src[d->end - 1] == ' ' || c->src[d->end - 1] == '\n' || c->src[d->end - 1] == '\r' ||
                               c->src[d->end - 1] == '\t'))
    d->end--;
  fix_111(c, d, s, t1, dict, key, b);
  return true;
}

/* ---- PMM102 late-binding closure over a loop variable ------------------------------------------ */

/* Adds the names a for target binds to 'out'. */
static uint32_t target_names(TSNode target, TSNode *out, uint32_t count, uint32_t max) {
  if (node_is(target, "identifier")) {
    if (count < max) out[count++] = target;
    return count;
  }
  if (node_is(target, "pattern_list") || node_is(target, "tuple_pattern") || node_is(target, "list_pattern")) {
    uint32_t n = ts_node_named_child_count(target);
    for (uint32_t i = 0; i < n; i++) count = target_names(ts_node_named_child(target, i), out, count, max);
  }
  return count;
}

/* True when the identifier 'name' is bound by the closure itself: a parameter, or assigned in a def's body. */
static bool closure_binds(rule_context *c, TSNode closure, TSNode name) {
  TSNode params = node_field(closure, "parameters");
  uint32_t n = ts_node_is_null(params) ? 0 : ts_node_named_child_count(params);
  for (uint32_t i = 0; i < n; i++) {
    TSNode p = ts_node_named_child(params, i);
    TSNode id = node_is(p, "identifier") ? p : node_field(p, "name");
    if (node_is(p, "list_splat_pattern") || node_is(p, "dictionary_splat_pattern") || node_is(p, "typed_parameter"))
      id = ts_node_named_child(p, 0);
    if (!ts_node_is_null(id) && pymm_rules__same_text(c, id, name)) return true;
  }
  if (node_is(closure, "function_definition")) {
    /* Assigned in the body (a local): only the common "name = ..." at the top level of the body. */
    TSNode body = node_field(closure, "body"), target;
    for (TSNode s = ts_node_named_child(body, 0); !ts_node_is_null(s); s = ts_node_next_named_sibling(s)) {
      if (!ts_node_is_null(simple_assignment(s, &target)) && uses_text(c, target, name)) return true;
      if (node_is(s, "global_statement") || node_is(s, "nonlocal_statement")) return true;
    }
  }
  return false;
}

/* True when the closure's value is kept past the iteration: stored in a container, an attribute or a
 * subscript, or yielded. A closure passed to a call (sorted(key=...), re.sub) or called is used at once. */
static bool escapes(rule_context *c, TSNode value) {
  TSNode n = value;
  for (TSNode p = parent_of(c, n); !ts_node_is_null(p); n = p, p = parent_of(c, p)) {
    if (node_is(p, "list") || node_is(p, "tuple") || node_is(p, "set") || node_is(p, "pair") ||
        node_is(p, "dictionary") || node_is(p, "parenthesized_expression"))
      continue;
    if (node_is(p, "yield")) return true;
    if (node_is(p, "assignment")) {
      TSNode left = node_field(p, "left");
      return same_node(node_field(p, "right"), n) && (node_is(left, "attribute") || node_is(left, "subscript"));
    }
    if (node_is(p, "argument_list")) {
      TSNode call = parent_of(c, p), method;
      TSNode object = method_call(call, &method);
      static const char *const STORE[] = {"append", "add", "insert", "extend", "appendleft", "setdefault", NULL};
      return !ts_node_is_null(object) && in_list(c, method, STORE);
    }
    return false;
  }
  return false;
}

/* A def's name kept past the iteration: "name" itself escapes somewhere in the loop body. */
static bool name_escapes(rule_context *c, TSNode n, TSNode name) {
  if (node_is(n, "identifier") && pymm_rules__same_text(c, n, name)) return escapes(c, n);
  if (is_function(n) || node_is(n, "class_definition")) return false;
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; i++)
    if (name_escapes(c, ts_node_named_child(n, i), name)) return true;
  return false;
}

static bool check_102(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode closure = m->node;
  bool lambda = node_is(closure, "lambda");
  /* The loop variables of the loops (and list/set/dict comprehensions) around it, inside its function. */
  TSNode names[16];
  uint32_t count = 0;
  TSNode loop_body = {0}, child = closure;
  bool in_comprehension = false;
  for (TSNode p = parent_of(c, closure); !ts_node_is_null(p); child = p, p = parent_of(c, p)) {
    if (is_function(p) || node_is(p, "class_definition")) break;
    if (node_is(p, "for_statement") && same_node(node_field(p, "body"), child)) {
      count = target_names(node_field(p, "left"), names, count, 16);
      if (ts_node_is_null(loop_body)) loop_body = child;
    }
    if ((node_is(p, "list_comprehension") || node_is(p, "set_comprehension") ||
         node_is(p, "dictionary_comprehension")) &&
        (same_node(node_field(p, "body"), child) || node_is(child, "pair"))) {
      uint32_t n = ts_node_named_child_count(p);
      for (uint32_t i = 0; i < n; i++) {
        TSNode clause = ts_node_named_child(p, i);
        if (node_is(clause, "for_in_clause")) count = target_names(node_field(clause, "left"), names, count, 16);
      }
      in_comprehension = true;
    }
  }
  if (count == 0) return false;
  /* Kept past the iteration? */
  if (lambda) {
    if (!in_comprehension && !escapes(c, closure)) return false;
    if (in_comprehension) {
      /* The comprehension's element itself (possibly in a tuple or dict value), not an argument of a call. */
      TSNode p = parent_of(c, closure);
      while (node_is(p, "tuple") || node_is(p, "pair") || node_is(p, "parenthesized_expression")) p = parent_of(c, p);
      if (!node_is(p, "list_comprehension") && !node_is(p, "set_comprehension") &&
          !node_is(p, "dictionary_comprehension") && !escapes(c, closure))
        return false;
    }
  } else {
    if (ts_node_is_null(loop_body) || !name_escapes(c, loop_body, node_field(closure, "name"))) return false;
  }
  /* The closure reads a loop variable it does not bind itself. */
  TSNode body = node_field(closure, "body");
  TSNode used[16];
  uint32_t used_count = 0;
  for (uint32_t i = 0; i < count; i++) {
    if (!uses_text(c, body, names[i]) || closure_binds(c, closure, names[i])) continue;
    bool dup = false;
    for (uint32_t k = 0; k < used_count; k++) dup = dup || pymm_rules__same_text(c, used[k], names[i]);
    if (!dup) used[used_count++] = names[i];
  }
  if (used_count == 0) return false;
  if (!lambda) {
    d->start = node_start(node_field(closure, "name"));
    d->end = node_end(node_field(closure, "name"));
  }
  /* The fix: "name=name" defaults after the closure's own parameters (none with * or / among them). Not in a
   * closure with a syntax error: its parameters may not hold the defaults added, so each fix adds them again. */
  if (ts_node_has_error(closure)) return true;
  TSNode params = node_field(closure, "parameters");
  uint32_t n = ts_node_is_null(params) ? 0 : ts_node_named_child_count(params);
  for (uint32_t i = 0; i < n; i++) {
    TSNode p = ts_node_named_child(params, i);
    if (!node_is(p, "identifier") && !node_is(p, "default_parameter") && !node_is(p, "typed_parameter") &&
        !node_is(p, "typed_default_parameter"))
      return true;
  }
  if (!ts_node_is_null(params) && pymm_rules__has_comment(params)) return true;
  if (n > 0) d->fix.safety = PYMM_FIX_UNSAFE; /* a caller passing one more argument would now override it */
  pymm_buf b = {0};
  for (uint32_t i = 0; i < used_count; i++) {
    char *t = TEXT(used[i]);
    pymm_buf_printf(&b, "%s%s=%s", i || n ? ", " : "", t, t);
    free(t);
  }
  if (ts_node_is_null(params)) {
    /* "lambda: ..." has no parameters node: insert after the keyword. */
    addf(d, node_start(closure) + 6, node_start(closure) + 6, " %s", b.data);
  } else if (lambda) {
    add(d, node_end(params), node_end(params), b.data);
  } else {
    uint32_t end = node_end(params) - 1; /* before ')' */
    while (end > node_start(params) + 1 &&
           (c->src[end - 1] == ' ' || c->src[end - 1] == ',' || c->src[end - 1] == '\n'))
      end--;
    add(d, end, end, b.data);
  }
  pymm_buf_free(&b);
  return true;
}

/* ---- PMM105 list mutated while iterating over it ----------------------------------------------- */

/* The statement that holds 'n' directly in a block. */
static TSNode statement_of(rule_context *c, TSNode n) {
  TSNode child = n;
  for (TSNode p = parent_of(c, n); !ts_node_is_null(p); child = p, p = parent_of(c, p))
    if (node_is(p, "block") || node_is(p, "module")) return child;
  return n;
}

/* True when control leaves the loop right after 'statement': the next statement is break, return or raise. */
static bool leaves_after(TSNode statement) {
  TSNode next = ts_node_next_named_sibling(statement);
  while (node_is(next, "comment")) next = ts_node_next_named_sibling(next);
  return node_is(next, "break_statement") || node_is(next, "return_statement") || node_is(next, "raise_statement");
}

typedef struct mutation {
  TSNode at;  /* the first mutation found, null when none */
  bool grows; /* append/extend/insert only: the worklist idiom */
  bool shrinks;
} mutation;

/* Finds calls that change the list 'xs' (by text) in 'n', outside nested functions. 'rebind' also counts
 * assignments to xs itself (the list changes for the code after). */
static void find_mutations(rule_context *c, TSNode n, TSNode xs, bool rebind, mutation *out) {
  if (ts_node_is_null(n) || is_function(n) || node_is(n, "class_definition")) return;
  TSNode method;
  TSNode object = method_call(n, &method);
  if (!ts_node_is_null(object) && pymm_rules__same_text(c, object, xs)) {
    static const char *const GROW[] = {"append", "extend", "insert", NULL};
    static const char *const SHRINK[] = {"remove", "pop", "clear", NULL};
    static const char *const OTHER[] = {"sort", "reverse", "__setitem__", "__delitem__", "__iadd__", NULL};
    bool grow = in_list(c, method, GROW), shrink = in_list(c, method, SHRINK);
    if ((grow || shrink || in_list(c, method, OTHER)) && !leaves_after(statement_of(c, n))) {
      if (ts_node_is_null(out->at)) out->at = n;
      out->grows = out->grows || grow;
      out->shrinks = out->shrinks || shrink;
    }
  }
  if (node_is(n, "delete_statement")) {
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++) {
      TSNode t = ts_node_named_child(n, i);
      if (node_is(t, "expression_list") && ts_node_named_child_count(t) > 0) t = ts_node_named_child(t, 0);
      if (node_is(t, "subscript") && pymm_rules__same_text(c, node_field(t, "value"), xs) && !leaves_after(n)) {
        if (ts_node_is_null(out->at)) out->at = n;
        out->shrinks = true;
      }
    }
  }
  if (rebind && (node_is(n, "assignment") || node_is(n, "augmented_assignment"))) {
    TSNode left = node_field(n, "left");
    if (pymm_rules__same_text(c, left, xs) ||
        (node_is(left, "subscript") && pymm_rules__same_text(c, node_field(left, "value"), xs))) {
      if (ts_node_is_null(out->at)) out->at = n;
      out->shrinks = true;
    }
  }
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; i++) find_mutations(c, ts_node_named_child(n, i), xs, rebind, out);
}

static bool check_105(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode xs = m->node, loop = parent_of(c, xs);
  mutation mu = {0};
  find_mutations(c, node_field(loop, "body"), xs, false, &mu);
  if (ts_node_is_null(mu.at)) return false;
  /* Appending to the list being walked is the worklist idiom (the loop visits what it adds): leave it. */
  if (!mu.shrinks) return false;
  const char *type = pymm_type_of(c->doc, xs); /* last: it resolves scopes */
  if (type && strcmp(type, "list") != 0) return false;
  if (!type) {
    /* Unknown type: only when every mutation is one only a list has (not dict.pop, set.remove ...). */
    TSNode method;
    TSNode object = method_call(mu.at, &method);
    if (!ts_node_is_null(object) && !EQ(method, "remove") && !EQ(method, "insert")) {
      TSNode args[2];
      int n = positional_args(mu.at, args, 2);
      if (!(EQ(method, "pop") && (n == 0 || (n == 1 && node_is(args[0], "integer"))))) return false;
    }
  }
  add(d, node_end(xs), node_end(xs), "[:]");
  return true;
}

/* ---- PMM122 coroutine called without await ----------------------------------------------------- */

/* True when 'body' (of an async def) yields: it is an async generator, not a coroutine. */
static bool yields(TSNode n) {
  if (ts_node_is_null(n)) return false;
  if (node_is(n, "yield")) return true;
  if (is_function(n) || node_is(n, "class_definition")) return false;
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; i++)
    if (yields(ts_node_named_child(n, i))) return true;
  return false;
}

/* The undecorated "async def <name>" among the statements of 'block' (a module or a class body). */
static TSNode find_coroutine(rule_context *c, TSNode block, TSNode name) {
  TSNode found = {0};
  TSTreeCursor cursor = ts_tree_cursor_new(block);
  if (same_node(block, c->root)) {
    /* The module's defs, indexed by name once per run. */
    rule_indexes *x = indexes(c);
    for (bool more = !x->module_defs_known && ts_tree_cursor_goto_first_child(&cursor); more;
         more = ts_tree_cursor_goto_next_sibling(&cursor)) {
      TSNode s = ts_tree_cursor_current_node(&cursor);
      TSNode def = node_is(s, "decorated_definition") ? node_field(s, "definition") : s;
      TSNode def_name = node_field(def, "name");
      if (!node_is(def, "function_definition") || ts_node_is_null(def_name)) continue;
      if (pair_set_get(c, &x->module_defs, NULL, 0, def_name)) { /* a second def of the name */
        pair_set_add(c, &x->module_defs, (TSNode){0}, def_name, 1);
        continue;
      }
      PYMM_GROW(x->defs, x->def_cap, x->def_count + 1);
      x->defs[x->def_count++] = def;
      pair_set_add(c, &x->module_defs, (TSNode){0}, def_name,
                   (uint32_t)(x->def_count << 1) | (node_is(s, "decorated_definition") || !is_async(def) ? 1u : 0u));
    }
    x->module_defs_known = true;
    uint32_t v = pair_set_get(c, &x->module_defs, NULL, 0, name);
    if (v && !(v & 1)) found = x->defs[(v >> 1) - 1];
  } else {
    for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
      TSNode s = ts_tree_cursor_current_node(&cursor);
      TSNode def = node_is(s, "decorated_definition") ? node_field(s, "definition") : s;
      if (!node_is(def, "function_definition") || !pymm_rules__same_text(c, node_field(def, "name"), name)) continue;
      if (!ts_node_is_null(found) || node_is(s, "decorated_definition") || !is_async(def)) {
        found = (TSNode){0};
        break;
      }
      found = def;
    }
  }
  ts_tree_cursor_delete(&cursor);
  return !ts_node_is_null(found) && !yields(node_field(found, "body")) ? found : (TSNode){0};
}

static bool check_122(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode call = m->node, f = node_field(call, "function");
  TSNode function = enclosing_function(c, call);
  if (ts_node_is_null(function) || !is_async(function)) return false;
  TSNode coroutine = {0};
  if (node_is(f, "identifier")) {
    coroutine = find_coroutine(c, c->root, f);
    /* The name must mean that def here: one binding in the whole chain of scopes. */
    if (ts_node_is_null(coroutine)) return false;
    const char *type = pymm_type_of(c->doc, f);
    if (!type || strcmp(type, "function") != 0) return false;
  } else {
    /* self.name(): a method of the class around the calling method. */
    TSNode object = node_field(f, "object"), params[1];
    TSNode body = parent_of(c, function);
    if (node_is(body, "decorated_definition")) body = parent_of(c, body);
    TSNode class_node = parent_of(c, body);
    if (!node_is(class_node, "class_definition")) return false;
    if (children(node_field(function, "parameters"), params, 1) < 1 || !node_is(params[0], "identifier") ||
        !pymm_rules__same_text(c, params[0], object))
      return false;
    coroutine = find_coroutine(c, node_field(class_node, "body"), node_field(f, "attribute"));
    if (ts_node_is_null(coroutine)) return false;
  }
  add(d, node_start(call), node_start(call), "await ");
  return true;
}

/* ---- PMM126 loop that only appends to a list --------------------------------------------------- */

/* True when one of the names a for target binds is used in 'scope' after byte 'after'. */
static bool used_after(rule_context *c, TSNode n, TSNode *names, uint32_t count, uint32_t after) {
  if (node_end(n) <= after) return false;
  if (node_is(n, "identifier") && node_start(n) >= after) {
    for (uint32_t i = 0; i < count; i++)
      if (pymm_rules__same_text(c, n, names[i])) return true;
    return false;
  }
  uint32_t k = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < k; i++)
    if (used_after(c, ts_node_named_child(n, i), names, count, after)) return true;
  return false;
}

static bool check_126(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode loop = m->node;
  if (ts_node_child_count(loop) > 0 && !strcmp(ts_node_type(ts_node_child(loop, 0)), "async")) return false;
  if (!ts_node_is_null(node_field(loop, "alternative"))) return false;
  if (pymm_rules__has_comment(node_field(loop, "body"))) return false;
  TSNode s = only_statement(node_field(loop, "body")), cond = {0};
  if (node_is(s, "if_statement")) {
    TSNode parts[3];
    if (children(s, parts, 3) != 2) return false; /* no elif, no else */
    cond = node_field(s, "condition");
    s = only_statement(node_field(s, "consequence"));
  }
  TSNode call = statement_call(s), method, args[2];
  TSNode out = method_call(call, &method);
  if (!node_is(out, "identifier") || !EQ(method, "append") || positional_args(call, args, 2) != 1) return false;
  /* out = [] just before the loop. */
  TSNode previous = ts_node_prev_named_sibling(loop), target;
  TSNode init = simple_assignment(previous, &target);
  if (ts_node_is_null(init) || !EQ(init, "[]") || !pymm_rules__same_text(c, target, out)) return false;
  TSNode left = node_field(loop, "left"), right = node_field(loop, "right");
  if (uses_text(c, args[0], out) || uses_text(c, left, out) || uses_text(c, right, out) ||
      (!ts_node_is_null(cond) && uses_text(c, cond, out)))
    return false;
  if (yields(args[0]) || (!ts_node_is_null(cond) && yields(cond))) return false;
  d->start = node_start(loop);
  d->end = node_end(right);
  /* A comprehension sees no class-level names and does not leak its variable. */
  TSNode scope = scope_of(c, loop);
  if (node_is(scope, "class_definition")) return true;
  TSNode names[16];
  uint32_t count = target_names(left, names, 0, 16);
  if (count == 0 || count >= 16) return true;
  if (used_after(c, scope, names, count, node_end(loop))) d->fix.safety = PYMM_FIX_UNSAFE;
  char *o = TEXT(out), *e = TEXT(args[0]), *l = TEXT(left), *r = TEXT(right),
       *k = ts_node_is_null(cond) ? NULL : TEXT(cond);
  bool paren = node_is(args[0], "conditional_expression") || node_is(args[0], "lambda");
  bool paren_right =
      node_is(right, "conditional_expression") || node_is(right, "lambda") || node_is(right, "expression_list");
  bool paren_cond = !ts_node_is_null(cond) && (node_is(cond, "conditional_expression") || node_is(cond, "lambda"));
  addf(d, node_start(previous), node_end(loop), "%s = [%s%s%s for %s in %s%s%s%s%s%s%s]", o, paren ? "(" : "", e,
       paren ? ")" : "", l, paren_right ? "(" : "", r, paren_right ? ")" : "", k ? " if " : "", paren_cond ? "(" : "",
       k ? k : "", paren_cond ? ")" : "");
  free(o);
  free(e);
  free(l);
  free(r);
  free(k);
  return true;
}

/* ---- PMM112 str += in a loop ------------------------------------------------------------------- */

/* The innermost for/while whose body holds 'n', inside n's function; null when none. */
static TSNode enclosing_loop(rule_context *c, TSNode n) {
  TSNode child = n;
  for (TSNode p = parent_of(c, n); !ts_node_is_null(p); child = p, p = parent_of(c, p)) {
    if ((node_is(p, "for_statement") || node_is(p, "while_statement")) && same_node(node_field(p, "body"), child))
      return p;
    if (is_scope_node(p)) break;
  }
  return (TSNode){0};
}

typedef struct name_count {
  uint32_t total, augmented; /* uses of the name; of which "name += ..." statements */
} name_count;

static void count_name(rule_context *c, TSNode n, TSNode name, name_count *out) {
  if (node_is(n, "identifier")) {
    if (!pymm_rules__same_text(c, n, name)) return;
    out->total++;
    TSNode p = parent_of(c, n);
    if (node_is(p, "augmented_assignment") && same_node(node_field(p, "left"), n) &&
        node_is(parent_of(c, p), "expression_statement"))
      out->augmented++;
    return;
  }
  uint32_t k = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < k; i++) count_name(c, ts_node_named_child(n, i), name, out);
}

/* True when 'name' is bound in 'n' by an assignment or a for target (not inside nested functions). */
static bool assigned_in(rule_context *c, TSNode n, TSNode name) {
  if (ts_node_is_null(n) || is_function(n) || node_is(n, "class_definition")) return false;
  if (node_is(n, "assignment") || node_is(n, "for_statement") || node_is(n, "named_expression")) {
    TSNode left = node_field(n, node_is(n, "named_expression") ? "name" : "left");
    if (node_is(left, "identifier") || node_is(left, "pattern_list") || node_is(left, "tuple_pattern"))
      if (uses_text(c, left, name)) return true;
  }
  uint32_t k = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < k; i++)
    if (assigned_in(c, ts_node_named_child(n, i), name)) return true;
  return false;
}

static bool check_112(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode aug = m->node, name = node_field(aug, "left");
  TSNode loop = enclosing_loop(c, aug);
  if (ts_node_is_null(loop) || !in_loop(c, aug)) return false;
  /* Reset inside the loop: each iteration builds a short string of its own, not one growing string. */
  if (assigned_in(c, loop, name)) return false;
  const char *type = pymm_type_of(c->doc, name);
  if (!type || strcmp(type, "str") != 0) return false;
  TSNode value = node_field(aug, "right");
  /* Adding a one-character literal now and then is not the quadratic case anyone meets. */
  d->start = node_start(aug);
  d->end = node_end(aug);
  /* The fix: "s = init" right before the loop, s used in the loop only by "s += ...", no else clause. */
  TSNode statement = parent_of(c, aug), previous = ts_node_prev_named_sibling(loop), target;
  TSNode init = simple_assignment(previous, &target);
  if (!node_is(statement, "expression_statement") || ts_node_is_null(init) || !pymm_rules__same_text(c, target, name) ||
      !ts_node_is_null(node_field(loop, "alternative")) ||
      (node_is(loop, "for_statement") && ts_node_child_count(loop) > 0 &&
       !strcmp(ts_node_type(ts_node_child(loop, 0)), "async")))
    return true;
  name_count uses = {0};
  count_name(c, loop, name, &uses);
  if (uses.total != uses.augmented || uses.total == 0) return true;
  /* Each "+=" of the loop becomes an append; they share the edits, so every finding carries all of them. */
  TSNode scope = scope_of(c, loop);
  char *n = TEXT(name), *init_text = TEXT(init);
  pymm_buf parts = {0};
  pymm_buf_printf(&parts, "%s_parts", n);
  if (scope_uses_name(c, scope, parts.data)) {
    free(n);
    free(init_text);
    pymm_buf_free(&parts);
    return true;
  }
  bool empty = EQ(init, "''") || EQ(init, "\"\"");
  if (empty) addf(d, node_start(previous), node_end(previous), "%s = []", parts.data);
  else addf(d, node_start(previous), node_end(previous), "%s = [%s]", parts.data, init_text);
  (void)value;
  /* Every "name += x" in the loop. */
  TSNode stack[64];
  uint32_t top = 0;
  stack[top++] = node_field(loop, "body");
  while (top) {
    TSNode x = stack[--top];
    if (node_is(x, "augmented_assignment") && pymm_rules__same_text(c, node_field(x, "left"), name)) {
      char *v = TEXT(node_field(x, "right"));
      addf(d, node_start(x), node_end(x), "%s.append(%s)", parts.data, v);
      free(v);
      continue;
    }
    uint32_t k = ts_node_named_child_count(x);
    for (uint32_t i = 0; i < k && top < 64; i++) stack[top++] = ts_node_named_child(x, i);
  }
  char *indent = pymm_rules__indent(c, node_start(loop));
  char *quote = empty ? TEXT(init) : pymm_strdup("''");
  addf(d, node_end(loop), node_end(loop), "\n%s%s = %s.join(%s)", indent, n, quote, parts.data);
  free(indent);
  free(quote);
  free(n);
  free(init_text);
  pymm_buf_free(&parts);
  return true;
}

/* ---- PMM113 x in a list inside a loop ---------------------------------------------------------- */

enum { SMALL_LIST = 10 };

/* True when 'name' is bound somewhere in the file to a list literal of at most SMALL_LIST items: a small
 * constant list, where a set saves nothing anyone would notice. */
static bool small_literal(rule_context *c, TSNode name) {
  uint32_t len = node_end(name) - node_start(name);
  if (node_end(name) > c->length || len == 0) return false;
  char *word = TEXT(name);
  bool found = false;
  for (uint32_t at = next_word(c, 0, c->length, word, len); at != UINT32_MAX && !found;
       at = next_word(c, at + 1, c->length, word, len)) {
    /* A target is followed by '=' or by ':' (an annotation), blanks aside; other bytes are left to the tree. */
    uint32_t e = at + len;
    while (e < c->length && blank(c->src[e])) e++;
    if (e >= c->length || (c->src[e] != '=' && c->src[e] != ':' && (unsigned char)c->src[e] < 0x80)) continue;
    if (ts_node_is_null(identifier_at(c, at, len))) continue;
    /* The smallest node over the name and the byte after it is the assignment when the name is its target. */
    TSNode a = ts_node_named_descendant_for_byte_range(c->root, at, at + len + 1);
    if (!node_is(a, "assignment")) continue;
    TSNode left = node_field(a, "left"), right = node_field(a, "right");
    found = !ts_node_is_null(left) && node_start(left) == at && node_end(left) == at + len && node_is(right, "list") &&
            ts_node_named_child_count(right) <= SMALL_LIST;
  }
  free(word);
  return found;
}

static bool check_113(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  comparison cmp;
  if (!read_comparison(c, m->node, &cmp) || cmp.count != 2) return false;
  if (strcmp(cmp.op[0], "in") != 0 && strcmp(cmp.op[0], "not in") != 0) return false;
  TSNode xs = cmp.operands[1];
  if (!node_is(xs, "identifier")) return false;
  TSNode loop = enclosing_loop(c, m->node);
  if (ts_node_is_null(loop) || !in_loop(c, m->node)) return false;
  /* The loop must not change the list, nor be the loop over it. */
  mutation mu = {0};
  find_mutations(c, loop, xs, true, &mu);
  if (!ts_node_is_null(mu.at)) return false;
  if (node_is(loop, "for_statement") && uses_text(c, node_field(loop, "left"), xs)) return false;
  const char *type = pymm_type_of(c->doc, xs);
  if (!type || strcmp(type, "list") != 0) return false;
  if (small_literal(c, xs)) return false;
  /* The list exists before the loop: bound in this function (or module) before it starts. */
  d->start = node_start(xs);
  d->end = node_end(xs);
  TSNode scope = scope_of(c, loop);
  if (node_is(scope, "class_definition")) return true;
  char *n = TEXT(xs);
  pymm_buf set = {0};
  pymm_buf_printf(&set, "%s_set", n);
  if (!scope_uses_name(c, scope, set.data)) {
    char *indent = pymm_rules__indent(c, node_start(loop));
    uint32_t at = pymm_rules__line_start(c, node_start(loop));
    if (pymm_rules__line_start(c, node_start(loop)) + strlen(indent) == node_start(loop)) {
      addf(d, at, at, "%s%s = set(%s)\n", indent, set.data, n);
      add(d, node_start(xs), node_end(xs), set.data);
    }
    free(indent);
  }
  free(n);
  pymm_buf_free(&set);
  return true;
}

/* ---- PMM106 mutable class attribute mutated through self --------------------------------------- */

enum { SELF_MUTATED = 1, SELF_ASSIGNED = 2 }; /* self.x.append(...) / self.x += ...; self.x = ... */

/* How the use 'n' of "self.<attr>" uses it (SELF_ flags), with its parent 'p' and grandparent 'q'. */
static uint32_t self_use(rule_context *c, TSNode n, TSNode p, TSNode q) {
  uint32_t flags = 0;
  if ((node_is(p, "assignment") || node_is(p, "augmented_assignment")) && same_node(node_field(p, "left"), n)) {
    flags = node_is(p, "assignment") ? SELF_ASSIGNED : SELF_MUTATED;
  } else if (node_is(p, "pattern_list") || node_is(p, "tuple_pattern")) {
    flags = SELF_ASSIGNED;
  } else if (node_is(p, "attribute") && same_node(node_field(p, "object"), n)) {
    static const char *const MUTATING[] = {"append",  "extend", "insert",  "add",   "update",     "setdefault", "pop",
                                           "popitem", "remove", "discard", "clear", "appendleft", NULL};
    if (in_list(c, node_field(p, "attribute"), MUTATING) && node_is(q, "call")) flags = SELF_MUTATED;
  } else if (node_is(p, "subscript") && same_node(node_field(p, "value"), n)) {
    if (((node_is(q, "assignment") || node_is(q, "augmented_assignment")) && same_node(node_field(q, "left"), p)) ||
        node_is(q, "delete_statement"))
      flags = SELF_MUTATED;
  }
  return flags;
}

/* How the methods of the class use self.<name> (SELF_ flags). */
static uint32_t self_uses(rule_context *c, TSNode body, TSNode name) {
  uint32_t len = node_end(name) - node_start(name), start = node_start(body), end = node_end(body), flags = 0;
  if (node_end(name) > c->length || len == 0) return 0;
  char *word = TEXT(name);
  for (uint32_t at = next_word(c, start, end, word, len); at != UINT32_MAX; at = next_word(c, at + 1, end, word, len)) {
    TSNode n = attribute_of(c, at, len);
    if (ts_node_is_null(n) || node_start(n) < start || node_end(n) > end || !EQ(node_field(n, "object"), "self"))
      continue;
    const TSNode *up;
    uint32_t k = ancestors(c, n, &up);
    TSNode p = k >= 1 ? up[k - 1] : (TSNode){0}, q = k >= 2 ? up[k - 2] : (TSNode){0};
    flags |= self_use(c, n, p, q);
  }
  free(word);
  return flags;
}

/* True when "cls.<name>" or "<class_name>.<name>" occurs anywhere in the file (a registry shared on purpose).
 * The file is searched once per attribute name and run. */
static bool shared_use(rule_context *c, TSNode class_name, TSNode name) {
  uint32_t len = node_end(name) - node_start(name);
  if (node_end(name) > c->length || len == 0) return false;
  rule_indexes *x = indexes(c);
  if (!pair_set_get(c, &x->names_scanned, NULL, 0, name)) {
    pair_set_add(c, &x->names_scanned, (TSNode){0}, name, 1);
    char *word = TEXT(name);
    for (uint32_t at = next_word(c, 0, c->length, word, len); at != UINT32_MAX;
         at = next_word(c, at + 1, c->length, word, len)) {
      TSNode n = attribute_of(c, at, len);
      TSNode object = ts_node_is_null(n) ? n : node_field(n, "object");
      if (node_is(object, "identifier") && !EQ(object, "self")) pair_set_add(c, &x->names, object, name, 1);
    }
    free(word);
  }
  if (pair_set_get(c, &x->names, "cls", 3, name)) return true;
  if (ts_node_is_null(class_name) || EQ(class_name, "self")) return false;
  return pair_set_get(c, &x->names, c->src + node_start(class_name), node_end(class_name) - node_start(class_name),
                      name) != 0;
}

static bool check_106(rule_context *c, const pymm_match *m, pymm_diagnostic *d) {
  TSNode assignment = m->node, statement = parent_of(c, assignment), body = parent_of(c, statement);
  TSNode class_node = parent_of(c, body), name = node_field(assignment, "left");
  TSNode value = node_field(assignment, "right");
  if (!node_is(class_node, "class_definition")) return false;
  /* Cheap first: some method mutates self.<name>; only then ask whether the value is a mutable. */
  uint32_t uses = self_uses(c, body, name);
  if (!(uses & SELF_MUTATED) || (uses & SELF_ASSIGNED) || !makes_mutable(c, value)) return false;
  if (mentions(c, node_field(assignment, "type"), "ClassVar")) return false;
  char *text = TEXT(name);
  bool dunder = strlen(text) > 4 && !strncmp(text, "__", 2);
  free(text);
  if (dunder || is_dataclass(c, class_node)) return false;
  /* cls.name / Class.name, in the class or outside it (a registry shared on purpose). */
  if (shared_use(c, node_field(class_node, "name"), name)) return false;
  d->start = node_start(name);
  d->end = node_end(name);
  /* The fix: delete the line, set self.name first thing in __init__. */
  TSNode init = {0};
  TSTreeCursor cursor = ts_tree_cursor_new(body);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode s = ts_tree_cursor_current_node(&cursor);
    if (node_is(s, "function_definition") && EQ(node_field(s, "name"), "__init__")) init = s;
  }
  ts_tree_cursor_delete(&cursor);
  if (ts_node_is_null(init) || pymm_rules__has_comment(statement)) return true;
  uint32_t line = pymm_rules__line_start(c, node_start(statement)), end = pymm_rules__line_end(c, node_end(statement));
  if (end >= c->length) return true;
  /* Alone on its line(s). */
  for (uint32_t p = line; p < node_start(statement); p++)
    if (c->src[p] != ' ' && c->src[p] != '\t') return true;
  if (end != node_end(statement)) return true;
  TSNode others[2];
  if (children(body, others, 2) < 2) return true; /* the class would be left without a body */
  char *n = TEXT(name), *v = TEXT(value);
  pymm_buf lines = {0};
  pymm_buf_printf(&lines, "self.%s = %s", n, v);
  if (insert_at_body_start(c, d, init, lines.data)) add(d, line, end + 1, "");
  pymm_buf_free(&lines);
  free(n);
  free(v);
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
    {"PMM101", check_101}, {"PMM102", check_102}, {"PMM103", check_103}, {"PMM104", check_104}, {"PMM105", check_105},
    {"PMM106", check_106}, {"PMM107", check_107}, {"PMM108", check_108}, {"PMM109", check_109}, {"PMM110", check_110},
    {"PMM111", check_111}, {"PMM112", check_112}, {"PMM113", check_113}, {"PMM114", check_114}, {"PMM115", check_115},
    {"PMM116", check_116}, {"PMM117", check_117}, {"PMM118", check_118}, {"PMM119", check_119}, {"PMM120", check_120},
    {"PMM121", check_121}, {"PMM122", check_122}, {"PMM123", check_123}, {"PMM124", check_124}, {"PMM125", check_125},
    {"PMM126", check_126},
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
  indexes_free(c);
}
