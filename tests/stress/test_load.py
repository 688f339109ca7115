#!/usr/bin/env python3
"""Load: 10,000 incremental edits sent as fast as the pipe takes them to a 5,000-line file, with a hover after
every 50th. Every request is answered, the final text is exact, and the server's memory stays bounded.

usage: test_load.py PYMM_BINARY
"""
import random
import sys
import threading
import time

from lsp_client import Client, hover, open_document

URI = "file:///w/load.py"


def main():
    client = Client(sys.argv[1])
    client.initialize()
    text = "".join("xs%d = [%d]\nxs%d.pop(0)\n" % (i, i, i) for i in range(2500))  # 5,000 lines
    open_document(client, URI, text)
    rng = random.Random(5)
    lines = text.split("\n")
    frames, hovers = [], []
    for n in range(10_000):
        line = rng.randrange(len(lines) - 1)
        col = rng.randrange(len(lines[line]) + 1)
        insert = rng.choice(["x", " ", "", "é", "(", ")"])
        delete = 1 if col < len(lines[line]) and rng.random() < 0.3 else 0
        lines[line] = lines[line][:col] + insert + lines[line][col + delete:]
        frames.append(client.frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": URI, "version": n + 2}, "contentChanges": [{"range": {
                "start": {"line": line, "character": col}, "end": {"line": line, "character": col + delete}},
                "text": insert}]}}))
        if n % 50 == 49:
            id, data = hover(client, URI, line, 2, send=False)
            hovers.append(id)
            frames.append(data)
    started = time.monotonic()
    writer = threading.Thread(target=lambda: [client.send_raw(f) for f in frames])
    writer.start()
    answered = set()
    while len(answered) < len(hovers):
        m = client.read(timeout=120)
        if "id" in m and "method" not in m:
            assert "error" not in m, m
            answered.add(m["id"])
    writer.join()
    assert answered == set(hovers)
    got = client.text(URI)
    assert got["text"] == "\n".join(lines), "the final text differs"
    assert got["version"] == 10_001
    with open("/proc/%d/status" % client.proc.pid) as f:
        peak = next(int(l.split()[1]) // 1024 for l in f if l.startswith("VmHWM:"))
    assert peak < 300, "peak memory %d MB" % peak
    client.shutdown()
    print("10,000 edits and %d hovers in %.1f s; peak memory %d MB" % (len(hovers), time.monotonic() - started, peak))


if __name__ == "__main__":
    main()
