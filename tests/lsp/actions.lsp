# Code actions: the quick fix under the cursor, "Ignore PMMnnn for this line" merged into a noqa comment,
# "Explain: <section>", and source.fixAll.pymm with the safe fixes only.
>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"textDocument":{"diagnostic":{}}}}}
<< {"id":1,"result":{}}
>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/a.py","languageId":"python","version":1,
     "text":"def f(x=[]):\n    return x is 1  # noqa: E501\n\nif type(x) == int:\n    pass\n"}}}
# The client pulls, so nothing is pushed.
# This client cannot resolve actions: fix-all (the whole text) is not listed at the cursor, only asked by kind.
>> {"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/a.py"},
     "range":{"start":{"line":0,"character":9},"end":{"line":0,"character":9}},"context":{"diagnostics":[]}}}
<< {"id":2,"result":[
     {"title":"Default to None and create the value in the body (PMM101)","kind":"quickfix","isPreferred":true,
      "diagnostics":[{"code":"PMM101"}],
      "edit":{"changes":{"file:///w/a.py":[
        {"range":{"start":{"line":0,"character":8},"end":{"line":0,"character":10}},"newText":"None"},
        {"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":0}},"newText":"    if x is None:\n        x = []\n"}]}}},
     {"title":"Ignore PMM101 for this line","kind":"quickfix",
      "edit":{"changes":{"file:///w/a.py":[{"range":{"start":{"line":0,"character":12},"end":{"line":0,"character":12}},"newText":"  # noqa: PMM101"}]}}},
     {"title":"Explain: Mutable Default Arguments","command":{"command":"pymm.lookup","arguments":["Mutable Default Arguments"]}}]}
<<none textDocument/publishDiagnostics
# The ignore action merges into the noqa comment already on the line.
>> {"jsonrpc":"2.0","id":3,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/a.py"},
     "range":{"start":{"line":1,"character":13},"end":{"line":1,"character":13}},"context":{"diagnostics":[],"only":["quickfix"]}}}
<< {"id":3,"result":[{"title":"Compare values with == / != (PMM103)"},
     {"title":"Ignore PMM103 for this line","edit":{"changes":{"file:///w/a.py":[
       {"range":{"start":{"line":1,"character":31},"end":{"line":1,"character":31}},"newText":", PMM103"}]}}}]}
# Fix-all: safe fixes only (the unsafe isinstance() fix stays out), as one edit.
>> {"jsonrpc":"2.0","id":4,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/a.py"},
     "range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[],"only":["source.fixAll"]}}}
<< {"id":4,"result":[{"title":"Fix all pymm issues","kind":"source.fixAll.pymm","edit":{"changes":{"file:///w/a.py":[
     {"range":{"start":{"line":0,"character":8},"end":{"line":1,"character":15}},"newText":"None):\n    if x is None:\n        x = []\n    return x =="}]}}}]}
# Not open: no actions.
>> {"jsonrpc":"2.0","id":5,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/none.py"},
     "range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[]}}}
<< {"id":5,"result":[]}
# A text that came with "\u0000" holds U+0001 in its place: a fix would write that into the file, so the
# finding gets no fix (the ignore action comes first) until a whole new text without one arrives.
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/nul.py","languageId":"python","version":1,
     "text":"x = 1\nif x is 1:\n    pass\ns = '\u0000'\n"}}}
>> {"jsonrpc":"2.0","id":7,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/nul.py"},
     "range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"diagnostics":[],"only":["quickfix"]}}}
<< {"id":7,"result":[{"title":"Ignore PMM103 for this line"}]}
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/nul.py","version":2},
     "contentChanges":[{"range":{"start":{"line":3,"character":0},"end":{"line":3,"character":0}},"text":"# more\n"}]}}
>> {"jsonrpc":"2.0","id":8,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/nul.py"},
     "range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"diagnostics":[],"only":["quickfix"]}}}
<< {"id":8,"result":[{"title":"Ignore PMM103 for this line"}]}
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/nul.py","version":3},
     "contentChanges":[{"text":"x = 1\nif x is 1:\n    pass\n"}]}}
>> {"jsonrpc":"2.0","id":9,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///w/nul.py"},
     "range":{"start":{"line":1,"character":5},"end":{"line":1,"character":5}},"context":{"diagnostics":[],"only":["quickfix"]}}}
<< {"id":9,"result":[{"title":"Compare values with == / != (PMM103)"}]}
>> {"jsonrpc":"2.0","id":10,"method":"shutdown"}
<< {"id":10,"result":null}
>> {"jsonrpc":"2.0","method":"exit"}
<<exit 0
