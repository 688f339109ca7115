/* Computed hovers: decorator desugaring, C3 MRO, exception paths, with / for desugaring, f-string specs.
 * Pure functions of the tree (and, for exceptions, of the guide's own hierarchy drawing). */
#include <stdlib.h>
#include <string.h>

#include "computed.h"
#include "features_internal.h"

static bool node_is(TSNode node, const char *type) { return strcmp(ts_node_type(node), type) == 0; }

/* ---- decorators -------------------------------------------------------------------------------- */

/* @a @b(x) def f  ->  f = a(b(x)(f)) */
static void decorators(pymm_document *doc, TSNode node, pymm_computed *out) {
  TSNode definition = ts_node_child_by_field_name(node, "definition", 10);
  if (ts_node_is_null(definition)) return;
  char *name = pymm_node_text(doc, ts_node_child_by_field_name(definition, "name", 4));
  pymm_buf expression = {0}, tail = {0};
  uint32_t count = ts_node_named_child_count(node), decorators = 0;
  for (uint32_t i = 0; i < count; i++) {
    TSNode d = ts_node_named_child(node, i);
    if (!node_is(d, "decorator") || ts_node_named_child_count(d) == 0) continue;
    char *text = pymm_features__one_line(doc, ts_node_named_child(d, 0), SIZE_MAX);
    pymm_buf_printf(&expression, "%s(", text);
    pymm_buf_putc(&tail, ')');
    free(text);
    decorators++;
  }
  if (decorators && name[0]) {
    pymm_buf code = {0};
    pymm_buf_printf(&code, "%s = %s%s%s", name, expression.data, name, tail.data);
    out->code = pymm_buf_take(&code);
    if (decorators > 1) {
      pymm_buf text = {0};
      pymm_buf_printf(&text,
                      "Applied bottom-up when `def %s` runs; when `%s()` is called, the top decorator's "
                      "wrapper runs first.",
                      name, name);
      out->text = pymm_buf_take(&text);
    }
  }
  free(name);
  pymm_buf_free(&expression);
  pymm_buf_free(&tail);
}

/* ---- C3 MRO ------------------------------------------------------------------------------------ */

#define MRO_MAX 32

typedef struct mro_list {
  char *items[MRO_MAX];
  int count;
} mro_list;

static void mro_free(mro_list *l) {
  for (int i = 0; i < l->count; i++) free(l->items[i]);
  l->count = 0;
}

static void mro_push(mro_list *l, const char *s) {
  if (l->count < MRO_MAX) l->items[l->count++] = pymm_strdup(s);
}

/* The classes defined directly in one node's body (a block, the module, a decorated definition), in order,
 * each with its name and its parent: what find_class searches. */
typedef struct class_entry {
  TSNode node, parent;
  uint32_t name_start, name_end; /* bytes of the name */
} class_entry;

typedef struct class_scope {
  TSNode container;
  class_entry *classes;
  size_t count;
} class_scope;

#define SCOPE_MAX 16

/* What one MRO hover knows of the tree: the scopes listed so far. Lives for one hover, so nothing goes stale
 * when the document changes. Free with finder_free(). */
typedef struct class_finder {
  pymm_document *doc;
  const char *text; /* the document's text, to compare names */
  uint32_t length;
  TSNode root;
  TSFieldId name_field, definition_field; /* looked up once: by name they cost a scan of every field name */
  class_scope scopes[SCOPE_MAX];
  size_t scope_count;
} class_finder;

static void finder_init(class_finder *f, pymm_document *doc) {
  const TSTree *tree = pymm_document_tree(doc);
  const TSLanguage *language = ts_tree_language(tree);
  const pymm_text *text = pymm_document_text(doc);
  *f = (class_finder){
      .doc = doc, .text = pymm_text_data(text), .length = pymm_text_length(text), .root = ts_tree_root_node(tree)};
  f->name_field = ts_language_field_id_for_name(language, "name", 4);
  f->definition_field = ts_language_field_id_for_name(language, "definition", 10);
}

static void finder_free(class_finder *f) {
  for (size_t i = 0; i < f->scope_count; i++) free(f->scopes[i].classes);
  f->scope_count = 0;
}

