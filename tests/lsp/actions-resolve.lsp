# A client that can resolve actions gets "Fix all" without its edit (which costs a round of fixes over the
# whole file) and asks for the edit when the user picks it; a stale one is refused with -32801.
>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"textDocument":{"codeAction":{
     "resolveSupport":{"properties":["edit"]},"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","source"]}}}}}}}
<< {"id":1,"result":{"capabilities":{"codeActionProvider":{"resolveProvider":true}}}}
>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/r.py","languageId":"python","version":1,
     "text":"def f(x=[]):\n    return x\n\ntry:\n    f()\nexcept:\n    raise\n"}}}
<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/r.py","diagnostics":[{"code":"PMM101"},{"code":"PMM108"}]}}
>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/r.py"},
     "range":{"start":{"line":1,"character":0},"end":{"line":1,"character":0}},"context":{"diagnostics":[]}}}
<< {"id":2,"result":[{"title":"Fix all pymm issues","kind":"source.fixAll.pymm","edit":{"$absent":true},
     "data":{"fixAll":"file:///w/r.py","version":1}}]}
>> {"jsonrpc":"2.0","id":3,"method":"codeAction/resolve","params":{"title":"Fix all pymm issues","kind":"source.fixAll.pymm",
     "data":{"fixAll":"file:///w/r.py","version":1}}}
<< {"id":3,"result":{"title":"Fix all pymm issues","edit":{"changes":{"file:///w/r.py":[{"newText":"~except Exception"}]}}}}
# Asked for by kind (fix on save), the edit comes at once.
>> {"jsonrpc":"2.0","id":4,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/r.py"},
     "range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[],"only":["source.fixAll"]}}}
<< {"id":4,"result":[{"kind":"source.fixAll.pymm","edit":{"changes":{"file:///w/r.py":[{"newText":"~if x is None:"}]}}}]}
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/r.py","version":2},
     "contentChanges":[{"range":{"start":{"line":1,"character":11},"end":{"line":1,"character":11}},"text":" "}]}}
>> {"jsonrpc":"2.0","id":5,"method":"codeAction/resolve","params":{"title":"Fix all pymm issues","kind":"source.fixAll.pymm",
     "data":{"fixAll":"file:///w/r.py","version":1}}}
<< {"id":5,"error":{"code":-32801}}
>> {"jsonrpc":"2.0","id":6,"method":"shutdown"}
<< {"id":6,"result":null}
>> {"jsonrpc":"2.0","method":"exit"}
<<exit 0
