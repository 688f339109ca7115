/* Type facts: a small, flow-insensitive inference per scope (LEGB). A name's type is what every binding
 * of it in its scope agrees on: literals, constructor calls, annotations, imports. Anything else is unknown. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "python_internal.h"

/* One memoised lookup: a name in a scope (by the scope's start byte and kind). */
typedef struct memo {
  uint32_t scope_start;
  const char *scope_kind; /* static: the tree-sitter node type */
  char *name;
  const char *result;
} memo;

typedef struct scope_facts scope_facts;
static void scope_facts_free(scope_facts *facts);
typedef struct class_sites class_sites;
static void class_sites_free(class_sites *sites);

struct pymm_types {
  pymm_document *doc;
  char **pool; /* strings handed out as types ("class:Point"), freed with the facts */
  size_t pool_count, pool_cap;
  memo *memos; /* the facts live for one parse, so lookups are memoised */
  size_t memo_count, memo_cap;
  pymm_index memo_index;
  scope_facts **scopes; /* the binding sites of each scope walked so far */
  size_t scope_count, scope_cap;
  pymm_index scope_index;
  class_sites **classes; /* the assignments of each class whose self.<attr> was looked up */
  size_t class_count, class_cap;
  /* The last qualified name asked for: the hover patterns ask for one node's many times in a row. */
  uint32_t last_name_start, last_name_end;
  const char *last_name;
  bool has_last_name;
};

pymm_types *pymm_types__new(pymm_document *doc) {
  pymm_types *types = pymm_calloc(1, sizeof *types);
  types->doc = doc;
  return types;
}

void pymm_types__free(pymm_types *types) {
  if (!types) return;
  for (size_t i = 0; i < types->pool_count; i++) free(types->pool[i]);
  free(types->pool);
  for (size_t i = 0; i < types->memo_count; i++) free(types->memos[i].name);
  free(types->memos);
  pymm_index_free(&types->memo_index);
  for (size_t i = 0; i < types->scope_count; i++) scope_facts_free(types->scopes[i]);
  free(types->scopes);
  pymm_index_free(&types->scope_index);
  for (size_t i = 0; i < types->class_count; i++) class_sites_free(types->classes[i]);
  free(types->classes);
  free(types);
}

/* Interns "prefix + name" in the pool. */
static const char *intern(pymm_types *types, const char *prefix, const char *name) {
  size_t n = strlen(prefix);
  for (size_t i = 0; i < types->pool_count; i++) {
    if (strncmp(types->pool[i], prefix, n) == 0 && strcmp(types->pool[i] + n, name) == 0) return types->pool[i];
  }
  pymm_buf b = {0};
  pymm_buf_puts(&b, prefix);
  pymm_buf_puts(&b, name);
  PYMM_GROW(types->pool, types->pool_cap, types->pool_count + 1);
  types->pool[types->pool_count++] = pymm_buf_take(&b);
  return types->pool[types->pool_count - 1];
}

static uint64_t memo_hash(uint32_t scope_start, const char *kind, const char *name) {
  return pymm_hash(PYMM_HASH_SEED ^ scope_start ^ ((uintptr_t)kind >> 4), name, strlen(name));
}

typedef struct memo_key {
  const pymm_types *types;
  uint32_t scope_start;
  const char *kind, *name;
} memo_key;

static bool same_memo(const void *context, uint32_t item) {
  const memo_key *k = context;
  const memo *m = &k->types->memos[item];
  return m->scope_start == k->scope_start && m->scope_kind == k->kind && !strcmp(m->name, k->name);
}

/* The memo of 'name' in the scope, or NULL. */
static memo *memo_find(pymm_types *types, uint32_t scope_start, const char *kind, const char *name) {
  memo_key key = {types, scope_start, kind, name};
  uint32_t i = pymm_index_find(&types->memo_index, memo_hash(scope_start, kind, name), same_memo, &key);
  return i == PYMM_INDEX_NONE ? NULL : &types->memos[i];
}

static void memo_put(pymm_types *types, uint32_t scope_start, const char *kind, const char *name, const char *result) {
  memo *m = memo_find(types, scope_start, kind, name);
  if (!m) {
    PYMM_GROW(types->memos, types->memo_cap, types->memo_count + 1);
    m = &types->memos[types->memo_count];
    *m = (memo){.scope_start = scope_start, .scope_kind = kind, .name = pymm_strdup(name)};
    pymm_index_add(&types->memo_index, memo_hash(scope_start, kind, name), (uint32_t)types->memo_count++);
  }
  m->result = result;
}

/* A binding pymm can name but not type (a for target, a parameter, an unknown value): it hides outer
 * scopes and builtins, and makes the name unknown. */
static const char UNKNOWN[] = "?";
/* A binding to None: it hides outer scopes but leaves the type to the other bindings, since a method
 * called on the name is never called on None. */
static const char NONE_VALUE[] = "None";

static bool node_is(TSNode node, const char *type) { return strcmp(ts_node_type(node), type) == 0; }

/* Builtin classes whose call makes an instance of the same name. */
static const char *const BUILTIN_CLASSES[] = {"list", "dict",  "set",  "frozenset", "tuple",  "str", "bytes",
                                              "int",  "float", "bool", "bytearray", "object", NULL};
/* Other builtin names: an unbound use of one of them refers to builtins ("ref:builtins.len"). */
static const char *const BUILTIN_NAMES[] = {
    "abs", "aiter", "all", "anext", "any", "ascii", "bin", "breakpoint", "callable", "chr", "classmethod", "compile",
    "complex", "delattr", "dir", "divmod", "enumerate", "eval", "exec", "filter", "format", "getattr", "globals",
    "hasattr", "hash", "help", "hex", "id", "input", "isinstance", "issubclass", "iter", "len", "locals", "map", "max",
    "memoryview", "min", "next", "oct", "open", "ord", "pow", "print", "property", "range", "repr", "reversed", "round",
    "setattr", "slice", "sorted", "staticmethod", "sum", "super", "type", "vars", "zip", "__import__", "NotImplemented",
    "Ellipsis",
    /* exceptions */
    "BaseException", "BaseExceptionGroup", "GeneratorExit", "KeyboardInterrupt", "SystemExit", "Exception",
    "ArithmeticError", "FloatingPointError", "OverflowError", "ZeroDivisionError", "AssertionError", "AttributeError",
    "BufferError", "EOFError", "ExceptionGroup", "ImportError", "ModuleNotFoundError", "LookupError", "IndexError",
    "KeyError", "MemoryError", "NameError", "UnboundLocalError", "OSError", "EnvironmentError", "IOError",
    "BlockingIOError", "ChildProcessError", "ConnectionError", "BrokenPipeError", "ConnectionAbortedError",
    "ConnectionRefusedError", "ConnectionResetError", "FileExistsError", "FileNotFoundError", "InterruptedError",
    "IsADirectoryError", "NotADirectoryError", "PermissionError", "ProcessLookupError", "TimeoutError",
    "ReferenceError", "RuntimeError", "NotImplementedError", "RecursionError", "StopAsyncIteration", "StopIteration",
    "SyntaxError", "IndentationError", "TabError", "SystemError", "TypeError", "ValueError", "UnicodeError",
    "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeTranslateError", "Warning", "BytesWarning",
    "DeprecationWarning", "EncodingWarning", "FutureWarning", "ImportWarning", "PendingDeprecationWarning",
    "ResourceWarning", "RuntimeWarning", "SyntaxWarning", "UnicodeWarning", "UserWarning", NULL};