/* The child of the cursor's node in field 'field' (the cursor comes back to the node); null when none. */
static TSNode cursor_field(TSTreeCursor *cursor, TSFieldId field) {
  TSNode found = {0};
  if (!ts_tree_cursor_goto_first_child(cursor)) return found;
  do {
    if (ts_tree_cursor_current_field_id(cursor) == field) {
      found = ts_tree_cursor_current_node(cursor);
      break;
    }
  } while (ts_tree_cursor_goto_next_sibling(cursor));
  ts_tree_cursor_goto_parent(cursor);
  return found;
}

/* Lists the class definitions among the named children of 'container' (through decorated definitions) with
 * one pass of a tree cursor: ts_node_named_child(n, i) walks i children, so a loop over it is quadratic. */
static void scope_list(const class_finder *f, TSNode container, class_scope *out) {
  size_t cap = 0;
  *out = (class_scope){.container = container};
  TSTreeCursor cursor = ts_tree_cursor_new(container);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode c = ts_tree_cursor_current_node(&cursor);
      if (!ts_node_is_named(c)) continue;
      TSNode parent = container;
      if (node_is(c, "decorated_definition")) {
        parent = c;
        c = cursor_field(&cursor, f->definition_field);
      }
      if (ts_node_is_null(c) || !node_is(c, "class_definition")) continue;
      TSNode name = ts_node_child_by_field_id(c, f->name_field);
      if (ts_node_is_null(name)) continue; /* no name to be found by */
      PYMM_GROW(out->classes, cap, out->count + 1);
      out->classes[out->count++] = (class_entry){c, parent, ts_node_start_byte(name), ts_node_end_byte(name)};
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
}

/* The scope of 'container', listed on first use. Borrowed: valid until finder_free(); 'spare' holds it when
 * the finder is full (the caller frees spare->classes). */
static const class_scope *scope_of(class_finder *f, TSNode container, class_scope *spare) {
  for (size_t i = 0; i < f->scope_count; i++)
    if (ts_node_eq(f->scopes[i].container, container) &&
        ts_node_start_byte(f->scopes[i].container) == ts_node_start_byte(container))
      return &f->scopes[i];
  class_scope *s = f->scope_count < SCOPE_MAX ? &f->scopes[f->scope_count++] : spare;
  scope_list(f, container, s);
  return s;
}

/* Finds the class named 'name' defined in the same block as 'near' (whose parent is 'near_parent') or, when
 * none is there, at module level: the first one at or after 'near', else the last one before it. Fills
 * '*parent' with the found class's parent. */
static TSNode find_class(class_finder *f, TSNode near, TSNode near_parent, const char *name, TSNode *parent) {
  size_t length = strlen(name);
  for (int pass = 0; pass < 2; pass++) {
    TSNode block = pass == 0 ? near_parent : f->root;
    if (ts_node_is_null(block)) continue;
    class_scope spare = {0};
    const class_scope *scope = scope_of(f, block, &spare);
    TSNode found = {0};
    bool any = false;
    for (size_t i = 0; i < scope->count; i++) {
      const class_entry *e = &scope->classes[i];
      if (e->name_end - e->name_start == length && e->name_end <= f->length &&
          !memcmp(f->text + e->name_start, name, length)) {
        found = e->node;
        *parent = e->parent;
        any = true;
        if (ts_node_start_byte(e->node) >= ts_node_start_byte(near)) break;
      }
    }
    free(spare.classes);
    if (any) return found;
  }
  TSNode none = {0};
  return none;
}

/* The names of a class's bases as written (subscripts reduced to their base: Generic[T] -> Generic);
 * false when a base is not a plain name. */
static int class_bases(pymm_document *doc, TSNode cls, char **names, int max) {
  TSNode args = ts_node_child_by_field_name(cls, "superclasses", 12);
  int n = 0;
  if (ts_node_is_null(args)) return 0;
  uint32_t count = ts_node_named_child_count(args);
  for (uint32_t i = 0; i < count && n < max; i++) {
    TSNode b = ts_node_named_child(args, i);
    if (node_is(b, "keyword_argument")) continue; /* metaclass=... */
    if (node_is(b, "subscript")) b = ts_node_child_by_field_name(b, "value", 5);
    if (!node_is(b, "identifier") && !node_is(b, "attribute")) {
      while (n > 0) free(names[--n]); /* the caller frees names only on success */
      return -1;
    }
    names[n++] = pymm_node_text(doc, b);
  }
  return n;
}

