/* Type facts and qualified names: each case marks an expression with «…» and names its type (or NULL for
 * unknown) and, where it applies, what it refers to. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "pymm/python.h"

typedef struct type_case {
  const char *source;   /* with «…» around the expression */
  const char *type;     /* pymm_type_of(), NULL for unknown */
  const char *qualname; /* pymm_qualified_name(), NULL for none */
} type_case;

/* One case a line, however long. */
/* clang-format off */
static const type_case CASES[] = {
    /* literals and constructors */
    {"xs = [1, 2]\n«xs».pop()\n", "list", NULL},
    {"d = {}\n«d»\n", "dict", NULL},
    {"s = {1}\n«s»\n", "set", NULL},
    {"t = (1, 2)\n«t»\n", "tuple", NULL},
    {"x = 'a'\n«x»\n", "str", NULL},
    {"x = b'a'\n«x»\n", "bytes", NULL},
    {"x = rb'a'\n«x»\n", "bytes", NULL},
    {"x = f'{y}'\n«x»\n", "str", NULL},
    {"x = 1.5\n«x»\n", "float", NULL},
    {"x = list()\n«x»\n", "list", NULL},
    {"x = set(range(3))\n«x»\n", "set", NULL},
    {"x = frozenset()\n«x»\n", "frozenset", NULL},
    {"x = dict(a=1)\n«x»\n", "dict", NULL},
    {"«list»\n", "class:list", "builtins.list"},
    {"«len»\n", NULL, "builtins.len"},
    {"«KeyError»\n", NULL, "builtins.KeyError"},
    /* comprehensions */
    {"x = [i for i in range(3)]\n«x»\n", "list", NULL},
    {"x = {i for i in range(3)}\n«x»\n", "set", NULL},
    {"x = {i: i for i in range(3)}\n«x»\n", "dict", NULL},
    {"x = (i for i in range(3))\n«x»\n", NULL, NULL},
    /* a comprehension's target hides the module's name */
    {"x = []\ny = [«x» for x in range(3)]\n", NULL, NULL},
    /* collections through every kind of import */
    {"from collections import deque\nq = deque()\n«q»\n", "deque", NULL},
    {"from collections import deque as dq\nq = dq([1])\n«q»\n", "deque", NULL},
    {"import collections\nq = collections.deque()\n«q»\n", "deque", NULL},
    {"import collections as c\nq = c.deque()\n«q»\n", "deque", NULL},
    {"import collections as c\n«c.deque»\n", "class:deque", "collections.deque"},
    {"from collections import defaultdict\nd = defaultdict(list)\n«d»\n", "defaultdict", NULL},
    {"from collections import Counter\nd = Counter('abc')\n«d»\n", "Counter", NULL},
    {"from collections import OrderedDict\nd = OrderedDict()\n«d»\n", "OrderedDict", NULL},
    {"from collections import ChainMap\nd = ChainMap({}, {})\n«d»\n", "ChainMap", NULL},
    {"import itertools as it\n«it.chain»\n", NULL, "itertools.chain"},
    {"from itertools import chain as ch\n«ch»\n", NULL, "itertools.chain"},
    {"import os.path\n«os.path.join»\n", NULL, "os.path.join"},
    {"import concurrent.futures\n«concurrent.futures.ThreadPoolExecutor»\n", NULL,
     "concurrent.futures.ThreadPoolExecutor"},
    {"from .pkg import deque\nq = deque()\n«q»\n", NULL, NULL},
    {"from mylib import deque\nq = deque()\n«q»\n", NULL, NULL},
    /* annotations */
    {"def f(xs: list[int]):\n    «xs».pop(0)\n", "list", NULL},
    {"from typing import List\ndef f(xs: List[int]):\n    «xs»\n", "list", NULL},
    {"from typing import Optional, Deque\ndef f(q: Optional[Deque[int]] = None):\n    «q»\n", "deque", NULL},
    {"def f(q: 'deque[int]'):\n    «q»\n", NULL, NULL},
    {"def f(d: dict[str, int] | None):\n    «d»\n", "dict", NULL},
    {"xs: set[int] = make()\n«xs»\n", "set", NULL},
    {"xs: list[int]\n«xs»\n", "list", NULL},
    {"def f(*args):\n    «args»\n", "tuple", NULL},
    {"def f(**kwargs):\n    «kwargs»\n", "dict", NULL},
    {"def f(xs):\n    «xs»\n", NULL, NULL},
    /* None does not spoil a type */
    {"x = None\nx = []\n«x»\n", "list", NULL},
    {"x = None\n«x»\n", NULL, NULL},
    /* disagreement is unknown */
    {"x = []\nx = {}\n«x»\n", NULL, NULL},
    {"for x in y:\n    pass\nx = []\n«x»\n", NULL, NULL},
    /* shadowing: a local list named deque is a list */
    {"from collections import deque\ndef f():\n    deque = []\n    «deque».pop(0)\n", "list", NULL},
    {"from collections import deque\ndef f():\n    deque = []\n    «deque»\n", "list", NULL},
    {"def f():\n    list = [1]\n    «list»\n", "list", NULL},
    {"def len(x):\n    pass\n«len»\n", "function", NULL},
    /* nested scopes (LEGB) */
    {"xs = []\ndef f():\n    def g():\n        «xs»\n", "list", NULL},
    {"xs = []\ndef f():\n    xs = set()\n    def g():\n        «xs»\n", "set", NULL},
    {"xs = []\ndef f(xs):\n    «xs»\n", NULL, NULL},
    {"class C:\n    xs = []\n    def m(self):\n        «xs»\n", NULL, NULL},
    {"xs = {}\nclass C:\n    xs = []\n    def m(self):\n        «xs»\n", "dict", NULL},
    {"xs = []\ndef f():\n    global xs\n    xs = []\n    «xs»\n", "list", NULL},
    /* a default belongs to the outer scope */
    {"xs = []\ndef f(xs=«xs»):\n    pass\n", "list", NULL},
    /* operators and methods */
    {"a = {1}\nb = {2}\nc = a | b\n«c»\n", "set", NULL},
    {"a = {1}\nc = a & {2}\n«c»\n", "set", NULL},
    {"a = [1] + [2]\n«a»\n", "list", NULL},
    {"a = [[]] * 3\n«a»\n", "list", NULL},
    {"a = {1: 2} | {3: 4}\n«a»\n", "dict", NULL},
    {"a = sorted(y)\n«a»\n", "list", NULL},
    {"xs = [1]\nys = xs.copy()\n«ys»\n", "list", NULL},
    {"xs = [1]\nys = xs[1:]\n«ys»\n", "list", NULL},
    {"xs = [1]\nys = xs[0]\n«ys»\n", NULL, NULL},
    {"s = 'a b'\nparts = s.split()\n«parts»\n", "list", NULL},
    {"a = {1}\nb = a.union({2})\n«b»\n", "set", NULL},
    /* attributes of self */
    {"from collections import deque\nclass Q:\n    def __init__(self):\n        self.items = deque()\n"
     "    def get(self):\n        return «self.items».popleft()\n",
     "deque", NULL},
    {"class Q:\n    def __init__(self):\n        self.items = None\n    def reset(self):\n        self.items = []\n"
     "    def get(self):\n        return «self.items»\n",
     "list", NULL},
    {"class Q:\n    def __init__(self):\n        self.items = []\n    def reset(self):\n        self.items = {}\n"
     "    def get(self):\n        return «self.items»\n",
     NULL, NULL},
    {"class Q:\n    items: list[int]\n    def get(self):\n        return «self.items»\n", "list", NULL},
    {"class Q:\n    def get(self):\n        return «self.items»\n", NULL, NULL},
    {"class Q:\n    def __init__(self):\n        self.items = []\n    @staticmethod\n    def get(self):\n"
     "        return «self.items»\n",
     NULL, NULL},
    /* cycles end */
    {"a = b\nb = a\n«a»\n", NULL, NULL},
    {"a = a\n«a»\n", NULL, NULL},
    /* broken code around the expression */
    {"xs = []\ndef f(:\n    pass\n«xs»\n", "list", NULL},
};
/* clang-format on */

