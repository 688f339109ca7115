/* Hover: a table of small Python snippets with a cursor mark ‸, the topic the hover must name, the ###
 * section it must open (by slug), the table row it must bold (if any), and whether it must be hedged.
 * A NULL topic means no hover. The last test checks that the cases reach every ### section of the guide
 * but the table of contents and the learning path. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "fixtures.h"
#include "pymm/features.h"

typedef struct hover_case {
  const char *source;  /* with ‸ at the cursor */
  const char *topic;   /* expected topic id; NULL: no hover */
  const char *section; /* slug of the ### section the topic opens */
  const char *row;     /* the bold row's first cell, NULL when no table */
  bool hedged;
} hover_case;

/* One case a line, however long. */
/* clang-format off */
static const hover_case CASES[] = {
    {"xs = [1]\nxs.po‸p(0)\n", "list.pop-front", "list-dynamic-array", "Pop from start", false},
    {"xs = [1]\nxs.po‸p()\n", "list.pop-end", "list-dynamic-array", "Pop from end", false},
    {"xs = [1]\nxs.po‸p(2)\n", "list.pop-index", "list-dynamic-array", NULL, false},
    {"xs = []\nxs.ins‸ert(0, 1)\n", "list.insert-front", "list-dynamic-array", "Insert at index", false},
    {"xs = []\nxs.ins‸ert(3, 1)\n", "list.insert", "list-dynamic-array", "Insert at index", false},
    {"xs = []\nxs.app‸end(1)\n", "list.append", "list-dynamic-array", "Append", false},
    {"xs = [3, 1]\nxs.so‸rt()\n", "list.sort", "list-dynamic-array", "Sort", false},
    {"ys = so‸rted(xs)\n", "list.sorted", "list-dynamic-array", "Sort", false},
    {"xs = [1]\nxs.ind‸ex(1)\n", "list.search-method", "list-dynamic-array", "Search (in)", false},
    {"xs = [1]\nxs.rem‸ove(1)\n", "list.search-method", "list-dynamic-array", "Search (in)", false},
    {"xs = [1]\nxs.ext‸end([2])\n", "list.extend", "list-dynamic-array", NULL, false},
    {"xs = [1]\nxs.rev‸erse()\n", "list.method", "list-dynamic-array", NULL, false},
    {"xs = [1]\nif 1 i‸n xs:\n    pass\n", "list.contains", "list-dynamic-array", "Search (in)", false},
    {"xs = [1]\nif 1 no‸t in xs:\n    pass\n", "list.contains", "list-dynamic-array", "Search (in)", false},
    {"xs = [1, 2]\nys = xs[0‸:1]\n", "list.slice", "list-dynamic-array", "Slice [i:j]", false},
    {"xs = [1, 2]\ny = xs[‸0]\n", "list.index", "list-dynamic-array", "Index access [i]", false},
    {"xs = [1‸, 2]\n", "list.literal", "list-dynamic-array", NULL, false},
    {"ys = li‸st(range(3))\n", "list.constructor", "list-dynamic-array", NULL, false},
    {"def f(xs: list[int]):\n    xs.po‸p(0)\n", "list.pop-front", "list-dynamic-array", "Pop from start", false},
    {"from typing import List\ndef f(xs: List[int]):\n    xs.po‸p(0)\n", "list.pop-front", "list-dynamic-array", "Pop from start", false},
    {"from typing import Optional, List\ndef f(xs: Optional[List[int]] = None):\n    xs.po‸p()\n", "list.pop-end", "list-dynamic-array", "Pop from end", false},
    {"def f(xs):\n    xs.po‸p(0)\n", "list.pop-front", "list-dynamic-array", "Pop from start", true},
    {"xs = [i for i in range(3)]\nxs.po‸p(0)\n", "list.pop-front", "list-dynamic-array", "Pop from start", false},
    {"class Q:\n    def __init__(self):\n        self.items = []\n    def get(self):\n        return self.items.po‸p(0)\n", "list.pop-front", "list-dynamic-array", "Pop from start", false},
    {"from collections import deque\nq = deque()\nq.pop‸left()\n", "deque.popleft", "collections-module-highlights", NULL, false},
    {"from collections import deque as dq\nq = dq()\nq.pop‸left()\n", "deque.popleft", "collections-module-highlights", NULL, false},
    {"import collections as c\nq = c.deque()\nq.pop‸left()\n", "deque.popleft", "collections-module-highlights", NULL, false},
    {"import collections\nq = collections.deque()\nq.append‸left(1)\n", "deque.appendleft", "collections-module-highlights", NULL, false},
    {"from collections import deque\nq = deque()\nq.rot‸ate(1)\n", "deque.rotate", "collections-module-highlights", NULL, false},
    {"from collections import deque\nq = deque()\nq.app‸end(1)\n", "deque.end", "collections-module-highlights", NULL, false},
    {"from collections import deque\nq = deque()\nq.po‸p()\n", "deque.end", "collections-module-highlights", NULL, false},
    {"from collections import deque\nq = deque()\nq.max‸len\n", "deque.maxlen", "collections-module-highlights", NULL, false},
    {"from collections import deque\nq = deque(max‸len=3)\n", "deque.maxlen", "collections-module-highlights", NULL, false},
    {"from collections import deque\nq = de‸que()\n", "deque.class", "collections-module-highlights", NULL, false},
    {"from typing import Deque\ndef f(q: Deque[int]):\n    q.pop‸left()\n", "deque.popleft", "collections-module-highlights", NULL, false},
    {"def f(q):\n    q.pop‸left()\n", "deque.popleft", "collections-module-highlights", NULL, true},
    {"from collections import deque\ndef f():\n    deque = []\n    deque.po‸p(0)\n", "list.pop-front", "list-dynamic-array", "Pop from start", false},
    {"from collections import deque\ndef f():\n    deque = []\n    deq‸ue.append(1)\n", NULL, NULL, NULL, false},
    {"from collections import Counter\nc = Coun‸ter('abc')\n", "counter.class", "collections-module-highlights", NULL, false},
    {"from collections import Counter\nc = Counter('abc')\nc.most_‸common(2)\n", "counter.most-common", "collections-module-highlights", NULL, false},
    {"from collections import defaultdict\nd = default‸dict(list)\n", "defaultdict.class", "collections-module-highlights", NULL, false},
    {"from collections import OrderedDict\nd = Ordered‸Dict()\n", "ordereddict.class", "collections-module-highlights", NULL, false},
    {"from collections import OrderedDict\nd = OrderedDict()\nd.move_to‸_end(1)\n", "ordereddict.move-to-end", "collections-module-highlights", NULL, false},
    {"from collections import ChainMap\nd = Chain‸Map({}, {})\n", "chainmap.class", "collections-module-highlights", NULL, false},
    {"from collections import namedtuple\nP = named‸tuple('P', 'x y')\n", "namedtuple.class", "tuple-immutable-sequence", NULL, false},
    {"from typing import NamedTuple\nclass P(Named‸Tuple):\n    x: int\n", "typing.namedtuple", "tuple-immutable-sequence", NULL, false},
    {"d = {}\nd.ge‸t(1)\n", "dict.get", "dictionary-hash-map", "Get/Set/Delete", false},
    {"d = {}\nd.setdef‸ault(1, [])\n", "dict.setdefault", "dictionary-hash-map", "Get/Set/Delete", false},
    {"d = {}\nd.po‸p(1)\n", "dict.pop", "dictionary-hash-map", "Get/Set/Delete", false},
    {"d = {}\nfor k in d.ite‸ms():\n    pass\n", "dict.views", "dictionary-hash-map", "Iteration", false},
    {"d = {}\nd.upd‸ate({})\n", "dict.update", "dictionary-hash-map", NULL, false},
    {"d = {}\ndel ‸d[1]\n", "dict.del", "dictionary-hash-map", "Get/Set/Delete", false},
    {"a = {}\nb = {}\nc = a ‸\x7c b\n", "dict.merge", "dictionary-hash-map", NULL, false},
    {"a = {}\nc = {**a‸, 'x': 1}\n", "unpack.merge-dicts", "unpacking", NULL, false},
    {"d = {}\nv = d['‸k']\n", "dict.subscript", "dictionary-hash-map", "Get/Set/Delete", false},
    {"d = {}\nif 'k' i‸n d:\n    pass\n", "dict.contains", "dictionary-hash-map", "Search (in)", false},
    {"from collections import defaultdict\nd = defaultdict(int)\nif 'k' i‸n d:\n    pass\n", "dict.contains", "dictionary-hash-map", "Search (in)", false},
    {"def f(d: dict[str, int]):\n    return 'k' i‸n d\n", "dict.contains", "dictionary-hash-map", "Search (in)", false},
    {"d = {'a'‸: 1}\n", "dict.literal", "dictionary-hash-map", NULL, false},
    {"d = di‸ct(a=1)\n", "dict.constructor", "dictionary-hash-map", NULL, false},
    {"s = set()\ns.ad‸d(1)\n", "set.add", "set-hash-set", "Add", false},
    {"s = set()\ns.disc‸ard(1)\n", "set.remove", "set-hash-set", "Remove", false},
    {"s = set()\ns.rem‸ove(1)\n", "set.remove", "set-hash-set", "Remove", false},
    {"a = {1}\nb = {2}\nc = a ‸\x7c b\n", "set.union", "set-hash-set", "Union", false},
    {"a = {1}\nb = {2}\nc = a ‸& b\n", "set.intersection", "set-hash-set", "Intersection", false},
    {"a = {1}\nb = {2}\nc = a ‸- b\n", "set.difference", "set-hash-set", NULL, false},
    {"a = {1}\nb = {2}\nc = a ‸^ b\n", "set.difference", "set-hash-set", NULL, false},
    {"a = {1}\nc = a.uni‸on({2})\n", "set.union", "set-hash-set", "Union", false},
    {"s = {1, 2}\nif 1 i‸n s:\n    pass\n", "set.contains", "set-hash-set", "Search (in)", false},
    {"s = frozenset([1])\nif 1 i‸n s:\n    pass\n", "set.contains", "set-hash-set", "Search (in)", false},
    {"s = {x for x in range(3)}\nif 1 i‸n s:\n    pass\n", "set.contains", "set-hash-set", "Search (in)", false},
    {"s = {1‸, 2}\n", "set.literal", "set-hash-set", NULL, false},
    {"s = se‸t()\n", "set.constructor", "set-hash-set", NULL, false},
    {"s = frozen‸set([1])\n", "frozenset.constructor", "set-hash-set", NULL, false},
    {"t = (1‸, 2)\n", "tuple.literal", "tuple-immutable-sequence", NULL, false},
    {"t = tup‸le([1])\n", "tuple.constructor", "tuple-immutable-sequence", NULL, false},
    {"t = ([1]‸, [2])\n", "mutability.tuple-of-lists", "mutability-gotchas", NULL, false},
    {"def f(x=[‸]):\n    pass\n", "gotcha.mutable-default", "mutable-default-arguments", NULL, false},
    {"def f(x={‸}):\n    pass\n", "gotcha.mutable-default", "mutable-default-arguments", NULL, false},
    {"def f(x=se‸t()):\n    pass\n", "gotcha.mutable-default", "mutable-default-arguments", NULL, false},
    {"grid = [[]] ‸* 3\n", "mutability.list-multiply", "mutability-gotchas", NULL, false},
    {"a = b = [‸]\n", "gotcha.chained-assignment", "chained-assignment", NULL, false},
    {"a = [1]\nb = ‸a\n", "mutability.aliasing", "mutability-gotchas", NULL, false},
    {"items = [1, 2]\nfor item in items:\n    items.rem‸ove(item)\n", "gotcha.modify-while-iterating", "modifying-list-while-iterating", NULL, false},
    {"items = [1, 2]\nfor item in items:\n    if item:\n        items.rem‸ove(item)\n", "gotcha.modify-while-iterating", "modifying-list-while-iterating", NULL, false},
    {"funcs = []\nfor i in range(3):\n    funcs.append(lam‸bda: i)\n", "gotcha.late-binding", "late-binding-closures", NULL, false},
    {"class C:\n    ite‸ms = []\n", "gotcha.class-attribute", "class-vs-instance-attributes", NULL, false},
    {"if x i‸s 256:\n    pass\n", "gotcha.is-literal", "integer-caching", NULL, false},
    {"def f():\n    from os import pa‸th\n", "gotcha.local-import", "import-cycles", NULL, false},
    {"if x i‸s None:\n    pass\n", "is", "object-identity-type-and-value", NULL, false},
    {"if x is n‸ot None:\n    pass\n", "is", "object-identity-type-and-value", NULL, false},
    {"n = i‸d(x)\n", "builtin.id", "object-identity-type-and-value", NULL, false},
    {"t = ty‸pe(x)\n", "builtin.type", "type-hierarchy", NULL, false},
    {"ok = isinst‸ance(x, int)\n", "builtin.isinstance", "type-hierarchy", NULL, false},
    {"class A(obj‸ect):\n    pass\n", "builtin.object", "everything-is-an-object", NULL, false},
    {"class B(A):\n    def m(self):\n        su‸per().m()\n", "builtin.super", "inheritance--mro", NULL, false},
    {"print(D.__m‸ro__)\n", "dunder.mro", "attribute-lookup-mro", NULL, false},
    {"v = geta‸ttr(o, 'x')\n", "builtin.getattr", "attribute-lookup-mro", NULL, false},
    {"n = Tr‸ue + 1\n", "object.bool-arithmetic", "type-hierarchy", NULL, false},
    {"d‸el x\n", "memory.del", "reference-counting", NULL, false},
    {"import sys\nn = sys.getref‸count(x)\n", "memory.getrefcount", "reference-counting", NULL, false},
    {"import gc\ngc.coll‸ect()\n", "memory.gc", "garbage-collection-cycle-detection", NULL, false},
    {"import sys\ns = sys.inte‸rn('a b')\n", "memory.intern", "small-integer--string-caching", NULL, false},
    {"import copy\nb = copy.deep‸copy(a)\n", "copy.deepcopy", "copy-semantics", NULL, false},
    {"import copy\nb = copy.co‸py(a)\n", "copy.copy", "copy-semantics", NULL, false},
    {"a = [1]\nb = a[‸:]\n", "copy.slice", "copy-semantics", NULL, false},
    {"a = [1]\nb = a.co‸py()\n", "copy.method", "copy-semantics", NULL, false},
    {"def outer(x):\n    d‸ef inner(y):\n        return x + y\n    return inner\n", "function.closure", "closure-mental-model", NULL, false},
    {"f = lam‸bda x: x\n", "function.lambda", "functions-are-first-class-objects", NULL, false},
    {"def f():\n    x = 1\n    def g():\n        nonl‸ocal x\n", "scope.nonlocal", "variable-scopes-legb", NULL, false},
    {"def f():\n    glob‸al count\n", "scope.global", "variable-scopes-legb", NULL, false},
    {"def f(*ar‸gs):\n    pass\n", "function.args", "function-arguments-deep-dive", NULL, false},
    {"def f(**kw‸args):\n    pass\n", "function.kwargs", "function-arguments-deep-dive", NULL, false},
    {"def f(x, ‸/, y):\n    pass\n", "function.positional-only", "function-arguments-deep-dive", NULL, false},
    {"def f(x, ‸*, y):\n    pass\n", "function.keyword-only", "function-arguments-deep-dive", NULL, false},
    {"def f(a, c‸=10):\n    pass\n", "function.default", "function-arguments-deep-dive", NULL, false},
    {"f(1, ‸b=2)\n", "function.keyword-argument", "function-arguments-deep-dive", NULL, false},
    {"f(*ar‸gs)\n", "unpack.call", "unpacking", NULL, false},
    {"f(**kw‸args)\n", "unpack.call", "unpacking", NULL, false},
    {"def greet():\n    pass\nsay = gr‸eet\n", "function.first-class", "functions-are-first-class-objects", NULL, false},
    {"@tr‸ace\ndef f():\n    pass\n", "decorator", "decorator-concept", NULL, false},
    {"@‸a\n@b\ndef f():\n    pass\n", "decorator.stacked", "decorator-execution-order", NULL, false},
    {"@a\n@‸b\ndef f():\n    pass\n", "decorator.stacked", "decorator-execution-order", NULL, false},
    {"@rep‸eat(times=3)\ndef f():\n    pass\n", "decorator.with-arguments", "building-decorators", NULL, false},
    {"from functools import wraps\ndef d(func):\n    @wr‸aps(func)\n    def wrapper(*a):\n        return func(*a)\n    return wrapper\n", "decorator.wraps", "building-decorators", NULL, false},
    {"def d(func):\n    def wrapper(*a):\n        return func(*a)\n    return wrap‸per\n", "decorator.template", "building-decorators", NULL, false},
    {"from functools import lru_cache\n@lru_ca‸che(maxsize=128)\ndef fib(n):\n    pass\n", "decorator.cache", "common-decorator-patterns", NULL, false},
    {"import functools\n@functools.ca‸che\ndef fib(n):\n    pass\n", "decorator.cache", "common-decorator-patterns", NULL, false},
    {"class A: pass\nclass B(A): pass\nclass C(A): pass\nclass ‸D(B, C): pass\n", "oop.inheritance", "inheritance--mro", NULL, false},
    {"cla‸ss Dog:\n    pass\n", "oop.class", "class-anatomy", NULL, false},
    {"class Dog:\n    def __in‸it__(self):\n        pass\n", "oop.init", "class-anatomy", NULL, false},
    {"class Dog:\n    spe‸cies = 'x'\n", "oop.class-attribute", "class-anatomy", NULL, false},
    {"class Dog:\n    def __init__(self, name):\n        self.na‸me = name\n", "oop.instance-attribute", "class-anatomy", NULL, false},
    {"class Dog:\n    @prop‸erty\n    def age(self):\n        return 1\n", "oop.property", "class-anatomy", NULL, false},
    {"class Dog:\n    @class‸method\n    def make(cls):\n        pass\n", "oop.classmethod", "class-anatomy", NULL, false},
    {"class Dog:\n    @static‸method\n    def ok(x):\n        pass\n", "oop.staticmethod", "class-anatomy", NULL, false},
    {"from dataclasses import dataclass\n@data‸class\nclass P:\n    x: int\n", "oop.dataclass", "data-classes-python-37", NULL, false},
    {"from dataclasses import dataclass\n@data‸class(frozen=True)\nclass P:\n    x: int\n", "oop.dataclass", "data-classes-python-37", NULL, false},
    {"from dataclasses import dataclass\n@dataclass(fro‸zen=True)\nclass P:\n    x: int\n", "oop.dataclass-option", "data-classes-python-37", NULL, false},
    {"from dataclasses import dataclass, field\n@dataclass\nclass P:\n    xs: list = fie‸ld(default_factory=list)\n", "oop.dataclass-field", "data-classes-python-37", NULL, false},
    {"from abc import ABC\nclass Sh‸ape(ABC):\n    pass\n", "oop.abc", "abstract-base-classes", NULL, false},
    {"from abc import ABC, abstractmethod\nclass S(ABC):\n    @abstract‸method\n    def area(self):\n        pass\n", "oop.abstractmethod", "abstract-base-classes", NULL, false},
    {"class V:\n    def __re‸pr__(self):\n        return ''\n", "dunder.repr", "dunder-magic-methods", NULL, false},
    {"class V:\n    def __e‸q__(self, o):\n        return True\n", "dunder.compare", "dunder-magic-methods", NULL, false},
    {"class V:\n    def __ad‸d__(self, o):\n        return self\n", "dunder.arithmetic", "dunder-magic-methods", NULL, false},
    {"class V:\n    def __le‸n__(self):\n        return 2\n", "dunder.container", "dunder-magic-methods", NULL, false},
    {"class V:\n    def __ha‸sh__(self):\n        return 1\n", "dunder.hash", "dunder-magic-methods", NULL, false},
    {"class V:\n    def __get‸attr__(self, n):\n        pass\n", "dunder.attribute", "dunder-magic-methods", NULL, false},
    {"class V:\n    __sl‸ots__ = ['x']\n", "internals.slots", "object-internals", NULL, false},
    {"f‸or x in xs:\n    pass\n", "iterator.for", "iterator-protocol", NULL, false},
    {"it = it‸er(xs)\n", "iterator.iter-next", "iterator-protocol", NULL, false},
    {"class C:\n    def __ne‸xt__(self):\n        raise StopIteration\n", "iterator.dunder", "custom-iterator", NULL, false},
    {"def g():\n    yi‸eld 1\n", "generator.yield", "generator-functions", NULL, false},
    {"def g():\n    yield fr‸om h()\n", "generator.yield-from", "generator-functions", NULL, false},
    {"def g():\n    v = yi‸eld 1\n", "generator.send", "generator-functions", NULL, false},
    {"s = sum(x f‸or x in xs)\n", "generator.expression", "generator-functions", NULL, false},
    {"from itertools import chain\nys = ch‸ain(a, b)\n", "itertools.chain", "itertools-module", NULL, false},
    {"import itertools as it\nys = it.isl‸ice(a, 3)\n", "itertools.islice", "itertools-module", NULL, false},
    {"from itertools import groupby\nfor k, g in group‸by(xs):\n    pass\n", "itertools.groupby", "itertools-module", NULL, false},
    {"from itertools import product\nys = prod‸uct(a, b)\n", "itertools.product", "itertools-module", NULL, false},
    {"from itertools import count\nys = cou‸nt(10)\n", "itertools.infinite", "itertools-module", NULL, false},
    {"w‸ith open(p) as f:\n    pass\n", "context.with", "context-manager-protocol", NULL, false},
    {"class R:\n    def __ent‸er__(self):\n        return self\n", "context.dunder", "custom-context-manager", NULL, false},
    {"from contextlib import contextmanager\n@context‸manager\ndef cm():\n    yield\n", "contextlib.contextmanager", "custom-context-manager", NULL, false},
    {"from contextlib import suppress\nwith supp‸ress(OSError):\n    pass\n", "contextlib.suppress", "contextlib-utilities", NULL, false},
    {"import contextlib\nwith contextlib.ExitSt‸ack() as s:\n    pass\n", "contextlib.exitstack", "contextlib-utilities", NULL, false},
    {"try:\n    pass\nexcept Key‸Error:\n    pass\n", "exception.builtin", "exception-hierarchy", NULL, false},
    {"t‸ry:\n    pass\nexcept KeyError:\n    pass\n", "exception.try", "exception-handling-patterns", NULL, false},
    {"try:\n    pass\nexcept (KeyError, ValueError) as e:\n    raise X fr‸om e\n", "exception.chaining", "exception-handling-patterns", NULL, false},
    {"try:\n    pass\nexcept KeyError:\n    raise X fr‸om None\n", "exception.suppress-context", "exception-handling-patterns", NULL, false},
    {"try:\n    pass\nexc‸ept (KeyError, ValueError):\n    pass\n", "exception.multiple", "exception-handling-patterns", NULL, false},
    {"try:\n    pass\nfina‸lly:\n    pass\n", "exception.else-finally", "exception-handling-patterns", NULL, false},
    {"class ValidationE‸rror(Exception):\n    pass\n", "exception.custom", "exception-handling-patterns", NULL, false},
    {"try:\n    pass\nexc‸ept:\n    pass\n", "exception.bare", "best-practices", NULL, false},
    {"try:\n    pass\nexcept KeyError:\n    rai‸se\n", "exception.reraise", "best-practices", NULL, false},
    {"import threading\nt = threading.Thr‸ead(target=f)\n", "threading.thread", "threading", NULL, false},
    {"import threading\nlock = threading.Lo‸ck()\n", "threading.lock", "threading", NULL, false},
    {"from concurrent.futures import ThreadPoolExecutor\nwith ThreadPool‸Executor(3) as ex:\n    pass\n", "threading.pool", "threading", NULL, false},
    {"from concurrent.futures import ProcessPoolExecutor\nex = ProcessPool‸Executor()\n", "multiprocessing.pool", "multiprocessing", NULL, false},
    {"import multiprocessing as mp\np = mp.Proc‸ess(target=f)\n", "multiprocessing.process", "multiprocessing", NULL, false},
    {"import multiprocessing as mp\nq = mp.Que‸ue()\n", "multiprocessing.shared", "multiprocessing", NULL, false},
    {"import multiprocessing as mp\nwith mp.Po‸ol() as p:\n    pass\n", "concurrency.choice", "when-to-use-what", NULL, false},
    {"import concurrent.futures\nf = concurrent.futures.as_compl‸eted(fs)\n", "concurrency.futures", "concurrency-vs-parallelism", NULL, false},
    {"asy‸nc def f():\n    pass\n", "asyncio.async-def", "asyncio", NULL, false},
    {"async def f():\n    aw‸ait g()\n", "asyncio.await", "asyncio", NULL, false},
    {"import asyncio\nasyncio.r‸un(main())\n", "asyncio.run", "asyncio", NULL, false},
    {"import asyncio\nasync def f():\n    await asyncio.gath‸er(a(), b())\n", "asyncio.gather", "asyncio", NULL, false},
    {"async def f():\n    asy‸nc with lock:\n        pass\n", "asyncio.async-with", "asyncio", NULL, false},
    {"async def f():\n    asy‸nc for x in xs:\n        pass\n", "asyncio.async-for", "asyncio", NULL, false},
    {"import sys\nsys.setswitch‸interval(0.01)\n", "internals.gil", "the-gil-global-interpreter-lock", NULL, false},
    {"import dis\ndis.d‸is(f)\n", "internals.dis", "python-bytecode", NULL, false},
    {"c = f.__co‸de__\n", "internals.code", "python-bytecode", NULL, false},
    {"import sys\nn = sys.getsize‸of(x)\n", "internals.getsizeof", "object-internals", NULL, false},
    {"d = obj.__di‸ct__\n", "internals.dict", "object-internals", NULL, false},
    {"ys = [x f‸or x in xs]\n", "comprehension.list", "comprehensions", NULL, false},
    {"ys = {k: v f‸or k, v in xs}\n", "comprehension.dict", "comprehensions", NULL, false},
    {"ys = [x f‸or row in m for x in row]\n", "comprehension.nested", "comprehensions", NULL, false},
    {"first, *re‸st = xs\n", "unpack.star", "unpacking", NULL, false},
    {"a, b‸ = b, a\n", "unpack.swap", "unpacking", NULL, false},
    {"for i, x in enumer‸ate(xs):\n    pass\n", "idiom.enumerate", "pythonic-idioms", NULL, false},
    {"for a, b in zi‸p(xs, ys):\n    pass\n", "idiom.zip", "pythonic-idioms", NULL, false},
    {"from itertools import zip_longest\nfor a, b in zip_lon‸gest(xs, ys):\n    pass\n", "idiom.zip", "pythonic-idioms", NULL, false},
    {"ok = an‸y(x > 0 for x in xs)\n", "idiom.any-all", "pythonic-idioms", NULL, false},
    {"v = a i‸f c else b\n", "idiom.ternary", "pythonic-idioms", NULL, false},
    {"ok = 0 < x ‸< 10\n", "idiom.chained-comparison", "pythonic-idioms", NULL, false},
    {"s = f\"{pi:.2‸f}\"\n", "fstring.spec", "f-strings-formatted-string-literals", NULL, false},
    {"s = f\"{x‸=}\"\n", "fstring.debug", "f-strings-formatted-string-literals", NULL, false},
    {"from typing import Optional\ndef f() -> Optio‸nal[int]:\n    pass\n", "typing.optional", "basic-type-hints", NULL, false},
    {"from typing import Union\nx: Uni‸on[int, str] = 1\n", "typing.union", "basic-type-hints", NULL, false},
    {"from typing import Callable\nf: Calla‸ble[[int], int]\n", "typing.callable", "basic-type-hints", NULL, false},
    {"from typing import Any\nx: A‸ny = 1\n", "typing.any", "basic-type-hints", NULL, false},
    {"def f(x: i‸nt) -> None:\n    pass\n", "typing.basic", "basic-type-hints", NULL, false},
    {"from typing import TypeVar\nT = TypeV‸ar('T')\n", "typing.typevar", "advanced-type-hints", NULL, false},
    {"from typing import Generic, TypeVar\nclass St‸ack(Generic[T]):\n    pass\n", "typing.generic", "advanced-type-hints", NULL, false},
    {"from typing import Literal\nm: Lite‸ral['r'] = 'r'\n", "typing.literal", "advanced-type-hints", NULL, false},
    {"from typing import Final\nMAX: Fin‸al = 1\n", "typing.final", "advanced-type-hints", NULL, false},
    {"from typing import TypedDict\nclass Mo‸vie(TypedDict):\n    title: str\n", "typing.typeddict", "advanced-type-hints", NULL, false},
    {"from typing import Protocol\nclass Draw‸able(Protocol):\n    pass\n", "typing.protocol", "advanced-type-hints", NULL, false},
    {"from typing import cast\nx = ca‸st(int, v)\n", "typing.cast", "type-checking-tools", NULL, false},
    {"from typing import overload\n@over‸load\ndef f(x: int) -> int: ...\n", "typing.overload", "type-checking-tools", NULL, false},
    {"x = f()  # type: ig‸nore\n", "typing.ignore", "type-checking-tools", NULL, false},
    {"import time\nt = time.perf_co‸unter()\n", "perf.timing", "profiling-first", NULL, false},
    {"import cProfile\ncProfile.r‸un('f()')\n", "perf.cprofile", "profiling-first", NULL, false},
    {"import numpy as np\na = np.arr‸ay([1])\n", "perf.numpy", "numpy-for-numerical-work", NULL, false},
    {"s = ''.jo‸in(parts)\n", "perf.join", "common-optimizations", NULL, false},
    {"s = ''\nfor p in parts:\n    s ‸+= p\n", "perf.string-concat", "common-optimizations", NULL, false},
    {"t = sum([x f‸or x in xs])\n", "perf.generator-argument", "common-optimizations", NULL, false},
    {"t = su‸m(xs)\n", "perf.builtins", "common-optimizations", NULL, false},
    {"n = in‸t('42')\n", "quickref.conversion", "essential-built-ins", NULL, false},
    {"n = le‸n(xs)\n", "quickref.functions", "essential-built-ins", NULL, false},
    {"f = op‸en('a.txt')\n", "quickref.file-io", "essential-built-ins", NULL, false},
    {"s = 'a'\nt = s.str‸ip()\n", "quickref.string-methods", "essential-built-ins", NULL, false},
    {"import js‸on\n", "quickref.import", "common-imports", NULL, false},
    {"import multiprocessing as m‸p\n", NULL, NULL, NULL, false},
    {"def len(x):\n    pass\nn = le‸n(xs)\n", NULL, NULL, NULL, false},
    {"x.le‸n(3)\n", NULL, NULL, NULL, false},
    {"xs = [1]\ndef f(:\n    pass\nxs.po‸p(0)\n", "list.pop-front", "list-dynamic-array", "Pop from start", false},
    {"xs = [1]\nxs.po‸p(0)\nif (:\n", "list.pop-front", "list-dynamic-array", "Pop from start", false},
    {"from collections import deque\nq = deque()\nq.pop‸left()\nif (:\n", "deque.popleft", "collections-module-highlights", NULL, false},
    {"s = {1}\ndef f():\n    def g():\n        return 1 i‸n s\n", "set.contains", "set-hash-set", "Search (in)", false},
    {"xs = []\ndef f(xs):\n    xs.po‸p(0)\n", "list.pop-front", "list-dynamic-array", "Pop from start", true},
    {"if x i‸s \"a\":\n    pass\n", "gotcha.is-string", "string-interning", NULL, false},
    {"h = ha‸sh(x)\n", "mutability.matrix", "the-mutability-matrix", NULL, false},
    {"def f(m):\n    v = m['‸k']\n", "dict.subscript", "dictionary-hash-map", "Get/Set/Delete", true},
    {"def f(xs):\n    v = xs[‸0]\n", "list.index", "list-dynamic-array", "Index access [i]", true},
};
/* clang-format on */

