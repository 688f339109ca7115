#!/usr/bin/env python3
"""Makes the seed corpora of the fuzz harnesses from the shipped guide and the tests' snippets.

usage: seeds.py SOURCE_DIR OUT_DIR   (writes OUT_DIR/<harness>/<name> and OUT_DIR/stamp)
"""
import hashlib
import os
import random
import re
import sys


def write(out, harness, data):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(out, harness)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def guide_chunks(guide, limit):
    """The guide cut before '## ' headings, and big chunks again before '### '."""
    chunks, current = [], []
    for line in guide.splitlines(keepends=True):
        if line.startswith("## ") and current:
            chunks.append("".join(current))
            current = []
        current.append(line)
    chunks.append("".join(current))
    out = []
    for chunk in chunks:
        if len(chunk.encode()) <= limit:
            out.append(chunk)
            continue
        part = []
        for line in chunk.splitlines(keepends=True):
            if line.startswith("### ") and part:
                out.append("".join(part))
                part = []
            part.append(line)
        out.append("".join(part))
    return [c for c in out if len(c.encode()) <= limit]


def code_blocks(guide):
    """(info string, text) of each fenced code block."""
    return re.findall(r"^```([^\n]*)\n(.*?)^```", guide, flags=re.S | re.M)


def c_snippets(source):
    """Python-looking C string literals of the unit tests (adjacent literals joined)."""
    out = []
    for m in re.finditer(r'((?:"(?:[^"\\\n]|\\.)*"\s*)+)', source):
        parts = re.findall(r'"((?:[^"\\\n]|\\.)*)"', m.group(1))
        text = "".join(parts)
        if "\\n" not in text:
            continue
        text = re.sub(r'\\(n|t|r|"|\\)', lambda e: {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}[e.group(1)], text)
        out.append(text)
    return out


def main():
    source, out = sys.argv[1], sys.argv[2]
    with open(os.path.join(source, "data", "python-mental-models.md"), encoding="utf-8") as f:
        guide = f.read()

    for chunk in guide_chunks(guide, 16384):
        write(out, "guide", chunk)
    write(out, "guide", "# Title\n\n## 1. Section\n\n```python\n# HEADER - a fragment\nx = 1\n```\n")

    python = []
    for info, text in code_blocks(guide):
        if "┌" in text or "│" in text:
            write(out, "tables", text)
        if info.strip() in ("python", "py", "") and len(text.encode()) <= 2048:
            python.append(text)
    with open(os.path.join(source, "editors", "example.py"), encoding="utf-8") as f:
        python.append(f.read())
    unit = os.path.join(source, "tests", "unit")
    for name in sorted(os.listdir(unit)):
        if name.endswith(".c"):
            with open(os.path.join(unit, name), encoding="utf-8") as f:
                python += [s for s in c_snippets(f.read()) if len(s.encode()) <= 2048]
    python += ["(" * 500 + ")" * 500 + "\n", "x = [" * 200 + "\n", "def f(:\n  lst = [1, 2\nlst.pop(0)\n"]

    rng = random.Random(8)
    for text in python:
        write(out, "features", text)
        ops = bytearray()
        for _ in range(rng.randrange(1, 12)):
            insert = rng.choice([b"", b"(", b")", b":", b"\n    ", b"x", b"'", b"\xc3\xa9", b"\xf0\x9f\x90\x8d", b"\r\n"])
            ops += bytes([rng.randrange(256)]) + rng.randrange(65536).to_bytes(2, "little")
            ops += rng.randrange(65536).to_bytes(2, "little") + bytes([len(insert)]) + insert
        write(out, "edits", text.encode() + b"\xff" + bytes(ops))

    sys.path.insert(0, os.path.join(source, "tests", "lsp"))
    import replay
    folder = os.path.join(source, "tests", "lsp")
    subs = {"EXAMPLE": "file:///w/example.py", "ROOT": "/w"}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".lsp"):
            continue
        data = b""
        for kind, text in replay.entries(os.path.join(folder, name), subs):
            if kind == ">>":
                data += replay.frame(text)
            elif kind == ">>raw":
                data += replay.unescape(text)
        if data:
            write(out, "dispatch", data)

    with open(os.path.join(out, "stamp"), "w") as f:
        f.write("ok\n")


if __name__ == "__main__":
    main()
