# Exit without shutdown ends with code 1; so does the end of input.
>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
<< {"id":1,"result":{}}
>> {"jsonrpc":"2.0","method":"exit"}
<<exit 1
