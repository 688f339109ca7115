# A client that supports workspace/configuration is asked for the "pymm" section; its answer applies.
>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"workspace":{"configuration":true},
     "textDocument":{"hover":{"contentFormat":["markdown"]}}}}}
<< {"id":1,"result":{}}
>> {"jsonrpc":"2.0","method":"initialized","params":{}}
<< {"id":1,"method":"workspace/configuration","params":{"items":[{"section":"pymm"}]}}
>> {"jsonrpc":"2.0","id":1,"result":[{"hover":{"maxTableRows":1}}]}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/s.py","languageId":"python","version":1,
     "text":"xs = []\nxs.sort()\n"}}}
>> {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/s.py"},"position":{"line":1,"character":4}}}
<< {"id":2,"result":{"contents":{"value":"~|---|---|\n| **Sort** | **O(n log n)** |\n\n"}}}
>> {"jsonrpc":"2.0","id":3,"method":"shutdown"}
<< {"id":3,"result":null}
>> {"jsonrpc":"2.0","method":"exit"}
<<exit 0