/* Classes of the standard library that pymm follows through imports, as "module.name". */
static const char *const LIBRARY_CLASSES[] = {"collections.deque",    "collections.defaultdict",
                                              "collections.Counter",  "collections.OrderedDict",
                                              "collections.ChainMap", "collections.namedtuple",
                                              "typing.NamedTuple",    "typing.List",
                                              "typing.Dict",          "typing.Set",
                                              "typing.FrozenSet",     "typing.Tuple",
                                              "typing.Deque",         "typing.DefaultDict",
                                              "typing.Counter",       "typing.OrderedDict",
                                              "typing.ChainMap",      "typing.Optional",
                                              "typing.Union",         NULL};

static bool in_list(const char *const *list, const char *name) {
  for (const char *const *c = list; *c; c++)
    if (strcmp(*c, name) == 0) return true;
  return false;
}

/* Annotation names that mean a builtin or library container. */
static const char *annotation_type(const char *name) {
  static const char *const map[][2] = {{"List", "list"},
                                       {"Dict", "dict"},
                                       {"Set", "set"},
                                       {"FrozenSet", "frozenset"},
                                       {"Tuple", "tuple"},
                                       {"Deque", "deque"},
                                       {"DefaultDict", "defaultdict"},
                                       {"Counter", "Counter"},
                                       {"OrderedDict", "OrderedDict"},
                                       {"ChainMap", "ChainMap"},
                                       {"list", "list"},
                                       {"dict", "dict"},
                                       {"set", "set"},
                                       {"frozenset", "frozenset"},
                                       {"tuple", "tuple"},
                                       {"deque", "deque"},
                                       {"defaultdict", "defaultdict"},
                                       {"str", "str"},
                                       {"bytes", "bytes"},
                                       {"int", "int"},
                                       {"float", "float"},
                                       {"bool", "bool"},
                                       {"bytearray", "bytearray"}};
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strcmp(map[i][0], name) == 0) return map[i][1];
  return NULL;
}

static bool is_library_class(const char *module, const char *name) {
  size_t m = strlen(module);
  for (const char *const *c = LIBRARY_CLASSES; *c; c++)
    if (strncmp(*c, module, m) == 0 && (*c)[m] == '.' && strcmp(*c + m + 1, name) == 0) return true;
  return false;
}

/* A name whose bindings are being typed, in one scope. */
typedef struct resolving {
  uint32_t scope_start;
  const char *scope_kind;
  const char *name;
} resolving;

#define RESOLVING_MAX 64
typedef struct resolver {
  pymm_types *types;
  pymm_document *doc;
  int depth; /* guards against cycles such as a = b; b = a */
  /* The names being typed: "s = s.split()" reads s while typing s. Without this, each binding typed every other
   * binding again at each depth, so a few of them took exponential time (found by the features fuzzer). */
  resolving active[RESOLVING_MAX];
  uint32_t active_count;
} resolver;

/* A resolver for 'doc', set field by field: its 'active' stack is read only below 'active_count', so it is not
 * zeroed (1.5 KB per call, and hovers ask for types and names many times over). */
static void resolver_init(resolver *r, pymm_document *doc) {
  r->types = pymm_document__types(doc);
  r->doc = doc;
  r->depth = 0;
  r->active_count = 0;
}

static bool is_resolving(const resolver *r, uint32_t scope_start, const char *kind, const char *name) {
  for (uint32_t i = 0; i < r->active_count; i++)
    if (r->active[i].scope_start == scope_start && r->active[i].scope_kind == kind && !strcmp(r->active[i].name, name))
      return true;
  return false;
}

static const char *expression_type(resolver *r, TSNode node);
static const char *reference(resolver *r, TSNode node);
static const char *name_type(resolver *r, const char *name, TSNode at);

/* What a reference means as a type: "ref:collections.deque" -> "class:deque", "ref:builtins.list" ->
 * "class:list"; other references (functions, unknown imports) have no type pymm knows. */
static const char *ref_type(resolver *r, const char *ref) {
  if (!ref || strncmp(ref, "ref:", 4) != 0) return ref;
  const char *qualified = ref + 4, *dot = strrchr(qualified, '.');
  if (!dot) return NULL;
  char module[128];
  size_t n = (size_t)(dot - qualified);
  if (n >= sizeof module) return NULL;
  memcpy(module, qualified, n);
  module[n] = '\0';
  if (!strcmp(module, "builtins") && in_list(BUILTIN_CLASSES, dot + 1)) return intern(r->types, "class:", dot + 1);
  if (is_library_class(module, dot + 1)) return intern(r->types, "class:", dot + 1);
  return NULL;
}

/* The type an annotation names: list[int] -> "list", Optional[Deque[int]] -> "deque", X | None -> X. */
static const char *annotation_of(resolver *r, TSNode node) {
  if (ts_node_is_null(node)) return NULL;
  if (node_is(node, "type") && ts_node_named_child_count(node) > 0) node = ts_node_named_child(node, 0);
  if (node_is(node, "string")) return NULL; /* forward references stay unknown */
  if (node_is(node, "generic_type") || node_is(node, "subscript")) {
    TSNode base = ts_node_named_child(node, 0);
    char *name = pymm_node_text(r->doc, base);
    const char *dot = strrchr(name, '.');
    const char *leaf = dot ? dot + 1 : name;
    const char *result = NULL;
    if (strcmp(leaf, "Optional") == 0) {
      TSNode args = ts_node_named_child(node, 1);
      if (!ts_node_is_null(args) && node_is(args, "type_parameter"))
        result = annotation_of(r, ts_node_named_child(args, 0));
      else if (!ts_node_is_null(args)) result = annotation_of(r, args);
    } else {
      result = annotation_type(leaf);
    }
    free(name);
    return result;
  }
  if (node_is(node, "union_type") && ts_node_named_child_count(node) == 2) { /* X | None in a parameter */
    TSNode left = ts_node_named_child(node, 0), right = ts_node_named_child(node, 1);
    if (pymm_node_text_eq(r->doc, right, "None")) return annotation_of(r, left);
    if (pymm_node_text_eq(r->doc, left, "None")) return annotation_of(r, right);
    return NULL;
  }
  if (node_is(node, "binary_operator")) { /* X | None */
    TSNode left = ts_node_child_by_field_name(node, "left", 4), right = ts_node_child_by_field_name(node, "right", 5);
    if (pymm_node_text_eq(r->doc, right, "None")) return annotation_of(r, left);
    if (pymm_node_text_eq(r->doc, left, "None")) return annotation_of(r, right);
    return NULL;
  }
  if (node_is(node, "identifier") || node_is(node, "attribute")) {
    char *name = pymm_node_text(r->doc, node);
    const char *dot = strrchr(name, '.');
    const char *result = annotation_type(dot ? dot + 1 : name);
    free(name);
    return result;
  }
  return NULL;
}

/* "class:deque" -> "deque"; builtin and library classes make instances of their own name. */
static const char *instance_of(resolver *r, const char *class_type) {
  if (!class_type || strncmp(class_type, "class:", 6) != 0) return NULL;
  const char *name = class_type + 6;
  for (const char *const *c = BUILTIN_CLASSES; *c; c++)
    if (strcmp(*c, name) == 0) return *c;
  if (!strcmp(name, "namedtuple") || !strcmp(name, "NamedTuple") || !strcmp(name, "Optional") || !strcmp(name, "Union"))
    return NULL;
  const char *mapped = annotation_type(name);
  if (mapped) return mapped;
  return intern(r->types, "", name);
}

