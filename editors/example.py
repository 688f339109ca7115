from collections import deque

lst = [3, 1, 2]
lst.pop(0)              # hover on pop: the List table, "Pop from start" in bold

q = deque(lst)
q.popleft()             # the way out: O(1) at both ends
q.popleft()
if 3 in lst:            # hover on in: a list is searched item by item
    print("found")

with open(__file__) as f:   # hover on with: the context manager protocol
    first = f.readline()

def trace(func):
    return func

@trace                  # hover on the decorator: f = trace(f)
def f(items=None):
    return items is None


# ---- gotchas: `pymm check editors/example.py` reports each one with its guide section ----
import time
import os


def add_item(item, items=[]):           # PMM101 mutable default argument
    items.append(item)
    return items


def compare(n, name):
    return n is 257 or name is "hello"  # PMM103 identity with a literal


a = b = []                              # PMM104 chained assignment of a mutable
grid = [[]] * 3                         # PMM107 one list repeated


def load(path):
    try:
        return os.stat(path)
    except:                             # PMM108 bare except
        return None


def parse(text):
    try:
        return int(text)
    except ValueError:
        raise RuntimeError(text)        # PMM109 raise without from


def cleanup(path):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass                            # PMM110 error swallowed


def drain(tasks):
    while tasks:
        tasks.pop(0)                    # PMM114 pop(0) in a loop


def show(names):
    for i in range(len(names)):         # PMM115 range(len(...))
        print(i, names[i])


def kind(x):
    if type(x) == list:                 # PMM116 type(x) == T
        return "list"
    if len(x) == 0:                     # PMM117 len(x) == 0
        return "empty"
    return sum([v * v for v in x])      # PMM118 list into sum()


def logged(func):
    def wrapper(*args, **kwargs):       # PMM119 the wrapper hides func's name
        return func(*args, **kwargs)
    return wrapper


def head(path):
    fh = open(path)                     # PMM120 open() outside with
    line = fh.readline()
    fh.close()
    return line


async def poll():
    time.sleep(1)                       # PMM121 time.sleep in async def


counts = {}
if "a" in counts.keys():                # PMM125 k in d.keys()
    pass


# ---- the rest of the gotchas ----
from dataclasses import dataclass


def callbacks():
    funcs = []
    for i in range(3):
        funcs.append(lambda: i)         # PMM102 late-binding closure
    return funcs


def prune(items: list):
    for item in items:                  # PMM105 list mutated while iterating
        if item < 0:
            items.remove(item)


class Basket:
    fruits = []                         # PMM106 one list shared by every Basket

    def __init__(self, owner):
        self.owner = owner

    def add(self, fruit):
        self.fruits.append(fruit)


def lookup(table: dict, key):
    if key in table:                    # PMM111 use table.get(key, 0)
        value = table[key]
    else:
        value = 0
    return value


def render(words):
    text = ""
    for w in words:
        text += w                       # PMM112 str += in a loop


def common(xs, ys):
    wanted = list(ys)
    for x in xs:
        if x in wanted:                 # PMM113 list membership in a loop
            print(x)


async def fetch():
    return 1


async def main():
    fetch()                             # PMM122 coroutine never awaited


class Point:
    def __eq__(self, other):            # PMM123 __eq__ alone: instances unhashable
        return self.x == other.x


@dataclass
class Order:
    lines: list = []                    # PMM124 mutable dataclass default


def squares(xs):
    out = []
    for x in xs:                        # PMM126 a loop that only appends
        out.append(x * x)
    return out
