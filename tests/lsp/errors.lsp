# Bad input gets the right JSON-RPC error, and the server keeps serving.
# A request before initialize: -32002.
>> {"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/a.py"},"position":{"line":0,"character":0}}}
<< {"id":1,"error":{"code":-32002}}
# Not JSON: -32700 with a null id.
>>raw Content-Length: 9\r\n\r\n{"jsonrpc
<< {"id":null,"error":{"code":-32700}}
>> {"jsonrpc":"2.0","id":2,"method":"initialize","params":{"capabilities":{"textDocument":{"hover":{"contentFormat":["markdown"]}}}}}
<< {"id":2,"result":{"capabilities":{"hoverProvider":true}}}
>> {"jsonrpc":"2.0","method":"initialized","params":{}}
# initialize twice: -32600.
>> {"jsonrpc":"2.0","id":3,"method":"initialize","params":{"capabilities":{}}}
<< {"id":3,"error":{"code":-32600}}
# An unknown method: -32601. An unknown notification: ignored, no answer.
>> {"jsonrpc":"2.0","id":4,"method":"textDocument/teleport","params":{}}
<< {"id":4,"error":{"code":-32601,"message":"~textDocument/teleport"}}
>> {"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"off"}}
# Bad params: -32602.
>> {"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":42},"position":{"line":0,"character":0}}}
<< {"id":5,"error":{"code":-32602}}
>> {"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/a.py"},"position":{"line":-1,"character":0}}}
<< {"id":6,"error":{"code":-32602}}
>> {"jsonrpc":"2.0","id":7,"method":"workspace/executeCommand","params":{"command":"pymm.teleport"}}
<< {"id":7,"error":{"code":-32602,"message":"~pymm.teleport"}}
>> {"jsonrpc":"2.0","id":8,"method":"workspace/executeCommand","params":{"command":"pymm.lookup","arguments":[42]}}
<< {"id":8,"error":{"code":-32602}}
# Not a request object at all: -32600.
>> [1, 2, 3]
<< {"id":null,"error":{"code":-32600}}
>> {"jsonrpc":"1.0","id":9,"method":"shutdown"}
<< {"id":9,"error":{"code":-32600}}
>> {"jsonrpc":"2.0","id":true,"method":"shutdown"}
<< {"id":null,"error":{"code":-32600}}
# A document, then a hover past its last line: -32602; past the end of a line: the end of that line.
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/a.py","languageId":"python","version":1,
     "text":"xs = [1]\nxs.pop(0)\n"}}}
>> {"jsonrpc":"2.0","id":10,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/a.py"},"position":{"line":99,"character":0}}}
<< {"id":10,"error":{"code":-32602,"message":"~past the end"}}
>> {"jsonrpc":"2.0","id":11,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/a.py"},"position":{"line":1,"character":999}}}
<< {"id":11,"result":null}
# A hover on a document that is not open: an empty result.
>> {"jsonrpc":"2.0","id":12,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/nope.py"},"position":{"line":0,"character":0}}}
<< {"id":12,"result":null}
# Malformed headers: no Content-Length, a non-numeric one, a negative one. Each is -32700; the next message is read.
>>raw Content-Type: application/json\r\n\r\n
<< {"id":null,"error":{"code":-32700,"message":"~without Content-Length"}}
>>raw Content-Length: abc\r\n\r\n
<< {"id":null,"error":{"code":-32700}}
>>raw Content-Length: -5\r\n\r\n
<< {"id":null,"error":{"code":-32700}}
# Header lines ended by a bare \n are accepted.
>>raw Content-Length: 45\n\n{"jsonrpc":"2.0","id":13,"method":"shutdown"}
<< {"id":13,"result":null}
>> {"jsonrpc":"2.0","method":"exit"}
<<exit 0
