/* Gotcha rules: per rule, positive cases (the expected range between « and »), look-alike negatives that must
 * stay quiet, and fixes with their exact output. Every fix re-parses without ERROR nodes and is idempotent. */
#include <stdlib.h>

#include "fixtures.h"
#include "harness.h"
#include "pymm/features.h"

typedef struct rule_case {
  const char *code;
  const char *source; /* «…» marks the expected range; no marks: the rule must not fire */
  const char *fixed;  /* the text after applying this rule's fix (unsafe too); NULL: no check */
} rule_case;

/* One case a line, however long. */
/* clang-format off */
static const rule_case CASES[] = {
    /* PMM101 */
    {"PMM101", "def f(x=«[]»):\n    \"\"\"Doc.\"\"\"\n    return x\n",
     "def f(x=None):\n    \"\"\"Doc.\"\"\"\n    if x is None:\n        x = []\n    return x\n"},
    {"PMM101", "def f(a, d=«dict()»):  # keep\n    # note\n    return d\n",
     "def f(a, d=None):  # keep\n    # note\n    if d is None:\n        d = dict()\n    return d\n"},
    {"PMM101", "def f(x=None, y=(), z=frozenset()):\n    return x\n", NULL},
    {"PMM101", "f = lambda x=[]: x\n", NULL},
    /* A function with a syntax error: found, but not fixed (its body may start anywhere). */
    {"PMM101", "def f(x=«[]»):\n    return x +\n", "def f(x=[]):\n    return x +\n"},
    /* PMM102 */
    {"PMM102", "funcs = []\nfor i in range(3):\n    funcs.append(«lambda: i»)\n",
     "funcs = []\nfor i in range(3):\n    funcs.append(lambda i=i: i)\n"},
    {"PMM102", "fs = [«lambda x: x + i» for i in range(3)]\n", "fs = [lambda x, i=i: x + i for i in range(3)]\n"},
    {"PMM102", "for k, v in items:\n    handlers[k] = «lambda: v»\n", "for k, v in items:\n    handlers[k] = lambda v=v: v\n"},
    {"PMM102", "out = []\nfor n in names:\n    def «show»():\n        print(n)\n    out.append(show)\n",
     "out = []\nfor n in names:\n    def show(n=n):\n        print(n)\n    out.append(show)\n"},
    {"PMM102", "for i in range(3):\n    print((lambda: i)())\n", NULL},
    {"PMM102", "for i in range(3):\n    xs.sort(key=lambda x: x[i])\n", NULL},
    {"PMM102", "for i in range(3):\n    fs.append(lambda i=i: i)\n", NULL},
    {"PMM102", "for i in range(3):\n    f = lambda: i\n    f()\n", NULL},
    {"PMM102", "for i in range(3):\n    def g():\n        return i\n    g()\n", NULL},
    {"PMM102", "fs = [f(lambda: 0) for i in range(3)]\n", NULL},
    /* PMM105 */
    {"PMM105", "xs = [1, 2]\nfor x in «xs»:\n    if x < 2:\n        xs.remove(x)\n",
     "xs = [1, 2]\nfor x in xs[:]:\n    if x < 2:\n        xs.remove(x)\n"},
    {"PMM105", "for item in «self.items»:\n    if item.done:\n        del self.items[0]\n",
     "for item in self.items[:]:\n    if item.done:\n        del self.items[0]\n"},
    {"PMM105", "xs = [1, 2]\nfor x in list(xs):\n    xs.remove(x)\nfor x in xs[:]:\n    xs.remove(x)\nfor x in xs.copy():\n    xs.remove(x)\n", NULL},
    {"PMM105", "xs = [1, 2]\nfor x in xs:\n    if x == 2:\n        xs.remove(x)\n        break\n", NULL},
    {"PMM105", "todo = [root]\nfor node in todo:\n    todo.extend(node.children)\n", NULL},
    {"PMM105", "s = {1, 2}\nfor x in s:\n    s.remove(x)\nfor k in d:\n    d.pop(k)\n", NULL},
    /* PMM106 */
    {"PMM106", "class Bag:\n    «items» = []\n\n    def __init__(self, name):\n        self.name = name\n\n    def add(self, x):\n        self.items.append(x)\n",
     "class Bag:\n\n    def __init__(self, name):\n        self.items = []\n        self.name = name\n\n    def add(self, x):\n        self.items.append(x)\n"},
    {"PMM106", "class Bag:\n    items = []\n\n    def __init__(self):\n        self.items = []\n\n    def add(self, x):\n        self.items.append(x)\n", NULL},
    {"PMM106", "class Registry:\n    seen = []\n\n    def add(self, x):\n        self.seen.append(x)\n\nRegistry.seen.clear()\n", NULL},
    {"PMM106", "class C:\n    names: ClassVar[list] = []\n    opts = ()\n\n    def f(self):\n        self.names.append(1)\n        return self.opts\n", NULL},
    /* PMM103 */
    {"PMM103", "if «x is 1»:\n    pass\n", "if x == 1:\n    pass\n"},
    {"PMM103", "ok = «name is not 'a'»\n", "ok = name != 'a'\n"},
    {"PMM103", "if x is None or x is True or x is not False or x is ...:\n    pass\n", NULL},
    /* PMM104 */
    {"PMM104", "«a = b = []»\n", "a, b = [], []\n"},
    {"PMM104", "x = b = 0\n", NULL},
    {"PMM104", "self.cache = cache = {}\n", NULL},
    /* PMM111 */
    {"PMM111", "d = {}\n«if k in d»:\n    v = d[k]\nelse:\n    v = 0\n", "d = {}\nv = d.get(k, 0)\n"},
    {"PMM111", "def f(cache: dict, k):\n    «try:»\n        return cache[k]\n    except KeyError:\n        return None\n",
     "def f(cache: dict, k):\n    return cache.get(k)\n"},
    {"PMM111", "d = {}\nif k in d:\n    v = d[k]\nelse:\n    v = compute()\n", NULL},
    {"PMM111", "d = {}\ntry:\n    v = d[a][b]\nexcept KeyError:\n    v = 0\n", NULL},
    {"PMM111", "class M:\n    def get(self, k, default=None):\n        try:\n            return self[k]\n        except KeyError:\n            return default\n", NULL},
    {"PMM111", "xs = []\nif i in xs:\n    v = xs[i]\nelse:\n    v = 0\n", NULL},
    {"PMM111", "d = {}\nif k in d:\n    v = d[k]\nelif k2 in d:\n    v = d[k2]\nelse:\n    v = 0\n", NULL},
    /* PMM112 */
    {"PMM112", "def f(words):\n    s = ''\n    for w in words:\n        «s += w»\n    return s\n",
     "def f(words):\n    s_parts = []\n    for w in words:\n        s_parts.append(w)\n    s = ''.join(s_parts)\n    return s\n"},
    {"PMM112", "def f(words):\n    for w in words:\n        s = ''\n        s += w\n        print(s)\n", NULL},
    {"PMM112", "def f(xs):\n    n = 0\n    for x in xs:\n        n += x\n    return n\n", NULL},
    /* PMM113 */
    {"PMM113", "def f(xs, banned_words):\n    banned = list(banned_words)\n    for x in xs:\n        if x in «banned»:\n            print(x)\n",
     "def f(xs, banned_words):\n    banned = list(banned_words)\n    banned_set = set(banned)\n    for x in xs:\n        if x in banned_set:\n            print(x)\n"},
    {"PMM113", "def f(xs):\n    seen = list(xs)\n    for x in xs:\n        if x not in seen:\n            seen.append(x)\n", NULL},
    {"PMM113", "def f(xs):\n    choices = ['a', 'b']\n    for x in xs:\n        if x in choices:\n            print(x)\n", NULL},
    {"PMM113", "def f(xs, s: set):\n    for x in xs:\n        if x in s:\n            print(x)\n", NULL},
    /* PMM107 */
    {"PMM107", "grid = «[[]] * n»\n", "grid = [[] for _ in range(n)]\n"},
    {"PMM107", "grid = «[[0] * w] * h»\n", "grid = [[0] * w for _ in range(h)]\n"},
    {"PMM107", "row = [0] * n\nnames = [None] * n\n", NULL},
    /* PMM108 */
    {"PMM108", "try:\n    f()\n«except»:  # why\n    log()\n", "try:\n    f()\nexcept Exception:  # why\n    log()\n"},
    {"PMM108", "try:\n    f()\nexcept Exception:\n    log()\n", NULL},
    /* PMM109 */
    {"PMM109", "try:\n    d[k]\nexcept KeyError:\n    «raise ValueError(k)»\n",
     "try:\n    d[k]\nexcept KeyError as err:\n    raise ValueError(k) from err\n"},
    {"PMM109", "try:\n    f()\nexcept OSError as e:\n    «raise RuntimeError()»\n",
     "try:\n    f()\nexcept OSError as e:\n    raise RuntimeError() from e\n"},
    /* A raise with a syntax error: found, but not fixed (" from e" at its end, before the missing ")", would
     * land inside the call). */
    {"PMM109", "try:\n    f()\nexcept OSError as e:\n    «raise ValueError(k»;\n",
     "try:\n    f()\nexcept OSError as e:\n    raise ValueError(k;\n"},
    {"PMM109", "try:\n    f()\nexcept OSError as e:\n    raise\n", NULL},
    {"PMM109", "try:\n    f()\nexcept OSError as e:\n    raise e\n", NULL},
    {"PMM109", "try:\n    f()\nexcept OSError as e:\n    def g():\n        raise ValueError()\n", NULL},
    /* PMM110 */
    {"PMM110", "try:\n    os.remove(p)\n«except OSError:\n    pass»\n",
     "import contextlib\nwith contextlib.suppress(OSError):\n    os.remove(p)\n"},
    {"PMM110", "try:\n    f()\nexcept OSError:\n    log()\n", NULL},
    {"PMM110", "try:\n    f()\nexcept OSError:\n    pass\nelse:\n    g()\n", NULL},
    /* PMM114 */
    {"PMM114", "q = [1]\nwhile q:\n    «q.pop(0)»\n", NULL},
    {"PMM114", "def bfs(root):\n    queue = [root]\n    while queue:\n        node = «queue.pop(0)»\n        queue.extend(node.children)\n",
     "from collections import deque\ndef bfs(root):\n    queue = deque([root])\n    while queue:\n        node = queue.popleft()\n        queue.extend(node.children)\n"},
    /* No fix: the list comes from the caller, or is used as a list (sliced, returned). */
    {"PMM114", "def f(xs: list):\n    while xs:\n        «xs.pop(0)»\n", "def f(xs: list):\n    while xs:\n        xs.pop(0)\n"},
    {"PMM114", "def f():\n    xs = [1, 2]\n    while xs:\n        «xs.pop(0)»\n    return xs[1:]\n",
     "def f():\n    xs = [1, 2]\n    while xs:\n        xs.pop(0)\n    return xs[1:]\n"},
    {"PMM114", "from collections import deque\nq = deque()\nwhile q:\n    q.pop()\nq.pop(0)\n", NULL},
    /* PMM115 */
    {"PMM115", "«for i in range(len(names))»:\n    print(i, names[i])\n",
     "for i, name in enumerate(names):\n    print(i, name)\n"},
    {"PMM115", "for i in range(len(xs)):\n    xs[i] = 0\n", NULL},
    {"PMM115", "for i in range(len(xs)):\n    print(i)\n", NULL},
    /* PMM116 */
    {"PMM116", "if «type(x) == int»:\n    pass\n", "if isinstance(x, int):\n    pass\n"},
    {"PMM116", "ok = a and «type(x) != str»\n", "ok = a and not isinstance(x, str)\n"},
    {"PMM116", "if type(x) is int:\n    pass\n", NULL},
    /* PMM117 */
    {"PMM117", "if «len(xs) == 0»:\n    pass\n", "if not xs:\n    pass\n"},
    {"PMM117", "while «len(self.items) > 0»:\n    pass\n", "while self.items:\n    pass\n"},
    {"PMM117", "return_value = len(xs) > 0\nif len(xs) > 1:\n    pass\n", NULL},
    /* PMM118 */
    {"PMM118", "total = sum(«[x * x for x in xs]»)\n", "total = sum(x * x for x in xs)\n"},
    {"PMM118", "m = max(«[len(s) for s in xs]», default=0)\n", "m = max((len(s) for s in xs), default=0)\n"},
    {"PMM118", "total = sum(x * x for x in xs)\nys = sorted([x for x in xs])\n", NULL},
    /* PMM119 */
    {"PMM119", "\"\"\"Doc.\"\"\"\nimport os\n\ndef deco(func):\n    def «wrapper»(*args, **kwargs):\n        return func(*args, **kwargs)\n    return wrapper\n",
     "\"\"\"Doc.\"\"\"\nimport os\nfrom functools import wraps\n\ndef deco(func):\n    @wraps(func)\n    def wrapper(*args, **kwargs):\n        return func(*args, **kwargs)\n    return wrapper\n"},
    {"PMM119", "import functools\ndef deco(func):\n    @functools.wraps(func)\n    def wrapper(*args):\n        return func(*args)\n    return wrapper\n", NULL},
    /* PMM120 */
    {"PMM120", "def read(p):\n    f = «open(p)»\n    data = f.read()\n    f.close()\n    return data\n",
     "def read(p):\n    with open(p) as f:\n        data = f.read()\n    return data\n"},
    {"PMM120", "def get(p):\n    f = open(p)\n    return f\n", NULL},
    {"PMM120", "def read(p):\n    f = open(p)\n    try:\n        return f.read()\n    finally:\n        f.close()\n", NULL},
    /* PMM121 */
    {"PMM121", "import time\n\nasync def main():\n    «time.sleep(1)»\n",
     "import time\nimport asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n"},
    {"PMM121", "import time\n\ndef main():\n    time.sleep(1)\n", NULL},
    /* PMM122 */
    {"PMM122", "async def fetch():\n    pass\n\nasync def main():\n    «fetch()»\n",
     "async def fetch():\n    pass\n\nasync def main():\n    await fetch()\n"},
    {"PMM122", "class C:\n    async def close(self):\n        pass\n\n    async def run(self):\n        «self.close()»\n",
     "class C:\n    async def close(self):\n        pass\n\n    async def run(self):\n        await self.close()\n"},
    {"PMM122", "import asyncio\n\nasync def fetch():\n    pass\n\nasync def main():\n    asyncio.create_task(fetch())\n    t = fetch()\n    await t\n    await fetch()\n", NULL},
    {"PMM122", "async def fetch():\n    pass\n\ndef main():\n    fetch()\n", NULL},
    {"PMM122", "async def gen():\n    yield 1\n\nasync def main():\n    gen()\n", NULL},
    {"PMM122", "def fetch():\n    pass\n\nasync def main():\n    fetch()\n", NULL},
    /* PMM123 */
    {"PMM123", "class P:\n    def «__eq__»(self, other):\n        return self.x == other.x\n\n    def f(self):\n        pass\n",
     "class P:\n    def __eq__(self, other):\n        return self.x == other.x\n\n    __hash__ = None\n\n    def f(self):\n        pass\n"},
    {"PMM123", "class P:\n    def __eq__(self, other):\n        return True\n\n    def __hash__(self):\n        return 0\n", NULL},
    {"PMM123", "class P:\n    __hash__ = object.__hash__\n\n    def __eq__(self, other):\n        return True\n", NULL},
    /* A class with a syntax error may end before its last lines: no fix that appends to it. */
    {"PMM123", "class P:\n =  def __eq__(self, other):elf):\n  ):\n        pass\n", NULL},
    {"PMM123", "class D(dict):\n    def __eq__(self, other):\n        return True\n", NULL},
    {"PMM123", "@dataclass\nclass P:\n    def __eq__(self, other):\n        return True\n", NULL},
    /* PMM124 */
    {"PMM124", "from dataclasses import dataclass\n\n@dataclass\nclass C:\n    xs: list = «[]»\n",
     "from dataclasses import dataclass\nfrom dataclasses import field\n\n@dataclass\nclass C:\n    xs: list = field(default_factory=list)\n"},
    {"PMM124", "import dataclasses\n\n@dataclasses.dataclass(frozen=True)\nclass C:\n    d: dict = «{'a': 1}»\n",
     "import dataclasses\n\n@dataclasses.dataclass(frozen=True)\nclass C:\n    d: dict = dataclasses.field(default_factory=lambda: {'a': 1})\n"},
    {"PMM124", "from dataclasses import dataclass, field\n\n@dataclass\nclass C:\n    xs: list = field(default_factory=list)\n    t: tuple = ()\n    n: ClassVar[list] = []\n", NULL},
    {"PMM124", "import functools\n\n@functools.total_ordering\nclass C:\n    xs: list = []\n", NULL},
    /* PMM125 */
    {"PMM125", "d = {}\nif k in «d.keys()»:\n    pass\n", "d = {}\nif k in d:\n    pass\n"},
    {"PMM125", "d = {}\nks = d.keys()\nfor k in sorted(d.keys()):\n    pass\n", NULL},
    /* PMM126 */
    {"PMM126", "def f(xs):\n    out = []\n    «for x in xs»:\n        if x:\n            out.append(x * 2)\n    return out\n",
     "def f(xs):\n    out = [x * 2 for x in xs if x]\n    return out\n"},
    {"PMM126", "def f(pairs):\n    out = []\n    «for a, b in pairs»:\n        out.append(a + b)\n    return out\n",
     "def f(pairs):\n    out = [a + b for a, b in pairs]\n    return out\n"},
    {"PMM126", "def f(xs):\n    out = []\n    for x in xs:\n        out.append(x)\n        print(x)\n    return out\n", NULL},
    {"PMM126", "def f(xs):\n    out = [0]\n    for x in xs:\n        out.append(x)\n    return out\n", NULL},
    {"PMM126", "def f(xs):\n    out = []\n    for x in xs:\n        if x:\n            out.append(x)\n        else:\n            out.append(0)\n    return out\n", NULL},
    {"PMM126", "def f(xs):\n    out = []\n    for x in xs:\n        out.append(len(out))\n    return out\n", NULL},
};
/* clang-format on */

