# Positions count in the negotiated encoding. UTF-8 when the client offers it: "é" and "😀" before the cursor
# take 2 and 4 bytes.
>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"general":{"positionEncodings":["utf-16","utf-8"]},
     "textDocument":{"hover":{"contentFormat":["plaintext"]}}}}}
<< {"id":1,"result":{"capabilities":{"positionEncoding":"utf-8"}}}
>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/u.py","languageId":"python",
     "version":1,"text":"é = [1]; d = {'😀': é}; é.pop(0)\n"}}}
# "é = [1]; d = {'😀': é}; é." is 25 code points, 26 UTF-16 units, 31 bytes: pop starts at byte 31.
>> {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/u.py"},
     "position":{"line":0,"character":32}}}
<< {"id":2,"result":{"contents":{"kind":"plaintext","value":"~▶ Pop from start"},
     "range":{"start":{"line":0,"character":31},"end":{"line":0,"character":34}}}}
# An edit in UTF-8 columns: replace "pop(0)" (bytes 31..37) with "pop()".
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/u.py","version":2},
     "contentChanges":[{"range":{"start":{"line":0,"character":35},"end":{"line":0,"character":36}},"text":""}]}}
>> {"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/u.py"},
     "position":{"line":0,"character":32}}}
<< {"id":3,"result":{"contents":{"value":"~▶ Pop from end"}}}
>> {"jsonrpc":"2.0","id":4,"method":"shutdown"}
<< {"id":4,"result":null}
>> {"jsonrpc":"2.0","method":"exit"}
<<exit 0