static bool one_of(const char *s, const char *const *list) { return s && in_list(list, s); }

/* The type of a binary operation whose operand types are known. */
static const char *operator_type(resolver *r, TSNode node) {
  static const char *const sets[] = {"set", "frozenset", NULL};
  static const char *const sequences[] = {"list", "tuple", "str", "bytes", NULL};
  TSNode op = ts_node_child_by_field_name(node, "operator", 8);
  if (ts_node_is_null(op)) return NULL;
  const char *o = ts_node_type(op);
  r->depth++;
  const char *left = expression_type(r, ts_node_child_by_field_name(node, "left", 4));
  const char *right = expression_type(r, ts_node_child_by_field_name(node, "right", 5));
  r->depth--;
  if (!strcmp(o, "|") || !strcmp(o, "&") || !strcmp(o, "-") || !strcmp(o, "^")) {
    if (one_of(left, sets) && one_of(right, sets)) return left;
    if (!strcmp(o, "|") && left && right && !strcmp(left, "dict") && !strcmp(right, "dict")) return "dict";
    if (left && right && !strcmp(left, "int") && !strcmp(right, "int")) return "int";
    return NULL;
  }
  if (!strcmp(o, "+")) {
    if (left && right && !strcmp(left, right) &&
        (one_of(left, sequences) || !strcmp(left, "int") || !strcmp(left, "float")))
      return left;
    return NULL;
  }
  if (!strcmp(o, "*")) {
    if (one_of(left, sequences) && right && !strcmp(right, "int")) return left;
    if (one_of(right, sequences) && left && !strcmp(left, "int")) return right;
    if (left && right && !strcmp(left, "int") && !strcmp(right, "int")) return "int";
  }
  return NULL;
}

/* The type of a call: a class makes an instance; a few builtins and methods have a known result. */
static const char *call_type(resolver *r, TSNode node) {
  TSNode function = ts_node_child_by_field_name(node, "function", 8);
  r->depth++;
  const char *callee = reference(r, function);
  r->depth--;
  if (callee && !strncmp(callee, "ref:builtins.", 13)) {
    const char *name = callee + 13;
    if (!strcmp(name, "sorted")) return "list";
    if (!strcmp(name, "len") || !strcmp(name, "id") || !strcmp(name, "hash") || !strcmp(name, "ord")) return "int";
    if (!strcmp(name, "repr") || !strcmp(name, "chr") || !strcmp(name, "input")) return "str";
  }
  if (callee) return instance_of(r, ref_type(r, callee));
  if (node_is(function, "attribute")) { /* methods of known receivers */
    r->depth++;
    const char *receiver = expression_type(r, ts_node_child_by_field_name(function, "object", 6));
    r->depth--;
    if (!receiver) return NULL;
    TSNode attr = ts_node_child_by_field_name(function, "attribute", 9);
    static const char *const copyable[] = {"list",        "dict",    "set",         "frozenset", "deque",
                                           "defaultdict", "Counter", "OrderedDict", "bytearray", NULL};
    if (pymm_node_text_eq(r->doc, attr, "copy") && one_of(receiver, copyable)) return receiver;
    if (!strcmp(receiver, "str")) {
      static const char *const to_list[] = {"split", "rsplit", "splitlines", NULL};
      static const char *const to_str[] = {"strip",  "lstrip", "rstrip", "lower",      "upper",    "replace",
                                           "join",   "format", "title",  "capitalize", "casefold", "zfill",
                                           "center", "ljust",  "rjust",  NULL};
      char *a = pymm_node_text(r->doc, attr);
      const char *result = in_list(to_list, a) ? "list" : in_list(to_str, a) ? "str" : NULL;
      free(a);
      return result;
    }
    static const char *const sets[] = {"set", "frozenset", NULL};
    static const char *const set_ops[] = {"union", "intersection", "difference", "symmetric_difference", NULL};
    if (one_of(receiver, sets)) {
      char *a = pymm_node_text(r->doc, attr);
      const char *result = in_list(set_ops, a) ? receiver : NULL;
      free(a);
      return result;
    }
  }
  return NULL;
}

/* The type of an expression's value; NULL when unknown. */
static const char *expression_type(resolver *r, TSNode node) {
  if (ts_node_is_null(node) || r->depth > 24) return NULL;
  const char *type = ts_node_type(node);
  if (!strcmp(type, "list") || !strcmp(type, "list_comprehension")) return "list";
  if (!strcmp(type, "dictionary") || !strcmp(type, "dictionary_comprehension")) return "dict";
  if (!strcmp(type, "set") || !strcmp(type, "set_comprehension")) return "set";
  if (!strcmp(type, "tuple")) return "tuple";
  if (!strcmp(type, "integer")) return "int";
  if (!strcmp(type, "float")) return "float";
  if (!strcmp(type, "true") || !strcmp(type, "false")) return "bool";
  if (!strcmp(type, "string") || !strcmp(type, "concatenated_string")) {
    uint32_t start = ts_node_start_byte(node);
    const char *text = pymm_text_data(pymm_document_text(r->doc)) + start;
    for (int i = 0; i < 3 && ((text[i] >= 'A' && text[i] <= 'Z') || (text[i] >= 'a' && text[i] <= 'z')); i++)
      if (text[i] == 'b' || text[i] == 'B') return "bytes";
    return "str";
  }
  if (!strcmp(type, "parenthesized_expression"))
    return ts_node_named_child_count(node) == 1 ? expression_type(r, ts_node_named_child(node, 0)) : NULL;
  if (!strcmp(type, "binary_operator")) return operator_type(r, node);
  if (!strcmp(type, "call")) return call_type(r, node);
  if (!strcmp(type, "subscript")) { /* a slice of a sequence is the same sequence */
    TSNode index = ts_node_child_by_field_name(node, "subscript", 9);
    if (ts_node_is_null(index) || !node_is(index, "slice")) return NULL;
    r->depth++;
    const char *value = expression_type(r, ts_node_child_by_field_name(node, "value", 5));
    r->depth--;
    static const char *const sliceable[] = {"list", "tuple", "str", "bytes", "bytearray", NULL};
    return one_of(value, sliceable) ? value : NULL;
  }
  if (!strcmp(type, "identifier") || !strcmp(type, "attribute")) return ref_type(r, reference(r, node));
  return NULL;
}

/* ---- scopes and bindings ------------------------------------------------------------------------ */

/* Node types by symbol, sorted once by name: a scope walk asks at every node. */
enum { KIND_SCOPE = 1, KIND_COMPREHENSION = 2, KIND_EXPRESSION = 4 };
#define SYMBOLS_MAX 1024
static uint8_t symbol_kinds[SYMBOLS_MAX];
static pthread_once_t symbol_kinds_once = PTHREAD_ONCE_INIT;

