#!/usr/bin/env python3
"""Writes deterministic Python inputs for the benchmarks: files of about 1k, 10k and 100k lines made of the
guide's constructs (containers and their methods, decorators, classes, generators, context managers,
exceptions, async, typing, f-strings) and of the gotchas pymm's rules point out (mutable defaults, late-binding
closures, `is` with literals, bare except, `str +=` in a loop, `lst.pop(0)` in a loop ...), plus one file with a
single 1 MB line, for quadratic paths.

usage: gen_inputs.py OUT_DIR [--sizes 1000,10000,100000]

Same output for the same arguments on every machine: no randomness, no clock. Every file parses cleanly.
"""
import os
import sys

HEADER = '''"""Benchmark input for pymm: the guide's constructs and gotchas, repeated with fresh names."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import threading
import time
from abc import ABC, abstractmethod
from collections import ChainMap, Counter, OrderedDict, defaultdict, deque, namedtuple
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from typing import Any, Callable, Final, Generic, Literal, Optional, Protocol, TypeVar, Union

T = TypeVar("T")
Point = namedtuple("Point", "x y")
'''

# One block of about 100 lines; {n} makes every name unique, {k} varies literals.
BLOCK = '''

# ---- block {n} ----------------------------------------------------------------
def collect_{n}(items=[], seen={{}}):
    """Mutable defaults (PMM101)."""
    items.append({k})
    seen[{k}] = True
    return items


def callbacks_{n}(count: int) -> list[Callable[[], int]]:
    fns = []
    for i in range(count):
        fns.append(lambda: i * {k})
    return fns


def compare_{n}(x: int, name: str) -> bool:
    if x is {k}:
        return True
    if name is not "item{n}":
        return False
    return type(x) == int


def grid_{n}(rows: int, cols: int) -> list:
    a = b = []
    board = [[0] * cols] * rows
    a.append(board)
    return [row[:] for row in board] + b


def drain_{n}(queue_items: list[int]) -> int:
    total = 0
    while queue_items:
        total += queue_items.pop(0)
    for value in queue_items:
        if value in queue_items:
            queue_items.remove(value)
    return total


def words_{n}(parts: list[str]) -> str:
    text = ""
    for part in parts:
        text += part
    for i in range(len(parts)):
        print(i, parts[i])
    if len(parts) > 0:
        text = f"{{text!r:>{{len(parts)}}}} {{len(parts):,}} {{{k}.5:.2f}} {{text=}}"
    return text


def lookup_{n}(d: dict[str, int], key: str) -> int:
    if key in d.keys():
        value = d[key]
    else:
        value = {k}
    try:
        return d[key] + value
    except KeyError:
        pass
    except:
        raise ValueError("bad key {n}")
    return sum([v for v in d.values()]) + max([value, {k}])


def trace_{n}(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


@trace_{n}
@lru_cache(maxsize=None)
def fib_{n}(m: int) -> int:
    return m if m < 2 else fib_{n}(m - 1) + fib_{n}(m - 2)


class Base_{n}(ABC):
    registry = []

    def __init__(self, size: int = {k}) -> None:
        self.size = size
        self.registry.append(size)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Base_{n}) and other.size == self.size

    @abstractmethod
    def area(self) -> float: ...

    @property
    def double(self) -> int:
        return self.size * 2


class Left_{n}(Base_{n}):
    def area(self) -> float:
        return super().area() or 1.0


class Right_{n}(Base_{n}):
    __slots__ = ("size",)


class Diamond_{n}(Left_{n}, Right_{n}):
    @classmethod
    def make(cls) -> "Diamond_{n}":
        return cls({k})

    @staticmethod
    def unit() -> int:
        return 1


@dataclass(frozen=True, order=True)
class Record_{n}:
    name: str
    tags: list = field(default_factory=list)
    score: float = {k}.0


def containers_{n}(xs: list[int]) -> Any:
    dq = deque(xs, maxlen={k} + 10)
    dq.appendleft(0)
    dq.rotate(1)
    counts = Counter(xs)
    groups = defaultdict(list)
    groups["k{n}"].append(counts.most_common(1))
    ordered = OrderedDict(a=1)
    chain = ChainMap({{}}, ordered)
    s = {{1, 2, {k}}} | {{3}}
    inter = s & {{2}} ^ {{5}} - {{6}}
    frozen = frozenset(s)
    xs.insert(0, dq.popleft())
    xs.sort(key=lambda v: -v)
    first, *rest = xs
    first, rest = rest, first
    pairs = dict(zip(xs, itertools.zip_longest(xs, rest)))
    gen = (v * v for v in xs if v % 2)
    return any(x > {k} for x in xs), all(xs), pairs.get("a", {k}), chain, inter, frozen, list(gen)


def numbers_{n}(limit: int = {k}):
    for index, value in enumerate(range(limit)):
        yield index + value
    yield from range(limit)


@contextlib.contextmanager
def opened_{n}(path: str):
    f = open(path)
    try:
        yield f
    finally:
        f.close()


async def fetch_{n}(delay: float) -> int:
    time.sleep(delay)
    await asyncio.sleep(delay)
    async with asyncio.Lock():
        return {k}


def threads_{n}(xs: list[int]) -> list[int]:
    lock = threading.Lock()
    with lock, ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(abs, xs))
'''

SIZES = (1000, 10000, 100000)


def block_lines():
    return BLOCK.format(n=0, k=0).count("\n")


def write_file(path, lines):
    header_lines = HEADER.count("\n")
    blocks = max(1, -(-(lines - header_lines) // block_lines()))  # round up
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        for n in range(blocks):
            out.write(BLOCK.format(n=n, k=n % 97 + 1))


def write_long_line(path, size=1 << 20):
    """One statement on one line of about 1 MB: a list literal of dicts, then a normal tail."""
    parts = []
    length = 0
    n = 0
    while length < size:
        item = '{"k%d": [%d, %d.5, "s%d"]}' % (n, n, n, n)
        parts.append(item)
        length += len(item) + 2
        n += 1
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("import collections\n")
        out.write("DATA = [" + ", ".join(parts) + "]\n")
        out.write("def f(x=[]):\n    return DATA.pop(0) if x is 1 else x\n")


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir = argv[1]
    sizes = SIZES
    if len(argv) > 3 and argv[2] == "--sizes":
        sizes = tuple(int(s) for s in argv[3].split(","))
    os.makedirs(out_dir, exist_ok=True)
    for lines in sizes:
        name = "gen_%dk.py" % (lines // 1000) if lines >= 1000 else "gen_%d.py" % lines
        write_file(os.path.join(out_dir, name), lines)
    write_long_line(os.path.join(out_dir, "long_line.py"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
