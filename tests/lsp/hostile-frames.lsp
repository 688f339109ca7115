# Hostile framing and JSON-RPC: each gets the right error (or a logged warning for a notification) and the server
# keeps serving. (Inputs too big for a transcript are in tests/stress/test_hostile.py.)
# Before initialize: a request is -32002; a notification is ignored, and the document it names is not opened.
>> {"jsonrpc":"2.0","id":"early","method":"workspace/symbol","params":{"query":"deque"}}
<< {"id":"early","error":{"code":-32002}}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/early.py","languageId":"python","version":1,"text":"xs = [1]\nxs.pop(0)\n"}}}
>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
<< {"id":1,"result":{"capabilities":{}}}
>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>> {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/early.py"},"position":{"line":1,"character":3}}}
<< {"id":2,"result":null}
# A document to keep alive through everything below.
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/keep.py","languageId":"python","version":1,"text":"xs = [1]\nxs.pop(0)\n"}}}
# Content-Length missing, negative, non-numeric, with a sign, with trailing junk, overflowing: -32700, id null.
>>raw Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n
<< {"id":null,"error":{"code":-32700,"message":"~without Content-Length"}}
>>raw Content-Length: -1\r\n\r\n
<< {"id":null,"error":{"code":-32700}}
>>raw Content-Length: twelve\r\n\r\n
<< {"id":null,"error":{"code":-32700}}
>>raw Content-Length: +5\r\n\r\n
<< {"id":null,"error":{"code":-32700}}
>>raw Content-Length: 5x\r\n\r\n
<< {"id":null,"error":{"code":-32700}}
>>raw Content-Length: 99999999999999999999999\r\n\r\n
<< {"id":null,"error":{"code":-32700}}
# Header lines ended by a bare \n, blank lines between messages, another header beside Content-Length.
>>raw \r\n\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\nContent-Length: 74\n\n{"jsonrpc":"2.0","id":3,"method":"workspace/symbol","params":{"query":""}}
<< {"id":3,"result":[{"name":"~"}]}
# A header that is not "Name: value" at all, then a good message: the bad block is refused, the next is read.
>>raw garbage without a colon\r\n\r\n
<< {"id":null,"error":{"code":-32700}}
# Bodies that are not JSON, an empty body, JSON that is not an object.
>>raw Content-Length: 0\r\n\r\n
<< {"id":null,"error":{"code":-32700}}
>>raw Content-Length: 4\r\n\r\n{{{{
<< {"id":null,"error":{"code":-32700}}
>> "just a string"
<< {"id":null,"error":{"code":-32600}}
>> null
<< {"id":null,"error":{"code":-32600}}
# Invalid UTF-8 inside strings: the request is answered, and what pymm sends back is valid UTF-8 (U+FFFD).
>>raw Content-Length: 46\r\n\r\n{"jsonrpc":"2.0","id":4,"method":"bad\xff\xfe\xc3name"}
<< {"id":4,"error":{"code":-32601,"message":"~bad\ufffd\ufffd\ufffdname"}}
>>raw Content-Length: 76\r\n\r\n{"jsonrpc":"2.0","id":5,"method":"workspace/symbol","params":{"query":"\xc3("}}
<< {"id":5,"result":[]}
# A lone surrogate escape (JavaScript strings can hold one) is read as U+FFFD, not refused.
>>raw Content-Length: 51\r\n\r\n{"jsonrpc":"2.0","id":"\ud800","method":"teleport"}
<< {"id":"\ufffd","error":{"code":-32601}}
# Ids: duplicated ids are each answered; an id that is an object, a float, null.
>> {"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/keep.py"},"position":{"line":1,"character":3}}}
<< {"id":6,"result":{"contents":{"value":"~Pop from start"}}}
>> {"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/keep.py"},"position":{"line":1,"character":3}}}
<< {"id":6,"result":{"contents":{"value":"~Pop from start"}}}
>> {"jsonrpc":"2.0","id":{"x":1},"method":"shutdown"}
<< {"id":null,"error":{"code":-32600}}
>> {"jsonrpc":"2.0","id":null,"method":"shutdown"}
<< {"id":null,"error":{"code":-32600}}
>> {"jsonrpc":"2.0","id":7.5,"method":"textDocument/teleport"}
<< {"id":7.5,"error":{"code":-32601}}
# A notification sent with an id: -32600, and it is not run (the document stays open).
>> {"jsonrpc":"2.0","id":8,"method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///w/keep.py"}}}
<< {"id":8,"error":{"code":-32600}}
# A request sent without an id is a notification: never answered, logged.
>> {"jsonrpc":"2.0","method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/keep.py"},"position":{"line":1,"character":3}}}
# params that are not an object, fields of the wrong type, numbers out of range: -32602 / -32600.
>> {"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":"nope"}
<< {"id":9,"error":{"code":-32600}}
>> {"jsonrpc":"2.0","id":10,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/keep.py"},"position":{"line":1e300,"character":0}}}
<< {"id":10,"error":{"code":-32602}}
>> {"jsonrpc":"2.0","id":11,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/keep.py"},"position":{"line":0.5,"character":0}}}
<< {"id":11,"error":{"code":-32602}}
>> {"jsonrpc":"2.0","id":12,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/keep.py"},"position":{"line":1,"character":"3"}}}
<< {"id":12,"error":{"code":-32602}}
# A response to nothing pymm asked: logged and ignored.
>> {"jsonrpc":"2.0","id":424242,"result":{"whatever":true}}
# A request cut short at the end of the input after everything above: the document was kept all along.
>> {"jsonrpc":"2.0","id":13,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/keep.py"},"position":{"line":1,"character":3}}}
<< {"id":13,"result":{"contents":{"value":"~Pop from start"}}}
# After shutdown: requests are -32600, notifications ignored, exit ends with 0.
>> {"jsonrpc":"2.0","id":14,"method":"shutdown"}
<< {"id":14,"result":null}
>> {"jsonrpc":"2.0","id":15,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/keep.py"},"position":{"line":1,"character":3}}}
<< {"id":15,"error":{"code":-32600}}
>> {"jsonrpc":"2.0","id":16,"method":"shutdown"}
<< {"id":16,"error":{"code":-32600}}
>> {"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///w/keep.py"}}}
>> {"jsonrpc":"2.0","method":"exit"}
<<exit 0
