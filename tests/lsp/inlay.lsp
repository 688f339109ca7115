# Complexity inlay hints: off by default; on with inlayHints.complexity, after each operation whose row is not
# O(1) and whose receiver is known, "per iteration" inside a loop; none for a hedged guess or an O(1) row.
>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"workspace":{"inlayHint":{"refreshSupport":true}}}}}
<< {"id":1,"result":{"capabilities":{"inlayHintProvider":true}}}
>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/i.py","languageId":"python","version":1,
     "text":"xs = [1, 2, 3]\nxs.pop(0)\nfor x in range(10):\n    if x in xs:\n        xs.insert(0, x)\nd = {}\n1 in d\nys.pop(0)\nsorted(xs)\n"}}}
>> {"jsonrpc":"2.0","id":2,"method":"textDocument/inlayHint","params":{"textDocument":{"uri":"file:///w/i.py"},
     "range":{"start":{"line":0,"character":0},"end":{"line":9,"character":0}}}}
<< {"id":2,"result":[]}
>> {"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{"pymm":{"inlayHints":{"complexity":true}}}}}
<< {"method":"workspace/inlayHint/refresh","params":{"$absent":true}}
>> {"jsonrpc":"2.0","id":1,"result":null}
>> {"jsonrpc":"2.0","id":3,"method":"textDocument/inlayHint","params":{"textDocument":{"uri":"file:///w/i.py"},
     "range":{"start":{"line":0,"character":0},"end":{"line":9,"character":0}}}}
<< {"id":3,"result":[{"position":{"line":1,"character":9},"label":"O(n)","paddingLeft":true,"tooltip":"Pop from start · O(n) — List (Dynamic Array)"},
     {"position":{"line":3,"character":14},"label":"O(n) per iteration"},
     {"position":{"line":4,"character":23},"label":"O(n) per iteration"},
     {"position":{"line":8,"character":10},"label":"O(n log n)"}]}
# Only the range asked for is computed.
>> {"jsonrpc":"2.0","id":4,"method":"textDocument/inlayHint","params":{"textDocument":{"uri":"file:///w/i.py"},
     "range":{"start":{"line":8,"character":0},"end":{"line":9,"character":0}}}}
<< {"id":4,"result":[{"position":{"line":8,"character":10},"label":"O(n log n)"}]}
>> {"jsonrpc":"2.0","id":5,"method":"shutdown"}
<< {"id":5,"result":null}
>> {"jsonrpc":"2.0","method":"exit"}
<<exit 0