static void sort_symbols(void) {
  static const char *const COMPREHENSIONS[] = {"list_comprehension", "set_comprehension", "dictionary_comprehension",
                                               "generator_expression", NULL};
  static const char *const SCOPES[] = {"function_definition", "lambda", "class_definition", "module", NULL};
  /* Expressions hold no binding but a walrus (lambdas and comprehensions are scopes of their own). */
  static const char *const EXPRESSIONS[] = {"call",
                                            "argument_list",
                                            "binary_operator",
                                            "boolean_operator",
                                            "comparison_operator",
                                            "not_operator",
                                            "unary_operator",
                                            "subscript",
                                            "slice",
                                            "attribute",
                                            "list",
                                            "tuple",
                                            "set",
                                            "dictionary",
                                            "pair",
                                            "parenthesized_expression",
                                            "conditional_expression",
                                            "string",
                                            "concatenated_string",
                                            "keyword_argument",
                                            "list_splat",
                                            "dictionary_splat",
                                            "await",
                                            "expression_list",
                                            NULL};
  const TSLanguage *language = tree_sitter_python();
  uint32_t count = ts_language_symbol_count(language);
  for (uint32_t i = 0; i < count && i < SYMBOLS_MAX; i++) {
    const char *name = ts_language_symbol_name(language, (TSSymbol)i);
    if (!name) continue;
    if (in_list(COMPREHENSIONS, name)) symbol_kinds[i] |= KIND_COMPREHENSION | KIND_SCOPE;
    if (in_list(SCOPES, name)) symbol_kinds[i] |= KIND_SCOPE;
    if (in_list(EXPRESSIONS, name)) symbol_kinds[i] |= KIND_EXPRESSION;
  }
}

static bool node_kind(TSNode node, uint8_t kind) {
  pthread_once(&symbol_kinds_once, sort_symbols);
  TSSymbol symbol = ts_node_symbol(node);
  return symbol < SYMBOLS_MAX && (symbol_kinds[symbol] & kind);
}

static bool is_comprehension(TSNode node) { return node_kind(node, KIND_COMPREHENSION); }
static bool is_scope(TSNode node) { return node_kind(node, KIND_SCOPE); }

/* Collects the bindings of 'name' directly in 'scope' (not in nested scopes). */
typedef struct bindings {
  const char *agreed; /* NULL until a first binding other than None */
  bool found;
  bool conflict;
  bool delegated; /* global / nonlocal: look further out */
} bindings;

static void bind(bindings *b, const char *type) {
  b->found = true;
  if (type == NONE_VALUE) return;
  if (!type) type = UNKNOWN;
  if (!b->agreed) b->agreed = type;
  else if (strcmp(b->agreed, type) != 0) b->conflict = true;
}

/* The right-most value of a chained assignment a = b = value. */
static TSNode assigned_value(TSNode assignment) {
  TSNode right = ts_node_child_by_field_name(assignment, "right", 5);
  while (!ts_node_is_null(right) && node_is(right, "assignment"))
    right = ts_node_child_by_field_name(right, "right", 5);
  return right;
}

/* The type an assignment gives its target: its annotation, else its value's type. */
static const char *assignment_type(resolver *r, TSNode node) {
  TSNode annotation = ts_node_child_by_field_name(node, "type", 4);
  const char *type = ts_node_is_null(annotation) ? NULL : annotation_of(r, annotation);
  if (type) return type;
  TSNode value = assigned_value(node);
  if (ts_node_is_null(value)) return NULL;
  if (node_is(value, "none")) return NONE_VALUE;
  r->depth++;
  type = expression_type(r, value);
  r->depth--;
  return type;
}

/* ---- the binding sites of a scope --------------------------------------------------------------- */

/* Each scope is walked once, on its first lookup, for the binding sites of every name it binds, kept with
 * the facts of the parse; a name's bindings are then read off its own sites, typed in walk order when the
 * name is looked up. Typing a site may look up other names (a = b): the resolver's depth still ends cycles
 * such as a = b; b = a, and the walk itself types nothing, so it never re-enters. */
enum site_kind {
  SITE_FIXED,      /* a type known from the site alone ('type', NULL for unknown): parameters, unpacked targets */
  SITE_ASSIGNMENT, /* name = value, name: T = value: assignment_type() of 'node' */
  SITE_WALRUS,     /* (name := value): the type of the value of 'node' */
  SITE_IMPORT,     /* the named child 'index' of the import statement 'node' */
  SITE_FUNCTION,   /* def name */
  SITE_CLASS,      /* class name */
};

#define NO_SITE UINT32_MAX

typedef struct site {
  TSNode node;
  const char *type; /* SITE_FIXED */
  uint32_t next;    /* the name's next site in walk order, or NO_SITE */
  uint32_t index;   /* SITE_IMPORT */
  uint8_t kind;
} site;

/* A name bound in the scope, as a slice of the document's text (the facts are dropped at each change). */
typedef struct scope_name {
  uint32_t start, length;
  uint32_t first, last; /* its sites in walk order, NO_SITE when it has none */
  bool delegated;       /* global / nonlocal: look further out */
} scope_name;

struct scope_facts {
  uint32_t start, end; /* the scope, by its byte range and kind */
  const char *kind;    /* static: the tree-sitter node type */
  const char *text;    /* the document's text */
  uint32_t length;
  scope_name *names;
  size_t name_count, name_cap;
  pymm_index name_index;
  site *sites; /* never moves once the walk is done, so lookups may recurse while reading it */
  size_t site_count, site_cap;
};

static void scope_facts_free(scope_facts *facts) {
  if (!facts) return;
  free(facts->names);
  pymm_index_free(&facts->name_index);
  free(facts->sites);
  free(facts);
}

typedef struct name_key {
  const scope_facts *facts;
  const char *s;
  size_t n;
} name_key;

static bool same_name(const void *context, uint32_t item) {
  const name_key *k = context;
  const scope_name *e = &k->facts->names[item];
  return e->length == k->n && memcmp(k->facts->text + e->start, k->s, k->n) == 0;
}

/* The entry of the name s[0..n), or NULL. */
static scope_name *name_find(const scope_facts *f, const char *s, size_t n) {
  name_key key = {f, s, n};
  uint32_t i = pymm_index_find(&f->name_index, pymm_hash(PYMM_HASH_SEED, s, n), same_name, &key);
  return i == PYMM_INDEX_NONE ? NULL : &f->names[i];
}

/* The entry of the name text[start..end), added when new. */
static scope_name *add_name(scope_facts *f, uint32_t start, uint32_t end) {
  scope_name *e = name_find(f, f->text + start, end - start);
  if (e) return e;
  PYMM_GROW(f->names, f->name_cap, f->name_count + 1);
  e = &f->names[f->name_count];
  *e = (scope_name){.start = start, .length = end - start, .first = NO_SITE, .last = NO_SITE};
  pymm_index_add(&f->name_index, pymm_hash(PYMM_HASH_SEED, f->text + start, end - start), (uint32_t)f->name_count++);
  return e;
}

/* A node's byte range, clamped to the text as pymm_node_text() does. */
static void node_range(const scope_facts *f, TSNode node, uint32_t *start, uint32_t *end) {
  *start = ts_node_start_byte(node);
  *end = ts_node_end_byte(node);
  if (*end > f->length) *end = f->length;
  if (*start > *end) *start = *end;
}

/* True when the text of 'node' holds ":=". */
static bool has_walrus(const scope_facts *f, TSNode node) {
  uint32_t start, end;
  node_range(f, node, &start, &end);
  for (const char *p = f->text + start, *stop = f->text + end; p + 1 < stop; p++) {
    p = memchr(p, ':', (size_t)(stop - p - 1));
    if (!p) return false;
    if (p[1] == '=') return true;
  }
  return false;
}

