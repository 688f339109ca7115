# Hostile document traffic: bad positions and ranges, documents that are not open, odd texts. Each is clamped,
# swapped or skipped with a logged warning, and the text pymm holds (pymm/documentText, enabled by PYMM_DEBUG
# in the tests) is what the client holds. Another document is served all along.
>> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
<< {"id":1,"result":{"capabilities":{"positionEncoding":"utf-16"}}}
>> {"jsonrpc":"2.0","method":"initialized","params":{}}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/other.py","languageId":"python","version":1,"text":"xs = [1]\nxs.pop(0)\n"}}}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/d.py","languageId":"python","version":1,"text":"ab\ncd\n"}}}
# A range past the end of a line is clamped to the line's end; past the last line, to the end of the text.
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/d.py","version":2},
     "contentChanges":[{"range":{"start":{"line":0,"character":99},"end":{"line":0,"character":120}},"text":"X"}]}}
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/d.py","version":3},
     "contentChanges":[{"range":{"start":{"line":50,"character":0},"end":{"line":70,"character":3}},"text":"END"}]}}
>> {"jsonrpc":"2.0","id":2,"method":"pymm/documentText","params":{"textDocument":{"uri":"file:///w/d.py"}}}
<< {"id":2,"result":{"text":"abX\ncd\nEND","version":3}}
# A reversed range is swapped.
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/d.py","version":4},
     "contentChanges":[{"range":{"start":{"line":1,"character":2},"end":{"line":0,"character":1}},"text":"-"}]}}
>> {"jsonrpc":"2.0","id":3,"method":"pymm/documentText","params":{"textDocument":{"uri":"file:///w/d.py"}}}
<< {"id":3,"result":{"text":"a-\nEND","version":4}}
# Malformed changes are skipped, the good ones of the same message applied in order.
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/d.py","version":5},
     "contentChanges":[{"range":{"start":{"line":-1,"character":0},"end":{"line":0,"character":0}},"text":"bad"},
                       {"range":{"start":{"line":0,"character":0}},"text":"bad"},
                       {"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}}},
                       {"range":"everything","text":"bad"},
                       {"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"text":"ok "}]}}
>> {"jsonrpc":"2.0","id":4,"method":"pymm/documentText","params":{"textDocument":{"uri":"file:///w/d.py"}}}
<< {"id":4,"result":{"text":"ok a-\nEND"}}
# didChange / didClose for documents that are not open, didChange without changes: logged, nothing else moves.
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/ghost.py","version":2},"contentChanges":[{"text":"x"}]}}
>> {"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///w/ghost.py"}}}
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/d.py","version":6}}}
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/nothing.py"}}}
>> {"jsonrpc":"2.0","id":5,"method":"pymm/documentText","params":{"textDocument":{"uri":"file:///w/ghost.py"}}}
<< {"id":5,"result":null}
# UTF-16 positions: inside a surrogate pair means the start of its code point; an astral character is two units.
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/d.py","version":7},
     "contentChanges":[{"text":"s = '\ud83d\udc0d'\n"}]}}
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/d.py","version":8},
     "contentChanges":[{"range":{"start":{"line":0,"character":6},"end":{"line":0,"character":6}},"text":"!"}]}}
>> {"jsonrpc":"2.0","id":6,"method":"pymm/documentText","params":{"textDocument":{"uri":"file:///w/d.py"}}}
<< {"id":6,"result":{"text":"s = '!\ud83d\udc0d'\n"}}
# A lone surrogate and a NUL in a text: the message is read (U+FFFD, U+0001 of the same width), not lost.
>>raw Content-Length: 161\r\n\r\n{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/d.py","version":9},"contentChanges":[{"text":"a\ud800b\u0000c\n"}]}}
>> {"jsonrpc":"2.0","id":7,"method":"pymm/documentText","params":{"textDocument":{"uri":"file:///w/d.py"}}}
<< {"id":7,"result":{"text":"a\ufffdb\u0001c\n","version":9}}
# Invalid UTF-8 in a text is kept as it came (and sent back as U+FFFD); edits after it still land right.
>>raw Content-Length: 155\r\n\r\n{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/d.py","version":10},"contentChanges":[{"text":"x\xff\xfey = 1\n"}]}}
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/d.py","version":11},
     "contentChanges":[{"range":{"start":{"line":0,"character":3},"end":{"line":0,"character":4}},"text":"Y"}]}}
>> {"jsonrpc":"2.0","id":8,"method":"pymm/documentText","params":{"textDocument":{"uri":"file:///w/d.py"}}}
<< {"id":8,"result":{"text":"x\ufffd\ufffdY = 1\n"}}
# 500-deep nested brackets, and an unclosed 500-deep nest: parsed, hovered, edited.
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/deep.py","languageId":"python","version":1,"text":"x = ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))\nxs = []\nxs.pop(0)\ny = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n"}}}
>> {"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/deep.py"},"position":{"line":0,"character":250}}}
<< {"id":9}
>> {"jsonrpc":"2.0","id":10,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/deep.py"},"position":{"line":2,"character":3}}}
<< {"id":10,"result":{"contents":{"value":"~Pop from start"}}}
>> {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/deep.py","version":2},
     "contentChanges":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"text":"OPEN\n"}]}}
>> {"jsonrpc":"2.0","id":11,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/deep.py"},"position":{"line":3,"character":3}}}
<< {"id":11}
# didOpen twice: the newer text wins. The other document was served all along.
>> {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/d.py","languageId":"python","version":20,"text":"fresh\n"}}}
>> {"jsonrpc":"2.0","id":12,"method":"pymm/documentText","params":{"textDocument":{"uri":"file:///w/d.py"}}}
<< {"id":12,"result":{"text":"fresh\n","version":20}}
>> {"jsonrpc":"2.0","id":13,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/other.py"},"position":{"line":1,"character":3}}}
<< {"id":13,"result":{"contents":{"value":"~Pop from start"}}}
>> {"jsonrpc":"2.0","id":14,"method":"shutdown"}
<< {"id":14,"result":null}
>> {"jsonrpc":"2.0","method":"exit"}
<<exit 0

