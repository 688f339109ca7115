# A request cancelled before it runs is answered with -32800; a burst of edits is applied in order.
>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
<< {"id":1,"result":{}}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/c.py","languageId":"python","version":1,
     "text":"xs = [1]\nxs.pop(0)\n"}}}
>>batch
>> {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/c.py"},"position":{"line":1,"character":3}}}
>> {"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":2}}
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/c.py","version":2},
     "contentChanges":[{"range":{"start":{"line":1,"character":7},"end":{"line":1,"character":8}},"text":""}]}}
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/c.py","version":3},
     "contentChanges":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"text":"\n"},
                       {"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"text":"import os"}]}}
>> {"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/c.py"},"position":{"line":2,"character":3}}}
>>end
<< {"id":2,"error":{"code":-32800}}
<< {"id":3,"result":{"contents":{"value":"~Pop from end"},"range":{"start":{"line":2,"character":3}}}}
# Cancelling a request that already ran changes nothing.
>> {"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":3}}
>> {"jsonrpc":"2.0","id":"s","method":"shutdown"}
<< {"id":"s","result":null}
>> {"jsonrpc":"2.0","method":"exit"}
<<exit 0