static site *add_site_at(scope_facts *f, uint32_t start, uint32_t end, uint8_t kind, TSNode node) {
  scope_name *e = add_name(f, start, end);
  PYMM_GROW(f->sites, f->site_cap, f->site_count + 1);
  uint32_t i = (uint32_t)f->site_count++;
  f->sites[i] = (site){.node = node, .next = NO_SITE, .kind = kind};
  if (e->last == NO_SITE) e->first = i;
  else f->sites[e->last].next = i;
  e->last = i;
  return &f->sites[i];
}

/* A site of the name that 'name_node' spells. */
static site *add_site(scope_facts *f, TSNode name_node, uint8_t kind, TSNode node) {
  uint32_t start, end;
  node_range(f, name_node, &start, &end);
  return add_site_at(f, start, end, kind, node);
}

static void collect_target(scope_facts *f, TSNode target, const char *type) {
  if (ts_node_is_null(target)) return;
  if (node_is(target, "identifier")) {
    add_site(f, target, SITE_FIXED, target)->type = type;
    return;
  }
  /* Tuple / list targets: each name gets an unknown element; a starred name gets a list. */
  if (node_is(target, "list_splat_pattern")) {
    collect_target(f, ts_node_named_child(target, 0), "list");
    return;
  }
  if (node_is(target, "pattern_list") || node_is(target, "tuple_pattern") || node_is(target, "list_pattern") ||
      node_is(target, "tuple") || node_is(target, "list") || node_is(target, "expression_list")) {
    uint32_t count = ts_node_named_child_count(target);
    for (uint32_t i = 0; i < count; i++) collect_target(f, ts_node_named_child(target, i), NULL);
  }
}

/* Parameters' types come from their annotations alone, so they are typed during the walk. */
static void collect_parameters(resolver *r, scope_facts *f, TSNode parameters) {
  uint32_t count = ts_node_named_child_count(parameters);
  for (uint32_t i = 0; i < count; i++) {
    TSNode p = ts_node_named_child(parameters, i);
    const char *t = ts_node_type(p);
    TSNode id = p;
    const char *type = NULL;
    if (!strcmp(t, "typed_parameter")) {
      id = ts_node_named_child(p, 0);
      type = annotation_of(r, ts_node_child_by_field_name(p, "type", 4));
      if (node_is(id, "list_splat_pattern")) id = ts_node_named_child(id, 0), type = "tuple";
      else if (node_is(id, "dictionary_splat_pattern")) id = ts_node_named_child(id, 0), type = "dict";
    } else if (!strcmp(t, "typed_default_parameter")) {
      id = ts_node_child_by_field_name(p, "name", 4);
      type = annotation_of(r, ts_node_child_by_field_name(p, "type", 4));
    } else if (!strcmp(t, "default_parameter")) {
      id = ts_node_child_by_field_name(p, "name", 4);
    } else if (!strcmp(t, "list_splat_pattern")) {
      id = ts_node_named_child(p, 0), type = "tuple";
    } else if (!strcmp(t, "dictionary_splat_pattern")) {
      id = ts_node_named_child(p, 0), type = "dict";
    }
    if (!ts_node_is_null(id) && node_is(id, "identifier")) add_site(f, id, SITE_FIXED, id)->type = type;
  }
}

/* The names an import binds; what they refer to is worked out when one is looked up. */
static void collect_import(scope_facts *f, TSNode statement) {
  bool from = node_is(statement, "import_from_statement");
  TSNode module_node = ts_node_child_by_field_name(statement, "module_name", 11);
  uint32_t count = ts_node_named_child_count(statement);
  for (uint32_t i = 0; i < count; i++) {
    TSNode child = ts_node_named_child(statement, i);
    if (from && ts_node_eq(child, module_node)) continue;
    TSNode imported = child, bound = child;
    if (node_is(child, "aliased_import")) {
      imported = ts_node_child_by_field_name(child, "name", 4);
      bound = ts_node_child_by_field_name(child, "alias", 5);
    } else if (node_is(child, "wildcard_import")) {
      /* 'from m import *' may bind anything: names it could bind become unknown only if nothing else
       * binds them, which flow-insensitive facts cannot tell; leave them alone. */
      continue;
    } else if (!node_is(child, "dotted_name")) {
      continue;
    }
    uint32_t start, end;
    node_range(f, bound, &start, &end);
    /* 'import a.b' binds 'a' to module a. */
    if (!from && ts_node_eq(bound, imported)) {
      const char *dot = memchr(f->text + start, '.', end - start);
      if (dot) end = (uint32_t)(dot - f->text);
    }
    add_site_at(f, start, end, SITE_IMPORT, statement)->index = i;
  }
}

/* What the named child 'index' of an import statement binds its name to. */
static const char *import_type(resolver *r, TSNode statement, uint32_t index) {
  bool from = node_is(statement, "import_from_statement");
  TSNode child = ts_node_named_child(statement, index), imported = child, bound = child;
  if (node_is(child, "aliased_import")) {
    imported = ts_node_child_by_field_name(child, "name", 4);
    bound = ts_node_child_by_field_name(child, "alias", 5);
  }
  char *imported_name = pymm_node_text(r->doc, imported);
  const char *type = NULL; /* relative imports: pymm does not follow the package */
  if (from) {
    char *module = pymm_node_text(r->doc, ts_node_child_by_field_name(statement, "module_name", 11));
    if (module[0] != '.') {
      pymm_buf q = {0};
      pymm_buf_printf(&q, "%s.%s", module, imported_name);
      type = intern(r->types, "ref:", q.data);
      pymm_buf_free(&q);
    }
    free(module);
  } else {
    /* 'import a.b' binds module a; 'import a.b as c' binds module a.b. */
    char *dot = ts_node_eq(bound, imported) ? strchr(imported_name, '.') : NULL;
    if (dot) *dot = '\0';
    type = intern(r->types, "module:", imported_name);
  }
  free(imported_name);
  return type;
}