/* Strips the cursor mark; sets its byte offset. Caller owns the result; free with free(). */
static char *strip_cursor(const char *marked, uint32_t *offset) {
  static const char mark[] = "‸";
  const char *at = strstr(marked, mark);
  size_t n = strlen(marked);
  char *out = malloc(n + 1);
  if (!at) {
    memcpy(out, marked, n + 1);
    *offset = 0;
    return out;
  }
  size_t k = (size_t)(at - marked);
  memcpy(out, marked, k);
  memcpy(out + k, at + strlen(mark), n - k - strlen(mark) + 1);
  *offset = (uint32_t)k;
  return out;
}

int main(void) {
  char *warnings = NULL;
  pymm_engine *engine = default_engine(&warnings);
  OK(engine != NULL);
  if (!engine) return HARNESS_DONE();
  TEST("every topic resolves against the default guide") { STR_EQ(warnings ? warnings : "", ""); }
  free(warnings);
  const pymm_guide *guide = pymm_engine_guide(engine);
  size_t count = sizeof CASES / sizeof CASES[0];
  OK(count >= 150);
  bool *reached = calloc(pymm_guide_entry_count(guide), sizeof *reached);
  pymm_settings settings = pymm_settings_default();
  for (size_t i = 0; i < count; i++) {
    const hover_case *c = &CASES[i];
    TEST(c->source) {
      uint32_t offset;
      char *source = strip_cursor(c->source, &offset);
      pymm_document *doc = pymm_document_new(source, strlen(source));
      pymm_hover *hover = pymm_hover_at(engine, doc, offset);
      if (!c->topic) {
        STR_EQ(hover ? hover->topic->id : "(none)", "(none)");
      } else if (!hover) {
        STR_EQ("(no hover)", c->topic);
      } else {
        STR_EQ(hover->topic->id, c->topic);
        const pymm_guide_entry *section = pymm_guide_entry_at(guide, (size_t)section_of(guide, hover->topic->entry));
        STR_EQ(section ? section->slug : "(none)", c->section);
        if (section) reached[section - pymm_guide_entry_at(guide, 0)] = true;
        const pymm_guide_table *table =
            hover->topic->table >= 0 ? pymm_guide_table_at(guide, (size_t)hover->topic->table) : NULL;
        STR_EQ(table ? pymm_guide_table_cell(table, (uint32_t)hover->topic->row, 0) : "(no row)",
               c->row ? c->row : "(no row)");
        INT_EQ(hover->hedge != NULL, c->hedged);
        /* Both renderings work and mention the row when there is one. */
        char *md = pymm_hover_render(engine, hover, PYMM_MARKUP_MARKDOWN, &settings);
        char *plain = pymm_hover_render(engine, hover, PYMM_MARKUP_PLAINTEXT, &settings);
        if (c->row) {
          pymm_buf bold = {0};
          pymm_buf_printf(&bold, "**%s", c->row);
          OK(strstr(md, "** |") != NULL);
          pymm_buf_free(&bold);
          STR_HAS(plain, "▶ ");
        }
        OK(!strstr(plain, "```"));
        free(md);
        free(plain);
      }
      pymm_hover_free(hover);
      pymm_document_free(doc);
      free(source);
    }
  }
  TEST("computed hovers use the real names") {
    static const struct {
      const char *source, *expected;
    } computed[] = {
        {"@a\n@‸b\ndef f():\n    pass\n", "f = a(b(f))"},
        {"@functools.lru_cache(maxsize=None)\n@t‸race\ndef fib(n):\n    pass\n",
         "fib = functools.lru_cache(maxsize=None)(trace(fib))"},
        {"class A: pass\nclass B(A): pass\nclass C(A): pass\nclass ‸D(B, C): pass\n", "D → B → C → A → object"},
        {"class E(Exception): pass\nclass ‸F(E, KeyError): pass\n",
         "F → E → KeyError → LookupError → Exception → BaseException → object"},
        {"class O(dict): pass\nclass ‸P(O): pass\n", "MRO: `P → O → dict → object`"},
        {"class X(Y): pass\nclass ‸Z(X): pass\n", "bases defined elsewhere"},
        {"class A: pass\nclass B(A): pass\nclass ‸C(A, B): pass\n", "No consistent MRO"},
        {"try:\n    pass\nexcept Key‸Error:\n    pass\n", "BaseException › Exception › LookupError › KeyError"},
        {"raise FileNotFound‸Error()\n", "BaseException › Exception › OSError › FileNotFoundError"},
        {"w‸ith open(p) as f:\n    pass\n", "f = manager.__enter__()"},
        {"w‸ith open(p) as f:\n    pass\n", "manager = open(p)"},
        {"async def g():\n    asy‸nc with lock:\n        pass\n", "await manager.__aenter__()"},
        {"f‸or k, v in d.items():\n    pass\n", "k, v = next(iterator)"},
        {"f‸or x in xs:\n    pass\nelse:\n    pass\n", "without `break`"},
        {"s = f\"{pi:.2‸f}\"\n", "fixed-point with 2 digits after the point"},
        {"s = f\"{n:‸,}\"\n", "',' between thousands"},
        {"s = f\"{x‸=}\"\n", "printed as `x=` followed by its repr"},
        {"s = f\"{name:>1‸0}\"\n", "right-aligned to 10 columns"},
        {"s = f\"{n:08‸d}\"\n", "zero-padded to 8 columns, decimal integer"},
        {"s = f\"{r:.1‸%}\"\n", "percentage"},
    };
    for (size_t i = 0; i < sizeof computed / sizeof computed[0]; i++) {
      uint32_t offset;
      char *source = strip_cursor(computed[i].source, &offset);
      pymm_document *doc = pymm_document_new(source, strlen(source));
      pymm_hover *hover = pymm_hover_at(engine, doc, offset);
      OK(hover != NULL);
      if (hover) {
        char *md = pymm_hover_render(engine, hover, PYMM_MARKUP_MARKDOWN, &settings);
        STR_HAS(md, computed[i].expected);
        free(md);
      }
      pymm_hover_free(hover);
      pymm_document_free(doc);
      free(source);
    }
  }
  TEST("hover.maxTableRows caps the table around the bold row") {
    const char *source = "xs = [1]\nxs.sort()\n";
    pymm_document *doc = pymm_document_new(source, strlen(source));
    pymm_hover *hover = pymm_hover_at(engine, doc, 12);
    OK(hover != NULL);
    if (hover) {
      pymm_settings capped = {.hover_max_table_rows = 2};
      char *md = pymm_hover_render(engine, hover, PYMM_MARKUP_MARKDOWN, &capped);
      STR_HAS(md, "**Sort**");
      OK(!strstr(md, "Index access"));
      free(md);
    }
    pymm_hover_free(hover);
    pymm_document_free(doc);
  }
  TEST("the cases reach every ### section but the table of contents and the learning path") {
    for (size_t i = 0; i < pymm_guide_entry_count(guide); i++) {
      const pymm_guide_entry *e = pymm_guide_entry_at(guide, i);
      if (section_excluded(guide, e)) continue;
      if (!reached[i]) STR_EQ(e->slug, "(reached by a case)");
    }
  }
  free(reached);
  pymm_engine_free(engine);
  return HARNESS_DONE();
}
