#!/usr/bin/env python3
"""Architecture invariants (ARCHITECTURE.md), checked on the sources:
- a layer includes only the headers of itself and the layers below it;
- guide/ never includes tree-sitter; features/ never includes cJSON and does no I/O;
- nothing below cli/ writes to stdout (stdout carries only protocol)."""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAYERS = ["base", "text", "guide", "python", "features", "lsp", "cli"]
# The layers each layer may include (its own header included); guide and python are siblings.
ALLOWED = {
    "base": {"base"},
    "text": {"base", "text"},
    "guide": {"base", "guide"},
    "python": {"base", "text", "python"},
    "features": {"base", "text", "guide", "python", "features"},
    "lsp": {"base", "text", "guide", "python", "features", "lsp"},
    "cli": set(LAYERS),
}
FORBIDDEN = {
    "base": [r"<cjson/", r"<cmark", r"<tree_sitter/"],
    "text": [r"<cjson/", r"<cmark", r"<tree_sitter/"],
    "guide": [r"<tree_sitter/"],
    "python": [r"<cjson/", r"<cmark"],
    "features": [r"<cjson/", r"<cmark"],
}
# Calls that write to stdout, or do file I/O where none belongs.
STDOUT = re.compile(r"\b(printf|puts|putchar)\s*\(|\bfputs\s*\([^;]*\bstdout\b|\bfprintf\s*\(\s*stdout\b|\bstdout\b")
IO = re.compile(r"\b(fopen|open|read|write|fread|fwrite|opendir)\s*\(")


def main():
    problems = []
    checked = 0
    header_layer = {"pymm/%s.h" % layer: layer for layer in LAYERS if layer != "cli"}
    for layer in LAYERS:
        folder = os.path.join(ROOT, "server", layer)
        headers = [os.path.join(ROOT, "include", "pymm", layer + ".h")] if layer != "cli" else []
        files = [os.path.join(folder, f) for f in sorted(os.listdir(folder)) if f.endswith((".c", ".h"))] + \
            [h for h in headers if os.path.exists(h)]
        for path in files:
            checked += 1
            rel = os.path.relpath(path, ROOT)
            text = open(path, encoding="utf-8").read()
            code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
            code = re.sub(r'"(\\.|[^"\\])*"', '""', code)
            for include in re.findall(r'#include\s*[<"]([^>"]+)[>"]', text):
                other = header_layer.get(include)
                if other and other not in ALLOWED[layer]:
                    problems.append("%s: %s/ includes %s (a layer above it or beside it)" % (rel, layer, include))
                for pattern in FORBIDDEN.get(layer, []):
                    if re.match(pattern[1:], include):
                        problems.append("%s: %s/ must not include <%s>" % (rel, layer, include))
            if layer not in ("cli",) and STDOUT.search(code):
                problems.append("%s: writes to stdout (only protocol goes there, from lsp/transport.c)" % rel)
            if layer == "features" and IO.search(code):
                problems.append("%s: features/ does no I/O" % rel)
    for p in problems:
        print(p)
    print("layers: %d passed, %d failed" % (checked - len(problems), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