/* Walks the statements of one scope without entering nested scopes (whose names it still sees). */
static void collect_scope(resolver *r, scope_facts *f, TSNode scope) {
  if (is_comprehension(scope)) { /* a comprehension binds the targets of its for clauses */
    uint32_t count = ts_node_named_child_count(scope);
    for (uint32_t i = 0; i < count; i++) {
      TSNode clause = ts_node_named_child(scope, i);
      if (node_is(clause, "for_in_clause")) collect_target(f, ts_node_child_by_field_name(clause, "left", 4), NULL);
    }
    return;
  }
  if (!node_is(scope, "module")) {
    TSNode parameters = ts_node_child_by_field_name(scope, "parameters", 10);
    if (!ts_node_is_null(parameters)) collect_parameters(r, f, parameters);
  }
  TSNode body = node_is(scope, "module") ? scope : ts_node_child_by_field_name(scope, "body", 4);
  if (ts_node_is_null(body)) return;
  TSTreeCursor cursor = ts_tree_cursor_new(body);
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    const char *t = ts_node_type(node);
    bool nested = !ts_node_eq(node, body) && is_scope(node);
    if (!strcmp(t, "assignment")) {
      TSNode left = ts_node_child_by_field_name(node, "left", 4);
      if (!ts_node_is_null(left) && node_is(left, "identifier")) add_site(f, left, SITE_ASSIGNMENT, node);
      else collect_target(f, left, NULL);
    } else if (!strcmp(t, "augmented_assignment")) {
      /* x += ... keeps x's type for the operators pymm types; nothing to add. */
    } else if (!strcmp(t, "for_statement")) {
      collect_target(f, ts_node_child_by_field_name(node, "left", 4), NULL);
    } else if (!strcmp(t, "named_expression")) {
      add_site(f, ts_node_child_by_field_name(node, "name", 4), SITE_WALRUS, node);
    } else if (!strcmp(t, "as_pattern")) {
      TSNode alias = ts_node_child_by_field_name(node, "alias", 5);
      if (!ts_node_is_null(alias) && ts_node_named_child_count(alias) > 0)
        collect_target(f, ts_node_named_child(alias, 0), NULL);
      else if (!ts_node_is_null(alias)) collect_target(f, alias, NULL);
    } else if (!strcmp(t, "import_statement") || !strcmp(t, "import_from_statement")) {
      collect_import(f, node);
    } else if (!strcmp(t, "global_statement") || !strcmp(t, "nonlocal_statement")) {
      uint32_t count = ts_node_named_child_count(node);
      for (uint32_t i = 0; i < count; i++) {
        uint32_t start, end;
        node_range(f, ts_node_named_child(node, i), &start, &end);
        add_name(f, start, end)->delegated = true;
      }
    } else if (!strcmp(t, "del_statement")) {
      /* del removes a binding; it adds none. */
    } else if (nested && (!strcmp(t, "function_definition") || !strcmp(t, "class_definition"))) {
      add_site(f, ts_node_child_by_field_name(node, "name", 4),
               !strcmp(t, "class_definition") ? SITE_CLASS : SITE_FUNCTION, node);
    }
    /* Nested scopes (comprehensions included) are skipped whole, and expressions without a walrus. */
    bool bare = node_kind(node, KIND_EXPRESSION) && !has_walrus(f, node);
    if (!nested && !bare && ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) goto done;
      if (ts_node_eq(ts_tree_cursor_current_node(&cursor), body)) goto done;
    }
  }
done:
  ts_tree_cursor_delete(&cursor);
}

static uint64_t scope_hash(uint32_t start, uint32_t end, const char *kind) {
  return ((uint64_t)start * 2654435761u) ^ ((uint64_t)end * 40503u) ^ ((uint64_t)(uintptr_t)kind >> 4);
}

typedef struct scope_key {
  const pymm_types *types;
  uint32_t start, end;
  const char *kind;
} scope_key;

static bool same_scope(const void *context, uint32_t item) {
  const scope_key *k = context;
  const scope_facts *f = k->types->scopes[item];
  return f->start == k->start && f->end == k->end && f->kind == k->kind;
}

/* The binding sites of a scope, walked on first use. Each scope's facts are allocated once and never move. */
static const scope_facts *scope_facts_of(resolver *r, TSNode scope) {
  pymm_types *types = r->types;
  uint32_t start = ts_node_start_byte(scope), end = ts_node_end_byte(scope);
  const char *kind = ts_node_type(scope);
  scope_key key = {types, start, end, kind};
  uint32_t found = pymm_index_find(&types->scope_index, scope_hash(start, end, kind), same_scope, &key);
  if (found != PYMM_INDEX_NONE) return types->scopes[found];
  scope_facts *f = pymm_calloc(1, sizeof *f);
  f->start = start;
  f->end = end;
  f->kind = kind;
  const pymm_text *text = pymm_document_text(r->doc);
  f->text = pymm_text_data(text);
  f->length = pymm_text_length(text);
  collect_scope(r, f, scope);
  PYMM_GROW(types->scopes, types->scope_cap, types->scope_count + 1);
  types->scopes[types->scope_count] = f;
  pymm_index_add(&types->scope_index, scope_hash(start, end, kind), (uint32_t)types->scope_count++);
  return f;
}

/* The bindings of 'name' directly in 'scope' (not in nested scopes), typed site by site in walk order. */
static bindings scope_bindings(resolver *r, TSNode scope, const char *name) {
  bindings b = {0};
  const scope_facts *f = scope_facts_of(r, scope);
  const scope_name *e = name_find(f, name, strlen(name));
  if (!e) return b;
  b.delegated = e->delegated;
  for (uint32_t i = e->first; i != NO_SITE; i = f->sites[i].next) {
    const site *s = &f->sites[i];
    switch ((enum site_kind)s->kind) {
    case SITE_FIXED:
      bind(&b, s->type);
      break;
    case SITE_ASSIGNMENT:
      bind(&b, assignment_type(r, s->node));
      break;
    case SITE_WALRUS:
      r->depth++;
      bind(&b, expression_type(r, ts_node_child_by_field_name(s->node, "value", 5)));
      r->depth--;
      break;
    case SITE_IMPORT:
      bind(&b, import_type(r, s->node, s->index));
      break;
    case SITE_FUNCTION:
      bind(&b, "function");
      break;
    case SITE_CLASS:
      bind(&b, intern(r->types, "class:", name));
      break;
    }
  }
  return b;
}

/* True when 'node' lies inside the part of 'scope' that the scope's own names are visible in: a function's
 * body and parameters (not its decorators or its defaults), a class's body (not its bases or decorators),
 * a comprehension's element and later clauses (not the first iterable). */
static bool sees_scope(TSNode scope, TSNode node) {
  uint32_t at = ts_node_start_byte(node);
  if (node_is(scope, "module")) return true;
  if (is_comprehension(scope)) {
    uint32_t count = ts_node_named_child_count(scope);
    for (uint32_t i = 0; i < count; i++) {
      TSNode clause = ts_node_named_child(scope, i);
      if (!node_is(clause, "for_in_clause")) continue;
      TSNode iterable = ts_node_child_by_field_name(clause, "right", 5);
      return ts_node_is_null(iterable) || at < ts_node_start_byte(iterable) || at >= ts_node_end_byte(iterable);
    }
    return true;
  }
  TSNode body = ts_node_child_by_field_name(scope, "body", 4);
  if (!ts_node_is_null(body) && at >= ts_node_start_byte(body)) return true;
  if (node_is(scope, "function_definition") || node_is(scope, "lambda")) {
    TSNode name_node = ts_node_child_by_field_name(scope, "name", 4);
    /* Parameter names themselves belong to the function; defaults and annotations do not. */
    if (!ts_node_is_null(name_node) && ts_node_eq(name_node, node)) return false;
    TSNode parent = ts_node_parent(node);
    const char *pt = ts_node_is_null(parent) ? "" : ts_node_type(parent);
    if (!strcmp(pt, "parameters") || !strcmp(pt, "lambda_parameters")) return true;
    bool parameter =
        !strcmp(pt, "default_parameter") || !strcmp(pt, "typed_default_parameter") || !strcmp(pt, "typed_parameter");
    return parameter && ts_node_eq(ts_node_named_child(parent, 0), node);
  }
  return false;
}

/* The ancestors of 'node', root first, found in one walk down from the root; 0 when the walk misses it (then
 * the caller climbs with ts_node_parent()). tree-sitter 0.20's ts_node_parent() itself walks down from the
 * root, scanning every level's children, so climbing with it costs depth x width per step: on a module of
 * 1,000 statements that was two thirds of a hover's instructions. */