/* Strips « and » from 'marked'; sets the range they enclosed. Caller owns the result; free with free(). */
static char *strip_marks(const char *marked, uint32_t *start, uint32_t *end) {
  static const char open[] = "«", close[] = "»";
  size_t n = strlen(marked);
  char *out = malloc(n + 1);
  size_t k = 0;
  *start = *end = 0;
  for (size_t i = 0; i < n;) {
    if (!strncmp(marked + i, open, strlen(open))) {
      *start = (uint32_t)k;
      i += strlen(open);
    } else if (!strncmp(marked + i, close, strlen(close))) {
      *end = (uint32_t)k;
      i += strlen(close);
    } else {
      out[k++] = marked[i++];
    }
  }
  out[k] = '\0';
  return out;
}

static const char *show(const char *s) { return s ? s : "(null)"; }

int main(void) {
  size_t count = sizeof CASES / sizeof CASES[0];
  for (size_t i = 0; i < count; i++) {
    const type_case *c = &CASES[i];
    TEST(c->source) {
      uint32_t start, end;
      char *source = strip_marks(c->source, &start, &end);
      pymm_document *doc = pymm_document_new(source, strlen(source));
      TSNode root = ts_tree_root_node(pymm_document_tree(doc));
      TSNode node = ts_node_named_descendant_for_byte_range(root, start, end);
      while (!ts_node_is_null(ts_node_parent(node)) && !strstr(ts_node_type(ts_node_parent(node)), "statement") &&
             ts_node_start_byte(ts_node_parent(node)) == start && ts_node_end_byte(ts_node_parent(node)) == end)
        node = ts_node_parent(node);
      INT_EQ(ts_node_start_byte(node), start);
      INT_EQ(ts_node_end_byte(node), end);
      STR_EQ(show(pymm_type_of(doc, node)), show(c->type));
      STR_EQ(show(pymm_qualified_name(doc, node)), show(c->qualname));
      pymm_document_free(doc);
      free(source);
    }
  }
  TEST("facts are dropped and rebuilt after an edit") {
    const char *src = "xs = []\nxs\n";
    pymm_document *doc = pymm_document_new(src, strlen(src));
    TSNode node = pymm_document_node_at(doc, 8);
    STR_EQ(show(pymm_type_of(doc, node)), "list");
    OK(pymm_document_apply_change(doc, 5, 7, "set()", 5));
    node = pymm_document_node_at(doc, 11);
    STR_EQ(show(pymm_type_of(doc, node)), "set");
    pymm_document_free(doc);
  }
  return HARNESS_DONE();
}