/* Strips « and »; returns the text and the marked range (start = end = UINT32_MAX when unmarked). */
static char *strip(const char *marked, uint32_t *start, uint32_t *end) {
  pymm_buf b = {0};
  *start = *end = UINT32_MAX;
  for (const char *p = marked; *p;) {
    if (!strncmp(p, "«", 2)) {
      *start = (uint32_t)b.len;
      p += 2;
    } else if (!strncmp(p, "»", 2)) {
      *end = (uint32_t)b.len;
      p += 2;
    } else {
      pymm_buf_putc(&b, *p++);
    }
  }
  return pymm_buf_take(&b);
}

static bool clean_parse(const char *text) {
  pymm_document *doc = pymm_document_new(text, strlen(text));
  bool clean = !ts_node_has_error(ts_tree_root_node(pymm_document_tree(doc)));
  pymm_document_free(doc);
  return clean;
}

int main(void) {
  char *warnings = NULL;
  pymm_engine *engine = default_engine(&warnings);
  OK(engine != NULL);
  if (!engine) return HARNESS_DONE();

  TEST("every rule resolves its guide section and has an equivalent-code list") {
    const pymm_rules *rules = pymm_engine_rules(engine);
    INT_EQ(pymm_rules_count(rules), 26);
    for (size_t i = 0; i < pymm_rules_count(rules); i++) {
      const pymm_rule *r = pymm_rules_at(rules, i);
      if (r->entry < 0) fprintf(stderr, "%s: no guide section \"%s\"\n", r->code, r->section);
      OK(r->entry >= 0);
      OK(r->severity != PYMM_SEVERITY_NONE);
    }
    OK(warnings == NULL || strstr(warnings, "rule ") == NULL);
  }

  for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
    const rule_case *tc = &CASES[i];
    TEST(tc->source) {
      uint32_t start, end;
      char *text = strip(tc->source, &start, &end);
      const char *select[] = {tc->code, NULL};
      pymm_rule_filter filter = {.select = select};
      pymm_document *doc = pymm_document_new(text, strlen(text));
      pymm_diagnostics *diags = pymm_diagnostics_run(engine, doc, &filter);
      if (start == UINT32_MAX) {
        if (diags->count)
          fprintf(stderr, "case %zu: %s fired on a look-alike at %u\n", i, tc->code, diags->items[0].start);
        INT_EQ(diags->count, 0);
      } else {
        INT_EQ(diags->count, 1);
        if (diags->count) {
          INT_EQ(diags->items[0].start, start);
          INT_EQ(diags->items[0].end, end);
        }
      }
      if (tc->fixed && diags->count) {
        size_t n = 0;
        char *fixed = pymm_fix_all(engine, text, strlen(text), &filter, true, &n, NULL);
        STR_EQ(fixed ? fixed : text, tc->fixed);
        if (fixed) {
          OK(clean_parse(fixed));
          size_t m = 0;
          char *again = pymm_fix_all(engine, fixed, n, &filter, true, &m, NULL);
          OK(again == NULL); /* idempotent: nothing left to fix */
          free(again);
        }
        free(fixed);
      }
      pymm_diagnostics_free(diags);
      pymm_document_free(doc);
      free(text);
    }
  }

  TEST("# noqa, # noqa: PMM101 and the ruff code B006 silence the diagnostic; another code does not") {
    const char *lines[] = {"def f(x=[]):  # noqa\n    pass\n", "def f(x=[]):  # noqa: PMM101\n    pass\n",
                           "def f(x=[]):  # NOQA:E501,B006\n    pass\n"};
    for (int k = 0; k < 3; k++) {
      pymm_document *doc = pymm_document_new(lines[k], strlen(lines[k]));
      pymm_diagnostics *diags = pymm_diagnostics_run(engine, doc, NULL);
      INT_EQ(diags->count, 0);
      pymm_diagnostics_free(diags);
      pymm_document_free(doc);
    }
    const char *other = "def f(x=[]):  # noqa: E501\n    pass\n";
    pymm_document *doc = pymm_document_new(other, strlen(other));
    pymm_diagnostics *diags = pymm_diagnostics_run(engine, doc, NULL);
    INT_EQ(diags->count, 1);
    pymm_diagnostics_free(diags);
    pymm_document_free(doc);
  }

  TEST("select and ignore take codes and prefixes") {
    const char *src = "a = b = []\nif x is 1:\n    pass\n";
    pymm_document *doc = pymm_document_new(src, strlen(src));
    const char *ignore[] = {"PMM104", NULL}, *select[] = {"PMM10", NULL}, *none[] = {"PMM2", NULL};
    pymm_rule_filter f1 = {.ignore = ignore}, f2 = {.select = select}, f3 = {.select = none};
    pymm_diagnostics *d1 = pymm_diagnostics_run(engine, doc, &f1), *d2 = pymm_diagnostics_run(engine, doc, &f2),
                     *d3 = pymm_diagnostics_run(engine, doc, &f3);
    INT_EQ(d1->count, 1);
    INT_EQ(d2->count, 2);
    INT_EQ(d3->count, 0);
    pymm_diagnostics_free(d1);
    pymm_diagnostics_free(d2);
    pymm_diagnostics_free(d3);
    pymm_document_free(doc);
  }

  TEST("the explanation of a rule quotes the guide's snippets") {
    char *text = pymm_rule_explain(engine, pymm_rules_find(pymm_engine_rules(engine), "pmm101"), PYMM_MARKUP_PLAINTEXT);
    STR_HAS(text, "PMM101");
    STR_HAS(text, "✗ WRONG");
    STR_HAS(text, "✓ CORRECT");
    STR_HAS(text, "B006");
    free(text);
  }

  free(warnings);
  pymm_engine_free(engine);
  return HARNESS_DONE();
}