#define ANCESTORS_MAX 256
static uint32_t ancestors(TSNode node, TSNode *path) {
  uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node), n = 0;
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(node.tree));
  for (;;) {
    TSNode current = ts_tree_cursor_current_node(&cursor);
    if (ts_node_eq(current, node)) break;
    if (n == ANCESTORS_MAX || ts_tree_cursor_goto_first_child_for_byte(&cursor, start) < 0) {
      n = 0;
      break;
    }
    path[n++] = current;
    /* The child that holds the node (zero-width siblings may come first). */
    for (;;) {
      TSNode child = ts_tree_cursor_current_node(&cursor);
      if (ts_node_eq(child, node) || (ts_node_start_byte(child) <= start && ts_node_end_byte(child) >= end &&
                                      ts_node_end_byte(child) > ts_node_start_byte(child)))
        break;
      if (ts_node_start_byte(child) > start || !ts_tree_cursor_goto_next_sibling(&cursor)) {
        n = 0;
        goto done;
      }
    }
  }
done:
  ts_tree_cursor_delete(&cursor);
  return n;
}

/* The innermost scope whose names 'node' sees. */
static TSNode enclosing_scope(TSNode node) {
  TSNode path[ANCESTORS_MAX];
  uint32_t n = ancestors(node, path);
  if (n > 0) {
    while (n-- > 0)
      if (is_scope(path[n]) && sees_scope(path[n], node)) return path[n];
    return ts_node_parent(ts_tree_root_node(node.tree)); /* the null node */
  }
  TSNode p = ts_node_parent(node);
  while (!ts_node_is_null(p) && !(is_scope(p) && sees_scope(p, node))) p = ts_node_parent(p);
  return p;
}

/* The binding of 'name' as seen from the scope 'scope' outwards (LEGB); NULL when unbound. */
static const char *scope_chain_type(resolver *r, const char *name, TSNode scope, bool from_function) {
  while (!ts_node_is_null(scope)) {
    /* Class bodies are not enclosing scopes for the functions inside them (LEGB). */
    if (!(from_function && node_is(scope, "class_definition"))) {
      uint32_t start = ts_node_start_byte(scope);
      const char *kind = ts_node_type(scope);
      const memo *m = memo_find(r->types, start, kind, name);
      if (m) return m->result;
      /* Typing the name's bindings reads the name itself: unbound there, as past the depth limit. */
      if (is_resolving(r, start, kind, name) || r->active_count == RESOLVING_MAX) return NULL;
      r->active[r->active_count++] = (resolving){start, kind, name};
      bindings b = scope_bindings(r, scope, name);
      r->active_count--;
      if (b.found && !b.delegated) {
        const char *result = b.conflict || !b.agreed ? UNKNOWN : b.agreed;
        memo_put(r->types, start, kind, name, result);
        return result;
      }
      if (!b.delegated) {
        /* Unbound here: the answer is the outer scopes'; memoise it once found. */
        const char *outer = scope_chain_type(r, name, enclosing_scope(scope),
                                             from_function || node_is(scope, "function_definition") ||
                                                 node_is(scope, "lambda") || is_comprehension(scope));
        if (!(from_function && node_is(scope, "class_definition"))) memo_put(r->types, start, kind, name, outer);
        return outer;
      }
    }
    if (node_is(scope, "function_definition") || node_is(scope, "lambda") || is_comprehension(scope))
      from_function = true;
    if (node_is(scope, "module")) break;
    scope = enclosing_scope(scope);
  }
  /* global names that the module does not bind, and unbound names: builtins. */
  if (in_list(BUILTIN_CLASSES, name) || in_list(BUILTIN_NAMES, name)) return intern(r->types, "ref:builtins.", name);
  return NULL;
}

static const char *name_type(resolver *r, const char *name, TSNode at) {
  if (r->depth > 24) return NULL;
  return scope_chain_type(r, name, enclosing_scope(at), false);
}

/* ---- attributes of self ------------------------------------------------------------------------- */

/* When 'object' is the first parameter of a method, the class it belongs to. */
static bool self_class(resolver *r, TSNode object, TSNode *class_node) {
  if (!node_is(object, "identifier")) return false;
  TSNode function = enclosing_scope(object);
  if (ts_node_is_null(function) || !node_is(function, "function_definition")) return false;
  TSNode cls = ts_node_parent(function);
  if (!ts_node_is_null(cls) && node_is(cls, "decorated_definition")) {
    /* staticmethod / classmethod have no self */
    uint32_t count = ts_node_named_child_count(cls);
    for (uint32_t i = 0; i < count; i++) {
      TSNode d = ts_node_named_child(cls, i);
      if (node_is(d, "decorator") &&
          (pymm_node_text_eq(r->doc, d, "@staticmethod") || pymm_node_text_eq(r->doc, d, "@classmethod")))
        return false;
    }
    cls = ts_node_parent(cls);
  }
  if (ts_node_is_null(cls) || !node_is(cls, "block")) return false;
  cls = ts_node_parent(cls);
  if (ts_node_is_null(cls) || !node_is(cls, "class_definition")) return false;
  TSNode parameters = ts_node_child_by_field_name(function, "parameters", 10);
  if (ts_node_is_null(parameters) || ts_node_named_child_count(parameters) == 0) return false;
  TSNode first = ts_node_named_child(parameters, 0);
  if (!node_is(first, "identifier")) return false;
  char *a = pymm_node_text(r->doc, first), *b = pymm_node_text(r->doc, object);
  bool same = !strcmp(a, b);
  free(a);
  free(b);
  if (same) *class_node = cls;
  return same;
}

/* The assignments of one class body (nested classes aside), in walk order: what self_attribute_type() reads
 * for every attribute, so a class is walked once per parse and not once per attribute. */
enum class_site_kind {
  CLASS_SITE_ATTRIBUTE, /* <object>.<attr> = value: counts when the object is the method's self */
  CLASS_SITE_NAME,      /* <name> = value directly in the class body */
  CLASS_SITE_OTHER,     /* a, b = value and other targets: unknown for the attributes their text names */
};

typedef struct class_site {
  TSNode node; /* the assignment */
  TSNode left;
  uint8_t kind;
} class_site;

struct class_sites {
  uint32_t start, end; /* the class_definition's byte range */
  class_site *items;
  size_t count, cap;
};

static void class_sites_free(class_sites *sites) {
  if (!sites) return;
  free(sites->items);
  free(sites);
}

/* True when an assignment may lie below 'node': the grammar puts them in expression statements (and in the
 * right side of another assignment), which lie in blocks of compound statements; anywhere in broken code. */
static bool may_hold_assignment(TSNode node) {
  static const char *const HOLDERS[] = {"block",
                                        "expression_statement",
                                        "assignment",
                                        "augmented_assignment",
                                        "decorated_definition",
                                        "function_definition",
                                        "class_definition",
                                        "if_statement",
                                        "elif_clause",
                                        "else_clause",
                                        "for_statement",
                                        "while_statement",
                                        "try_statement",
                                        "except_clause",
                                        "except_group_clause",
                                        "finally_clause",
                                        "with_statement",
                                        "match_statement",
                                        "case_clause",
                                        "module",
                                        NULL};
  return ts_node_has_error(node) || in_list(HOLDERS, ts_node_type(node));
}

