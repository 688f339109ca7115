# The whole life of a session: initialize -> open -> hover -> incremental change -> hover at the moved
# position -> lookup -> symbols -> shutdown -> exit (code 0).
>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,
     "capabilities":{"textDocument":{"hover":{"contentFormat":["markdown","plaintext"]}}}}}
<< {"id":1,"result":{"capabilities":{"positionEncoding":"utf-16","hoverProvider":true,
     "textDocumentSync":{"openClose":true,"change":2},"workspaceSymbolProvider":true,
     "executeCommandProvider":{"commands":["pymm.lookup","pymm.topics"]}},"serverInfo":{"name":"pymm"}}}
>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/a.py",
     "languageId":"python","version":1,
     "text":"from collections import deque\n\nlst = [3, 1, 2]\nlst.pop(0)\nq = deque()\nq.popleft()\n"}}}
# Hover on "pop" of lst.pop(0): the List table with the row in bold, and a link to the guide's line.
>> {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/a.py"},
     "position":{"line":3,"character":5}}}
<< {"id":2,"result":{"contents":{"kind":"markdown","value":"~| **Pop from start** | **O(n)** |"},
     "range":{"start":{"line":3,"character":4},"end":{"line":3,"character":7}}}}
# The same hover names the construct and links to the guide file at the List section.
>> {"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/a.py"},
     "position":{"line":3,"character":5}}}
<< {"id":3,"result":{"contents":{"value":"~**`lst.pop(0)`** · Pop from start · **O(n)**"}}}
>> {"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/a.py"},
     "position":{"line":3,"character":5}}}
<< {"id":4,"result":{"contents":{"value":"~python-mental-models-0.1.0.md#L275)"}}}
# Insert a line at the top: the same code is now one line lower.
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/a.py","version":2},
     "contentChanges":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"text":"# queue\n"}]}}
>> {"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/a.py"},
     "position":{"line":3,"character":5}}}
<< {"id":5,"result":null}
>> {"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/a.py"},
     "position":{"line":4,"character":5}}}
<< {"id":6,"result":{"contents":{"value":"~**Pop from start**"},"range":{"start":{"line":4,"character":4}}}}
# Replace pop(0) by pop(): now the row is "Pop from end".
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/a.py","version":3},
     "contentChanges":[{"range":{"start":{"line":4,"character":8},"end":{"line":4,"character":9}},"text":""}]}}
>> {"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/a.py"},
     "position":{"line":4,"character":5}}}
<< {"id":7,"result":{"contents":{"value":"~| **Pop from end** | **O(1)** |"}}}
# deque.popleft: the DEQUE fragment of the guide.
>> {"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/a.py"},
     "position":{"line":6,"character":4}}}
<< {"id":8,"result":{"contents":{"value":"~dq.popleft()                  # O(1)"}}}
# Lookup from the editor.
>> {"jsonrpc":"2.0","id":9,"method":"workspace/executeCommand","params":{"command":"pymm.lookup","arguments":["deque"]}}
<< {"id":9,"result":[{"title":"~DEQUE","section":"Collections Module Highlights","markdown":"~dq.appendleft(0)"}]}
>> {"jsonrpc":"2.0","id":10,"method":"workspace/executeCommand","params":{"command":"pymm.topics"}}
<< {"id":10,"result":[{"title":"PYTHON - MENTAL MODELS","level":1},{"title":"TABLE OF CONTENTS","level":2}]}
>> {"jsonrpc":"2.0","id":11,"method":"workspace/symbol","params":{"query":"late binding"}}
<< {"id":11,"result":[{"name":"Late Binding Closures","containerName":"15. COMMON GOTCHAS"}]}
>> {"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///w/a.py"}}}
# A closed document gets an empty result, not an error.
>> {"jsonrpc":"2.0","id":12,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/a.py"},
     "position":{"line":4,"character":5}}}
<< {"id":12,"result":null}
>> {"jsonrpc":"2.0","id":13,"method":"shutdown"}
<< {"id":13,"result":null}
# After shutdown only exit is accepted.
>> {"jsonrpc":"2.0","id":14,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/a.py"},
     "position":{"line":0,"character":0}}}
<< {"id":14,"error":{"code":-32600}}
>> {"jsonrpc":"2.0","method":"exit"}
<<exit 0
<<none window/showMessage
