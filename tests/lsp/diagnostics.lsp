# Gotcha diagnostics: pushed once per batch for changed documents, pulled with textDocument/diagnostic,
# narrowed by the select/ignore settings, silenced by # noqa (also with the ruff code).
>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
<< {"id":1,"result":{"capabilities":{"diagnosticProvider":{"interFileDependencies":false},"codeActionProvider":{"codeActionKinds":["quickfix","source.fixAll.pymm"]}}}}
>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/d.py","languageId":"python","version":1,
     "text":"def f(x=[]):\n    return x\n\ntry:\n    f()\nexcept:\n    raise\n"}}}
<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/d.py","version":1,"diagnostics":[
     {"range":{"start":{"line":0,"character":8},"end":{"line":0,"character":10}},"severity":2,"code":"PMM101","source":"pymm",
      "codeDescription":{"href":"~#L"},"message":"~Mutable default argument"},
     {"range":{"start":{"line":5,"character":0},"end":{"line":5,"character":6}},"code":"PMM108"}]}}
# A burst of edits in one batch: one publish, for the last version.
>>batch
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/d.py","version":2},
     "contentChanges":[{"range":{"start":{"line":0,"character":8},"end":{"line":0,"character":10}},"text":"None"}]}}
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/d.py","version":3},
     "contentChanges":[{"range":{"start":{"line":5,"character":6},"end":{"line":5,"character":6}},"text":"  # noqa: E722"}]}}
>>end
<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/d.py","version":3,"diagnostics":[]}}
# Pull: the same answer.
>> {"jsonrpc":"2.0","id":2,"method":"textDocument/diagnostic","params":{"textDocument":{"uri":"file:///w/d.py"}}}
<< {"id":2,"result":{"kind":"full","items":[]}}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/e.py","languageId":"python","version":1,
     "text":"a = b = []\nif x is 1:\n    pass\n"}}}
<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/e.py","diagnostics":[{"code":"PMM104"},{"code":"PMM103"}]}}
# ignore a rule: every open document is published again without it.
>> {"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{"pymm":{"ignore":["PMM104"]}}}}
<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/e.py","diagnostics":[{"code":"PMM103"}]}}
>> {"jsonrpc":"2.0","id":3,"method":"textDocument/diagnostic","params":{"textDocument":{"uri":"file:///w/e.py"}}}
<< {"id":3,"result":{"kind":"full","items":[{"code":"PMM103","range":{"start":{"line":1,"character":3}}}]}}
# A document that is not open: an empty report, not an error.
>> {"jsonrpc":"2.0","id":4,"method":"textDocument/diagnostic","params":{"textDocument":{"uri":"file:///w/none.py"}}}
<< {"id":4,"result":{"kind":"full","items":[]}}
# Closing clears the document's diagnostics.
>> {"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///w/e.py"}}}
<< {"method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/e.py","diagnostics":[]}}
>> {"jsonrpc":"2.0","id":5,"method":"shutdown"}
<< {"id":5,"result":null}
>> {"jsonrpc":"2.0","method":"exit"}
<<exit 0