/* The assignments of 'class_node', walked on first use. Each class's sites are allocated once and never move. */
static const class_sites *class_sites_of(pymm_types *types, TSNode class_node, TSNode body) {
  uint32_t start = ts_node_start_byte(class_node), end = ts_node_end_byte(class_node);
  for (size_t i = 0; i < types->class_count; i++)
    if (types->classes[i]->start == start && types->classes[i]->end == end) return types->classes[i];
  class_sites *sites = pymm_calloc(1, sizeof *sites);
  sites->start = start;
  sites->end = end;
  PYMM_GROW(types->classes, types->class_cap, types->class_count + 1);
  types->classes[types->class_count++] = sites;
  TSTreeCursor cursor = ts_tree_cursor_new(body);
  uint32_t depth = 0; /* of the cursor below 'body': a statement of the body is at 1, its assignment at 2 */
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    if (node_is(node, "assignment")) {
      TSNode left = ts_node_child_by_field_name(node, "left", 4);
      uint8_t kind = CLASS_SITE_OTHER;
      bool keep = true;
      if (node_is(left, "attribute")) kind = CLASS_SITE_ATTRIBUTE;
      else if (node_is(left, "identifier")) kind = CLASS_SITE_NAME, keep = depth == 2;
      if (keep) {
        PYMM_GROW(sites->items, sites->cap, sites->count + 1);
        sites->items[sites->count++] = (class_site){.node = node, .left = left, .kind = kind};
      }
    }
    bool nested_class = node_is(node, "class_definition") && !ts_node_eq(node, class_node);
    if (!nested_class && may_hold_assignment(node) && ts_tree_cursor_goto_first_child(&cursor)) {
      depth++;
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) goto done;
      depth--;
      if (ts_node_eq(ts_tree_cursor_current_node(&cursor), body)) goto done;
    }
  }
done:
  ts_tree_cursor_delete(&cursor);
  return sites;
}

/* The type of self.<attr>: what every 'self.attr = value' in the class's methods and every class-level
 * 'attr = value' / 'attr: T' agree on; unknown when the class binds it nowhere (a base class might). */
static const char *self_attribute_type(resolver *r, TSNode class_node, const char *attr) {
  uint32_t start = ts_node_start_byte(class_node);
  static const char kind[] = "self-attribute";
  const memo *m = memo_find(r->types, start, kind, attr);
  if (m) return m->result;
  memo_put(r->types, start, kind, attr, UNKNOWN); /* guards against recursion */
  bindings b = {0};
  TSNode body = ts_node_child_by_field_name(class_node, "body", 4);
  const class_sites *sites = class_sites_of(r->types, class_node, body);
  /* The sites never move once walked, so typing one may look up other attributes (and classes) meanwhile. */
  for (size_t i = 0; i < sites->count; i++) {
    class_site s = sites->items[i];
    if (s.kind == CLASS_SITE_ATTRIBUTE) {
      TSNode object = ts_node_child_by_field_name(s.left, "object", 6), cls;
      if (pymm_node_text_eq(r->doc, ts_node_child_by_field_name(s.left, "attribute", 9), attr) &&
          self_class(r, object, &cls) && ts_node_eq(cls, class_node))
        bind(&b, assignment_type(r, s.node));
    } else if (s.kind == CLASS_SITE_NAME) {
      if (pymm_node_text_eq(r->doc, s.left, attr)) bind(&b, assignment_type(r, s.node));
    } else {
      /* self.a, self.b = ...: unknown elements */
      char *text = pymm_node_text(r->doc, s.left);
      if (strstr(text, attr)) bind(&b, NULL);
      free(text);
    }
  }
  const char *result = b.found && !b.conflict && b.agreed ? b.agreed : UNKNOWN;
  memo_put(r->types, start, kind, attr, result);
  return result;
}

/* What a name or dotted name refers to, before it is read as a type: "ref:itertools.chain",
 * "module:os", "class:Point", an instance type, or NULL. */
static const char *reference(resolver *r, TSNode node) {
  if (ts_node_is_null(node) || r->depth > 24) return NULL;
  if (node_is(node, "identifier")) {
    char *name = pymm_node_text(r->doc, node);
    r->depth++;
    const char *result = name_type(r, name, node);
    r->depth--;
    free(name);
    return result == UNKNOWN ? NULL : result;
  }
  if (node_is(node, "attribute")) {
    TSNode object = ts_node_child_by_field_name(node, "object", 6);
    char *attr = pymm_node_text(r->doc, ts_node_child_by_field_name(node, "attribute", 9));
    const char *result = NULL;
    TSNode cls;
    if (self_class(r, object, &cls)) {
      r->depth++;
      result = self_attribute_type(r, cls, attr);
      r->depth--;
      if (result == UNKNOWN) result = NULL;
    } else {
      r->depth++;
      const char *base = reference(r, object);
      r->depth--;
      if (base && (!strncmp(base, "module:", 7) || !strncmp(base, "ref:", 4))) {
        pymm_buf q = {0};
        pymm_buf_printf(&q, "%s.%s", base + (base[0] == 'm' ? 7 : 4), attr);
        result = intern(r->types, "ref:", q.data);
        pymm_buf_free(&q);
      }
    }
    free(attr);
    return result;
  }
  return expression_type(r, node);
}

const char *pymm_type_of(pymm_document *doc, TSNode expression) {
  pymm_document_tree(doc); /* make sure the node's tree is current */
  resolver r;
  resolver_init(&r, doc);
  const char *type = expression_type(&r, expression);
  return type == UNKNOWN || type == NONE_VALUE ? NULL : type;
}

static const char *qualified_name(resolver *r, TSNode expression) {
  /* 'x.len' and 'f(len=1)' do not mention the builtin len. */
  TSNode parent = ts_node_parent(expression);
  if (!ts_node_is_null(parent) && node_is(expression, "identifier")) {
    if (node_is(parent, "attribute") && ts_node_eq(ts_node_child_by_field_name(parent, "attribute", 9), expression))
      return NULL;
    if (node_is(parent, "keyword_argument") && ts_node_eq(ts_node_child_by_field_name(parent, "name", 4), expression))
      return NULL;
  }
  const char *ref = reference(r, expression);
  if (!ref) return NULL;
  if (!strncmp(ref, "ref:", 4)) return ref + 4;
  if (!strncmp(ref, "module:", 7)) return ref + 7;
  return NULL;
}

/* Many hover patterns test #qualname? on the same node, so each answer is memoised for the parse, keyed by
 * the node's byte range (an identifier and the attributes around it never share both ends). */
static const char QUALNAME_MEMO[] = "qualname";

const char *pymm_qualified_name(pymm_document *doc, TSNode expression) {
  if (!node_is(expression, "identifier") && !node_is(expression, "attribute")) return NULL;
  pymm_document_tree(doc);
  pymm_types *types = pymm_document__types(doc);
  uint32_t start = ts_node_start_byte(expression), end = ts_node_end_byte(expression);
  if (types->has_last_name && types->last_name_start == start && types->last_name_end == end) return types->last_name;
  char key[16];
  snprintf(key, sizeof key, "%u", end);
  const memo *m = memo_find(types, start, QUALNAME_MEMO, key);
  const char *result;
  if (m) {
    result = m->result;
  } else {
    resolver r;
    resolver_init(&r, doc);
    result = qualified_name(&r, expression);
    memo_put(types, start, QUALNAME_MEMO, key, result);
  }
  types->has_last_name = true;
  types->last_name_start = start;
  types->last_name_end = end;
  types->last_name = result;
  return result;
}
