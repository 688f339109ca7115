# Settings from initializationOptions and didChangeConfiguration; a bad guidePath keeps the old guide.
>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"textDocument":{"hover":{"contentFormat":["markdown"]}}},
     "initializationOptions":{"hover":{"maxTableRows":2}}}}
<< {"id":1,"result":{}}
>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/s.py","languageId":"python","version":1,
     "text":"xs = []\nxs.sort()\n"}}}
# Two rows around "Sort" (the last row): "Slice [i:j]" and "Sort"; "Append" is cut.
>> {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/s.py"},"position":{"line":1,"character":4}}}
<< {"id":2,"result":{"contents":{"value":"~| Slice [i:j] | O(j-i) |\n| **Sort** | **O(n log n)** |"}}}
>> {"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{"pymm":{"hover.maxTableRows":0}}}}
>> {"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/s.py"},"position":{"line":1,"character":4}}}
<< {"id":3,"result":{"contents":{"value":"~| Append | O(1) amort |"}}}
>> {"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{"pymm":{"guidePath":"/nonexistent/guide.md"}}}}
<< {"method":"window/showMessage","params":{"type":1,"message":"~/nonexistent/guide.md"}}
>> {"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/s.py"},"position":{"line":1,"character":4}}}
<< {"id":4,"result":{"contents":{"value":"~**Sort**"}}}
>> {"jsonrpc":"2.0","id":5,"method":"shutdown"}
<< {"id":5,"result":null}
>> {"jsonrpc":"2.0","method":"exit"}
<<exit 0
