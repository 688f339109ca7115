#!/usr/bin/env python3
"""Hostile inputs too big for a transcript, against the real `pymm serve`: a message over the size cap (refused
unread, the stream resynchronised, the memory never allocated), a body cut short at the end of input, a 50 MB
file, a 200,000-line file, a 1 MB single line (a string). After each, another document is still served.

usage: test_hostile.py PYMM_BINARY
"""
import sys
import time

from lsp_client import Client, hover, open_document

OTHER = "file:///w/other.py"


def peak_memory_mb(client):
    with open("/proc/%d/status" % client.proc.pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0


def refused(client):
    """The next response (notifications such as log messages skipped)."""
    while True:
        m = client.read()
        if "method" not in m:
            return m


def other_still_served(client):
    m = client.response(hover(client, OTHER, 1, 3))
    assert "Pop from start" in m["result"]["contents"]["value"], m


def start(binary, *args):
    client = Client(binary, *args)
    client.initialize()
    open_document(client, OTHER, "xs = [1]\nxs.pop(0)\n")
    other_still_served(client)
    return client


def over_the_cap(binary):
    # The default cap is 64 MiB: a 70 MB message is skipped as it streams by, never held.
    client = start(binary)
    client.send_raw(b"Content-Length: 70000000\r\n\r\n")
    chunk = b"#" * (1 << 20)
    for _ in range(66):
        client.send_raw(chunk)
    client.send_raw(b"#" * (70000000 - 66 * len(chunk)))
    m = refused(client)
    assert m.get("id") is None and m["error"]["code"] == -32700, m
    other_still_served(client)
    peak = peak_memory_mb(client)
    assert peak < 60, "the server held %d MB for a message it refused" % peak
    client.shutdown()
    # A configured cap.
    client = start(binary, "--max-message-size", "1000")
    id, data = hover(client, OTHER, 1, 3, send=False)
    client.send_raw(client.frame({"jsonrpc": "2.0", "method": "x", "params": {"pad": "p" * 2000}}) + data)
    m = refused(client)
    assert m.get("id") is None and m["error"]["code"] == -32700 and "cap" in m["error"]["message"], m
    assert "Pop from start" in client.response(id)["result"]["contents"]["value"]
    client.shutdown()


def truncated_promise(binary):
    # A header that promises 60 MB, then the end of input: nothing allocated up front, a clean exit.
    client = start(binary)
    client.send_raw(b"Content-Length: 60000000\r\n\r\n{\"jsonrpc\":")
    time.sleep(0.2)
    peak = peak_memory_mb(client)
    client.proc.stdin.close()
    assert client.wait_exit() == 1
    assert peak < 40, "the server allocated %d MB for a body that never came" % peak
    assert b"end of input" in client.stderr, client.stderr[-500:]


def big_documents(binary):
    client = start(binary)
    cases = {
        # 50 MB: fifty 1 MB comment lines around code (dense code that size takes minutes in a debug build).
        "file:///w/fifty.py": ("xs = [1]\n# " + "c" * 1_000_000 + "\n") * 50 + "xs.pop(0)\n",
        "file:///w/lines.py": "".join("v%d = [%d]\n" % (i, i) for i in range(199_999)) + "v1.pop(0)\n",
        "file:///w/onestring.py": "s = '" + "z" * 1_000_000 + "'\nxs = []\nxs.pop(0)\n",
    }
    for uri, text in cases.items():
        started = time.monotonic()
        open_document(client, uri, text)
        lines = text.count("\n")
        # A hover at the end, an edit at the end and one at the start, then the text must be exact.
        last = text.rstrip("\n").split("\n")[-1]
        m = client.response(hover(client, uri, lines - 1, 3), timeout=300)
        assert "error" not in m, m
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": lines, "character": 0}, "end": {"line": lines, "character": 0}},
             "text": "# end\n"},
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}, "text": "Q"}]})
        expected = "Q" + text[1:] + "# end\n"
        got = client.text(uri)
        assert got["text"] == expected, "%s: the text differs after two edits" % uri
        other_still_served(client)
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        print("%s: %d bytes, %d lines, last line %r...: %.1f s" % (uri, len(text), lines, last[:20],
                                                                   time.monotonic() - started))
    client.shutdown()


def main():
    binary = sys.argv[1]
    for case in (over_the_cap, truncated_promise, big_documents):
        started = time.monotonic()
        case(binary)
        print("%s: ok (%.1f s)" % (case.__name__, time.monotonic() - started))


if __name__ == "__main__":
    main()
