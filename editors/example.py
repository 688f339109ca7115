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
