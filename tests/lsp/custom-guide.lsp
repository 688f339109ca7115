# A user's own guide (guidePath): topics whose sections it lacks are reported in one warning and skipped;
# the others work against the new guide, and lookup searches it.
>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"textDocument":{"hover":{"contentFormat":["markdown"]}}},
     "initializationOptions":{"pymm":{"guidePath":"${ROOT}/tests/lsp/guides/small.md"}}}}
<< {"id":1,"result":{"capabilities":{"hoverProvider":true}}}
>> {"jsonrpc":"2.0","method":"initialized","params":{}}
<< {"method":"window/logMessage","params":{"type":2,"message":"~the guide lacks what some topics need"}}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/g.py","languageId":"python","version":1,
     "text":"from collections import deque\nxs = [1]\nxs.pop(0)\nq = deque()\nq.popleft()\n"}}}
>> {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/g.py"},"position":{"line":2,"character":4}}}
<< {"id":2,"result":{"contents":{"value":"~| **Pop from start** | **O(n)** |"}}}
>> {"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/g.py"},"position":{"line":2,"character":4}}}
<< {"id":3,"result":{"contents":{"value":"~guides/small.md#L5)"}}}
# The small guide has no deque section: no hover rather than a wrong one.
>> {"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/g.py"},"position":{"line":4,"character":4}}}
<< {"id":4,"result":null}
>> {"jsonrpc":"2.0","id":5,"method":"workspace/executeCommand","params":{"command":"pymm.lookup","arguments":["pop from start"]}}
<< {"id":5,"result":[{"section":"List (Dynamic Array)","markdown":"~Pop from start"}]}
>> {"jsonrpc":"2.0","id":6,"method":"shutdown"}
<< {"id":6,"result":null}
>> {"jsonrpc":"2.0","method":"exit"}
<<exit 0
