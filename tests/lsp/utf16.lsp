# The default encoding is UTF-16: "😀" is two code units, "é" one.
>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
<< {"id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/u.py","languageId":"python",
     "version":1,"text":"é = [1]; d = {'😀': é}; é.pop(0)\n"}}}
>> {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/u.py"},
     "position":{"line":0,"character":28}}}
<< {"id":2,"result":{"contents":{"kind":"plaintext","value":"~▶ Pop from start"},
     "range":{"start":{"line":0,"character":26},"end":{"line":0,"character":29}}}}
# Insert "😀 " inside the dict key (UTF-16 column 15): pop moves 3 units right.
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/u.py","version":2},
     "contentChanges":[{"range":{"start":{"line":0,"character":15},"end":{"line":0,"character":15}},"text":"😀 "}]}}
>> {"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/u.py"},
     "position":{"line":0,"character":30}}}
<< {"id":3,"result":{"range":{"start":{"line":0,"character":29},"end":{"line":0,"character":32}}}}
>> {"jsonrpc":"2.0","id":4,"method":"shutdown"}
<< {"id":4,"result":null}
>> {"jsonrpc":"2.0","method":"exit"}
<<exit 0
