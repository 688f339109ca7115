# The client closes stdin mid-message: the server stops cleanly with code 1.
>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
<< {"id":1,"result":{}}
>>raw Content-Length: 100\r\n\r\n{"jsonrpc":"2.0",
>>close
<<exit 1