static bool exception_path(const pymm_engine *engine, const char *name, mro_list *path);

/* Linearises 'cls' into 'out'. Classes not defined in the file are opaque: their own bases are unknown
 * (noted in '*opaque'), except builtin exceptions, whose chain the guide draws. Returns false on an
 * inconsistent hierarchy or when the depth runs out. */
static bool linearize(const pymm_engine *engine, class_finder *f, TSNode cls, TSNode parent, int depth, mro_list *out,
                      bool *opaque) {
  pymm_document *doc = f->doc;
  char *self = pymm_node_text(doc, ts_node_child_by_field_name(cls, "name", 4));
  mro_push(out, self);
  free(self);
  if (depth > 12) return false;
  char *bases[12];
  int n = class_bases(doc, cls, bases, 12);
  if (n < 0) return false;
  mro_list seqs[13];
  int seq_count = 0;
  bool ok = true;
  for (int i = 0; i < n; i++) {
    mro_list *l = &seqs[seq_count++];
    l->count = 0;
    TSNode base_parent = {0};
    TSNode base = strchr(bases[i], '.') ? (TSNode){0} : find_class(f, cls, parent, bases[i], &base_parent);
    if (!ts_node_is_null(base) && !ts_node_eq(base, cls)) {
      ok = ok && linearize(engine, f, base, base_parent, depth + 1, l, opaque);
    } else {
      mro_list chain = {0};
      static const char *const builtin_classes[] = {"list", "dict",  "set",     "frozenset", "tuple", "str", "bytes",
                                                    "int",  "float", "complex", "bytearray", "type",  NULL};
      bool builtin = false;
      for (const char *const *c = builtin_classes; *c && !builtin; c++) builtin = !strcmp(*c, bases[i]);
      if (!strcmp(bases[i], "object")) {
        mro_push(l, "object");
      } else if (builtin) { /* builtin classes other than bool derive from object directly */
        mro_push(l, bases[i]);
        mro_push(l, "object");
      } else if (exception_path(engine, bases[i], &chain)) {
        for (int k = chain.count - 1; k >= 0; k--) mro_push(l, chain.items[k]);
        mro_push(l, "object");
      } else {
        mro_push(l, bases[i]);
        mro_push(l, "object");
        *opaque = true;
      }
      mro_free(&chain);
    }
  }
  /* The list of bases itself is the last sequence to merge. */
  mro_list *own = &seqs[seq_count++];
  own->count = 0;
  for (int i = 0; i < n; i++) mro_push(own, bases[i]);
  if (n == 0) {
    mro_list *l = &seqs[0];
    mro_free(own);
    l->count = 0;
    mro_push(l, "object");
    seq_count = 1;
  }
  int heads[13] = {0};
  while (ok) {
    const char *pick = NULL;
    for (int s = 0; s < seq_count && !pick; s++) {
      if (heads[s] >= seqs[s].count) continue;
      const char *candidate = seqs[s].items[heads[s]];
      bool in_tail = false;
      for (int t = 0; t < seq_count && !in_tail; t++)
        for (int k = heads[t] + 1; k < seqs[t].count && !in_tail; k++) in_tail = !strcmp(seqs[t].items[k], candidate);
      if (!in_tail) pick = candidate;
    }
    if (!pick) {
      for (int s = 0; s < seq_count; s++) ok = ok && heads[s] >= seqs[s].count;
      break;
    }
    mro_push(out, pick);
    for (int s = 0; s < seq_count; s++)
      if (heads[s] < seqs[s].count && !strcmp(seqs[s].items[heads[s]], pick)) heads[s]++;
  }
  for (int s = 0; s < seq_count; s++) mro_free(&seqs[s]);
  for (int i = 0; i < n; i++) free(bases[i]);
  return ok;
}

static void mro(const pymm_engine *engine, pymm_document *doc, TSNode cls, pymm_computed *out) {
  if (!node_is(cls, "class_definition")) return;
  mro_list l = {0};
  bool opaque = false;
  class_finder f;
  finder_init(&f, doc);
  bool ok = linearize(engine, &f, cls, ts_node_parent(cls), 0, &l, &opaque);
  finder_free(&f);
  if (ok && l.count > 1) {
    pymm_buf b = {0};
    pymm_buf_puts(&b, "MRO: `");
    for (int i = 0; i < l.count; i++) pymm_buf_printf(&b, "%s%s", i ? " → " : "", l.items[i]);
    pymm_buf_puts(&b, "`");
    if (opaque) pymm_buf_puts(&b, " (bases defined elsewhere are shown without their own bases)");
    out->text = pymm_buf_take(&b);
  } else if (l.count >= 1) {
    out->text = pymm_strdup("No consistent MRO: Python raises TypeError for these bases.");
  }
  mro_free(&l);
}

