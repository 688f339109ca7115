/* Fixes: imports land after the docstring, __future__ and the imports already there; fix-all applies
 * non-overlapping safe fixes only, re-parses cleanly and is idempotent; code actions merge # noqa. */
#include <stdlib.h>

#include "fixtures.h"
#include "harness.h"
#include "pymm/features.h"

static pymm_engine *engine;

static char *fix_all(const char *src, bool unsafe, size_t *fixed) {
  size_t n = 0;
  char *out = pymm_fix_all(engine, src, strlen(src), NULL, unsafe, &n, fixed);
  return out ? out : pymm_strdup(src);
}

int main(void) {
  engine = default_engine(NULL);
  OK(engine != NULL);
  if (!engine) return HARNESS_DONE();

  TEST("an import goes after the docstring, __future__ and the existing imports, and only once") {
    const char *src = "#!/usr/bin/env python3\n\"\"\"Module.\"\"\"\nfrom __future__ import annotations\nimport os\n\n"
                      "def a():\n    try:\n        f()\n    except OSError:\n        pass\n\n"
                      "def b():\n    try:\n        g()\n    except KeyError:\n        pass\n";
    char *out = fix_all(src, false, NULL);
    STR_EQ(out, "#!/usr/bin/env python3\n\"\"\"Module.\"\"\"\nfrom __future__ import annotations\nimport os\nimport "
                "contextlib\n\n"
                "def a():\n    with contextlib.suppress(OSError):\n        f()\n\n"
                "def b():\n    with contextlib.suppress(KeyError):\n        g()\n");
    free(out);
  }

  TEST("an import already there is used as it is") {
    const char *src =
        "import functools as ft\n\ndef deco(fn):\n    def inner(*a):\n        return fn(*a)\n    return inner\n";
    char *out = fix_all(src, false, NULL);
    STR_HAS(out, "    @ft.wraps(fn)\n    def inner(*a):");
    OK(strstr(out, "from functools") == NULL);
    free(out);
  }

  TEST("fix-all: safe fixes only, several rules together, idempotent") {
    const char *src = "def f(x=[], y={}):\n    if type(x) == list:\n        return x is 1\n    try:\n        g()\n"
                      "    except:\n        raise ValueError()\n";
    size_t fixed = 0;
    char *out = fix_all(src, false, &fixed);
    STR_EQ(out, "def f(x=None, y=None):\n    if x is None:\n        x = []\n    if y is None:\n        y = {}\n"
                "    if type(x) == list:\n        return x == 1\n    try:\n        g()\n"
                "    except Exception as err:\n        raise ValueError() from err\n");
    OK(fixed >= 5);
    size_t again = 0;
    char *twice = fix_all(out, false, &again);
    STR_EQ(twice, out);
    INT_EQ(again, 0);
    free(twice);
    char *unsafe = fix_all(src, true, NULL);
    STR_HAS(unsafe, "if isinstance(x, list):");
    free(unsafe);
    free(out);
  }

  TEST("several += of one string in a loop share one fix: every += becomes an append, one join after") {
    const char *src = "def f(rows):\n    s = '> '\n    for r in rows:\n        s += r\n        if r:\n            s += "
                      "'\\n'\n    return s\n";
    char *safe = fix_all(src, false, NULL);
    STR_EQ(safe, src); /* unsafe: not applied by fix-all */
    free(safe);
    char *out = fix_all(src, true, NULL);
    STR_EQ(out, "def f(rows):\n    s_parts = ['> ']\n    for r in rows:\n        s_parts.append(r)\n        if r:\n"
                "            s_parts.append('\\n')\n    s = ''.join(s_parts)\n    return s\n");
    free(out);
  }

  TEST("dataclass defaults: one import of field for several fixes, and the unsafe copy fix stays out of fix-all") {
    const char *src =
        "from dataclasses import dataclass\n\n@dataclass\nclass C:\n    a: list = []\n    b: dict = {}\n\n"
        "def prune(xs: list):\n    for x in xs:\n        xs.remove(x)\n";
    char *out = fix_all(src, false, NULL);
    STR_EQ(out, "from dataclasses import dataclass\nfrom dataclasses import field\n\n@dataclass\nclass C:\n"
                "    a: list = field(default_factory=list)\n    b: dict = field(default_factory=dict)\n\n"
                "def prune(xs: list):\n    for x in xs:\n        xs.remove(x)\n");
    free(out);
  }

  TEST("pop(0) and insert(0, x) on one list: the list becomes a deque once and both calls change together") {
    const char *src = "import os\n\ndef walk(root):\n    todo = []\n    todo.append(root)\n    while todo:\n"
                      "        node = todo.pop(0)\n        if node.urgent:\n            todo.insert(0, node)\n";
    char *out = fix_all(src, true, NULL);
    STR_EQ(
        out,
        "import os\nfrom collections import deque\n\ndef walk(root):\n    todo = deque()\n    todo.append(root)\n"
        "    while todo:\n        node = todo.popleft()\n        if node.urgent:\n            todo.appendleft(node)\n");
    free(out);
  }

  TEST("a file holding a NUL byte keeps its findings but gets no fix: none would lose the text past the NUL") {
    /* Two fixable findings with a NUL between them: the fix-all edit spanning both once ended at the NUL. */
    const char src[] = "x = 1\nif x is 1:\n    pass\ny = '\0'\nif y is 2:\n    pass\n";
    size_t length = sizeof src - 1;
    pymm_document *doc = pymm_document_new(src, length);
    pymm_diagnostics *diags = pymm_diagnostics_run(engine, doc, NULL);
    OK(diags->count >= 2);
    for (size_t i = 0; i < diags->count; i++) INT_EQ(diags->items[i].fix.edit_count, 0);
    pymm_actions *actions = pymm_actions_at(engine, doc, diags, 0, (uint32_t)length, NULL, true);
    for (size_t i = 0; i < actions->count; i++) OK(actions->items[i].kind != PYMM_ACTION_FIX_ALL);
    pymm_actions_free(actions);
    pymm_diagnostics_free(diags);
    pymm_document_free(doc);
    size_t n = 0;
    OK(pymm_fix_all(engine, src, length, NULL, true, &n, NULL) == NULL);
  }

  TEST("ignore action: a new noqa comment, or merged into the one on the line") {
    const char *src = "a = b = []  # noqa: E501\nc = d = {}  # why\n";
    pymm_document *doc = pymm_document_new(src, strlen(src));
    pymm_diagnostics *diags = pymm_diagnostics_run(engine, doc, NULL);
    INT_EQ(diags->count, 2);
    pymm_actions *first = pymm_actions_at(engine, doc, diags, 0, 0, NULL, false);
    pymm_actions *second = pymm_actions_at(engine, doc, diags, 26, 26, NULL, false);
    const char *merged = NULL, *added = NULL;
    for (size_t i = 0; i < first->count; i++)
      if (first->items[i].kind == PYMM_ACTION_IGNORE) merged = first->items[i].edits[0].text;
    for (size_t i = 0; i < second->count; i++)
      if (second->items[i].kind == PYMM_ACTION_IGNORE) added = second->items[i].edits[0].text;
    STR_EQ(merged, ", PMM104");
    STR_EQ(added, "  # noqa: PMM104");
    pymm_actions_free(first);
    pymm_actions_free(second);
    pymm_diagnostics_free(diags);
    pymm_document_free(doc);
  }

  TEST("edits apply in order") {
    pymm_edit edits[] = {{0, 1, "X"}, {2, 2, "-"}, {3, 4, ""}};
    size_t n = 0;
    char *out = pymm_edits_apply("abcd", 4, edits, 3, &n);
    STR_EQ(out, "Xb-c");
    INT_EQ(n, 4);
    free(out);
  }

  pymm_engine_free(engine);
  return HARNESS_DONE();
}