/* ---- exceptions: the path in the guide's "Exception Hierarchy" drawing --------------------------- */

/* Fills 'path' with the chain from the root to 'name' (root first); false when the guide does not draw it. */
static bool exception_path(const pymm_engine *engine, const char *name, mro_list *path) {
  int32_t entry = pymm_guide_find(engine->guide, "Exception Hierarchy");
  if (entry < 0) return false;
  const pymm_guide_entry *e = pymm_guide_entry_at(engine->guide, (size_t)entry);
  char *stack[16] = {0};
  bool found = false;
  for (uint32_t line = e->line_start; line <= e->line_end && !found; line++) {
    size_t n;
    const char *text = pymm_guide_line(engine->guide, line, &n);
    if (!text) break;
    /* Depth: each "│   ", "    ", "├── " or "└── " is one step of four columns. */
    size_t i = 0, columns = 0;
    while (i < n) {
      unsigned char c = (unsigned char)text[i];
      if (c == ' ') i++, columns++;
      else if (!strncmp(text + i, "│", 3) || !strncmp(text + i, "├", 3) || !strncmp(text + i, "└", 3) ||
               !strncmp(text + i, "─", 3))
        i += 3, columns++;
      else break;
    }
    size_t start = i;
    while (i < n && ((text[i] >= 'A' && text[i] <= 'Z') || (text[i] >= 'a' && text[i] <= 'z') ||
                     (text[i] >= '0' && text[i] <= '9') || text[i] == '_'))
      i++;
    if (i == start || (columns % 4) != 0) continue;
    size_t depth = columns / 4;
    if (depth >= 16) continue;
    free(stack[depth]);
    stack[depth] = pymm_strndup(text + start, i - start);
    for (size_t d = depth + 1; d < 16; d++) {
      free(stack[d]);
      stack[d] = NULL;
    }
    if (!strcmp(stack[depth], name)) {
      for (size_t d = 0; d <= depth; d++) mro_push(path, stack[d] ? stack[d] : "?");
      found = true;
    }
  }
  for (int d = 0; d < 16; d++) free(stack[d]);
  return found;
}

static void exception(const pymm_engine *engine, pymm_document *doc, TSNode node, pymm_computed *out) {
  char *name = pymm_node_text(doc, node);
  mro_list path = {0};
  if (exception_path(engine, name, &path)) {
    pymm_buf b = {0};
    pymm_buf_puts(&b, "`");
    for (int i = 0; i < path.count; i++) pymm_buf_printf(&b, "%s%s", i ? " › " : "", path.items[i]);
    pymm_buf_puts(&b, "`");
    if (path.count > 2) pymm_buf_printf(&b, " — `except %s` also catches it", path.items[path.count - 2]);
    out->text = pymm_buf_take(&b);
  }
  mro_free(&path);
  free(name);
}

/* ---- with / for -------------------------------------------------------------------------------- */

static void with_statement(pymm_document *doc, TSNode node, pymm_computed *out) {
  TSNode clause = ts_node_named_child(node, 0);
  if (ts_node_is_null(clause) || !node_is(clause, "with_clause") || ts_node_named_child_count(clause) == 0) return;
  TSNode item = ts_node_child_by_field_name(ts_node_named_child(clause, 0), "value", 5);
  if (ts_node_is_null(item)) return;
  bool is_async = !strcmp(ts_node_type(ts_node_child(node, 0)), "async");
  TSNode value = item, target = {0};
  if (node_is(item, "as_pattern")) {
    value = ts_node_named_child(item, 0);
    TSNode alias = ts_node_child_by_field_name(item, "alias", 5);
    if (!ts_node_is_null(alias)) target = alias;
  }
  char *v = pymm_features__one_line(doc, value, SIZE_MAX);
  char *t = ts_node_is_null(target) ? NULL : pymm_features__one_line(doc, target, SIZE_MAX);
  const char *aw = is_async ? "await " : "";
  const char *enter = is_async ? "__aenter__" : "__enter__", *exit = is_async ? "__aexit__" : "__exit__";
  pymm_buf b = {0};
  pymm_buf_printf(&b, "manager = %s\n", v);
  if (t) pymm_buf_printf(&b, "%s = %smanager.%s()\n", t, aw, enter);
  else pymm_buf_printf(&b, "%smanager.%s()\n", aw, enter);
  pymm_buf_printf(&b,
                  "try:\n    ...  # the body\nexcept BaseException:\n    if not %smanager.%s(*sys.exc_info()):\n"
                  "        raise\nelse:\n    %smanager.%s(None, None, None)",
                  aw, exit, aw, exit);
  if (ts_node_named_child_count(clause) > 1) pymm_buf_puts(&b, "\n# the next items nest inside, exited in reverse");
  out->code = pymm_buf_take(&b);
  free(v);
  free(t);
}

static void for_statement(pymm_document *doc, TSNode node, pymm_computed *out) {
  TSNode left = ts_node_child_by_field_name(node, "left", 4), right = ts_node_child_by_field_name(node, "right", 5);
  if (ts_node_is_null(left) || ts_node_is_null(right)) return;
  bool is_async = !strcmp(ts_node_type(ts_node_child(node, 0)), "async");
  char *l = pymm_features__one_line(doc, left, SIZE_MAX), *r = pymm_features__one_line(doc, right, SIZE_MAX);
  bool has_else = !ts_node_is_null(ts_node_child_by_field_name(node, "alternative", 11));
  pymm_buf b = {0};
  if (is_async)
    pymm_buf_printf(&b,
                    "iterator = aiter(%s)\nwhile True:\n    try:\n        %s = await anext(iterator)\n"
                    "    except StopAsyncIteration:\n        break%s\n    ...  # the body",
                    r, l, has_else ? "  # then the else block runs" : "");
  else
    pymm_buf_printf(&b,
                    "iterator = iter(%s)\nwhile True:\n    try:\n        %s = next(iterator)\n"
                    "    except StopIteration:\n        break%s\n    ...  # the body",
                    r, l, has_else ? "  # then the else block runs" : "");
  out->code = pymm_buf_take(&b);
  if (has_else) out->text = pymm_strdup("The `else` block runs when the loop ends without `break`.");
  free(l);
  free(r);
}

/* ---- f-string format specs ---------------------------------------------------------------------- */

static const char *type_meaning(char c) {
  switch (c) {
  case 'f':
  case 'F':
    return "fixed-point";
  case 'e':
  case 'E':
    return "scientific notation";
  case 'g':
  case 'G':
    return "general format";
  case '%':
    return "percentage (× 100, then %)";
  case 'd':
    return "decimal integer";
  case 'x':
    return "hexadecimal";
  case 'X':
    return "hexadecimal, upper case";
  case 'o':
    return "octal";
  case 'b':
    return "binary";
  case 'c':
    return "character";
  case 's':
    return "string";
  case 'n':
    return "number with the locale's separators";
  default:
    return NULL;
  }
}

/* Explains [[fill]align][sign][z][#][0][width][grouping][.precision][type]. */
static void explain_spec(const char *spec, pymm_buf *b) {
  const char *p = spec;
  size_t n = strlen(spec);
  bool first = true;
#define PART(...) (pymm_buf_puts(b, first ? "" : ", "), pymm_buf_printf(b, __VA_ARGS__), first = false)
  /* fill + align: the align char may follow one fill code point */
  size_t fill_len = 0;
  if (n) {
    unsigned char c = (unsigned char)p[0];
    fill_len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  const char *align = NULL;
  char fill[8] = "";
  if (fill_len < n && strchr("<>^=", p[fill_len])) {
    memcpy(fill, p, fill_len);
    fill[fill_len] = '\0';
    align = p + fill_len;
    p += fill_len + 1;
  } else if (n && strchr("<>^=", p[0])) {
    align = p;
    p++;
  }
  if (*p && strchr("+- ", *p)) {
    PART("%s", *p == '+'   ? "always a sign"
               : *p == ' ' ? "a space before positive numbers"
                           : "a sign only when negative");
    p++;
  }
  if (*p == 'z') p++;
  if (*p == '#') PART("alternate form (0x, 0o, 0b prefixes)"), p++;
  bool zero = false;
  if (*p == '0') zero = true, p++;
  char width[16] = "";
  size_t w = 0;
  while (*p >= '0' && *p <= '9' && w < sizeof width - 1) width[w++] = *p++;
  width[w] = '\0';
  if (w) {
    const char *how = !align            ? (zero ? "zero-padded" : "padded")
                      : align[0] == '<' ? "left-aligned"
                      : align[0] == '>' ? "right-aligned"
                      : align[0] == '^' ? "centred"
                                        : "padded after the sign";
    if (fill[0]) PART("%s in %s columns with '%s'", how, width, fill);
    else PART("%s to %s columns", how, width);
  } else if (zero) {
    PART("zero-padded");
  }
  if (*p == ',' || *p == '_') PART("'%c' between thousands", *p), p++;
  if (*p == '.') {
    p++;
    char precision[16] = "";
    size_t k = 0;
    while (*p >= '0' && *p <= '9' && k < sizeof precision - 1) precision[k++] = *p++;
    precision[k] = '\0';
    const char *t = *p ? type_meaning(*p) : NULL;
    if (t && (*p == 'f' || *p == 'F' || *p == '%' || *p == 'e' || *p == 'E'))
      PART("%s with %s digits after the point", t, precision), p++;
    else if (*p == 's') PART("at most %s characters", precision), p++;
    else PART("%s significant digits", precision);
  }
  if (*p) {
    const char *t = type_meaning(*p);
    if (t) PART("%s", t), p++; /* else keep it: it may be the first byte of a code point */
  }
  if (*p) PART("then '%s'", p);
  if (first) pymm_buf_puts(b, "default formatting");
#undef PART
}

static void fstring(pymm_document *doc, TSNode node, pymm_computed *out) {
  if (!node_is(node, "interpolation")) return;
  TSNode expression = ts_node_child_by_field_name(node, "expression", 10);
  TSNode spec = ts_node_child_by_field_name(node, "format_specifier", 16);
  TSNode conversion = ts_node_child_by_field_name(node, "type_conversion", 15);
  bool debug = false;
  uint32_t count = ts_node_child_count(node);
  for (uint32_t i = 0; i < count; i++)
    if (!strcmp(ts_node_type(ts_node_child(node, i)), "=")) debug = true;
  if (ts_node_is_null(expression)) return;
  char *e = pymm_features__one_line(doc, expression, SIZE_MAX);
  pymm_buf b = {0};
  pymm_buf_printf(&b, "`%s`", e);
  if (debug) pymm_buf_printf(&b, " printed as `%s=` followed by its %s", e, ts_node_is_null(spec) ? "repr" : "value");
  if (!ts_node_is_null(conversion)) {
    char *c = pymm_node_text(doc, conversion);
    pymm_buf_printf(&b, ", converted with %s", !strcmp(c, "!r") ? "repr()" : !strcmp(c, "!s") ? "str()" : "ascii()");
    free(c);
  }
  if (!ts_node_is_null(spec)) {
    char *s = pymm_node_text(doc, spec);
    const char *body = s[0] == ':' ? s + 1 : s;
    pymm_buf_printf(&b, "%s format spec `%s`: ", debug ? "," : "", body);
    if (strchr(body, '{')) pymm_buf_puts(&b, "nested fields are formatted first");
    else explain_spec(body, &b);
    free(s);
  } else if (!debug && ts_node_is_null(conversion)) {
    pymm_buf_puts(&b, " formatted with format(value, '')");
  }
  out->text = pymm_buf_take(&b);
  free(e);
}

void pymm_computed__run(const pymm_engine *engine, pymm_document *doc, const char *kind, TSNode node,
                        pymm_computed *out) {
  out->code = out->text = NULL;
  if (!strcmp(kind, "decorators")) decorators(doc, node, out);
  else if (!strcmp(kind, "mro")) mro(engine, doc, node, out);
  else if (!strcmp(kind, "exception")) exception(engine, doc, node, out);
  else if (!strcmp(kind, "with")) with_statement(doc, node, out);
  else if (!strcmp(kind, "for")) for_statement(doc, node, out);
  else if (!strcmp(kind, "fstring")) fstring(doc, node, out);
}
