#!/usr/bin/env python3
"""pymm's benchmark driver: holds pymm to the budgets of design §9 and sets it beside its peers.

It starts each language server over stdio and measures, on the same inputs:
  spawn -> initialize result, didOpen -> first publishDiagnostics, hover latency (p50/p90/p99/max over >= 500
  positions), code-action latency, one-character edits -> next diagnostics (p50/p99 over >= 200 edits),
  idle and peak resident memory;
then batch checking of the standard library (`pymm check` against a parse-only program on the same threads,
ruff's WebAssembly build and pylint on the equivalent rules). A capability a server lacks is reported
"n/a", never a failure. Budgets are stated against one tree-sitter parse of the same input, measured in the
same run, because the machine is shared and noisy: ratios and medians, not absolute times.

usage: bench.py --pymm BUILD/pymm --parse-only BUILD/tests/bench_parse_only [--peers-dir DIR] [--out FILE]
                [--quick] [--runs N] [--no-peers] [--stdlib DIR]
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_inputs  # noqa: E402
from lsp_client import Client, ServerGone  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
NA = None  # a figure that could not be measured; the reason goes in 'why'


# ---- small helpers ------------------------------------------------------------------------------
def pct(values, p):
    if not values:
        return None
    s = sorted(values)
    k = (len(s) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ms(seconds):
    return None if seconds is None else seconds * 1e3


def log(*args):
    print("bench:", *args, file=sys.stderr, flush=True)


def uri_of(path):
    return "file://" + os.path.abspath(path)


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


IDENT = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def identifier_positions(text):
    """(line, utf-16 column of the identifier's middle, utf-16 column of its end) of every identifier outside
    comments."""
    out = []
    for row, line in enumerate(text.split("\n")):
        code = line.split("#", 1)[0]
        for m in IDENT.finditer(code):
            mid = (m.start() + m.end()) // 2
            out.append((row, utf16_len(line[:mid]), utf16_len(line[:m.end()])))
    return out


def spread(items, n):
    """n items taken evenly from 'items' (deterministic)."""
    if not items or n <= 0:
        return []
    if len(items) <= n:
        return list(items)
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


# ---- the servers --------------------------------------------------------------------------------
def server_commands(args):
    servers = {"pymm": [args.pymm, "serve"]}
    if args.no_peers:
        return servers
    pyright = os.path.join(args.peers_dir, "node_modules", ".bin", "pyright-langserver")
    servers["pyright"] = [pyright, "--stdio"] if os.access(pyright, os.X_OK) else None
    pylsp = shutil.which("pylsp")
    servers["pylsp"] = [pylsp] if pylsp else None
    return servers


def peer_version(name, args):
    try:
        if name == "pyright":
            exe = os.path.join(args.peers_dir, "node_modules", ".bin", "pyright")
            return subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30).stdout.split()[-1]
        if name == "pylsp":
            return subprocess.run(["pylsp", "--version"], capture_output=True, text=True, timeout=30).stdout.split()[-1]
        if name == "pylint":
            return subprocess.run(["pylint", "--version"], capture_output=True, text=True, timeout=30).stdout.split()[1]
        if name == "ruff-wasm":
            with open(os.path.join(args.peers_dir, "node_modules", "@astral-sh", "ruff-wasm-nodejs", "package.json")) as f:
                return json.load(f)["version"]
        if name == "pymm":
            return subprocess.run([args.pymm, "--version"], capture_output=True, text=True, timeout=30).stdout.split()[-1]
    except (OSError, IndexError, ValueError, subprocess.SubprocessError):
        return "?"
    return "?"


# No textDocument.diagnostic capability: every server then pushes publishDiagnostics, which is what is timed.
INIT_PARAMS = {
    "processId": os.getpid(),
    "clientInfo": {"name": "pymm-bench"},
    "capabilities": {
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {
            "synchronization": {"didSave": False, "dynamicRegistration": False},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "publishDiagnostics": {"versionSupport": True, "relatedInformation": False},
            "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": [
                "", "quickfix", "refactor", "source", "source.fixAll", "source.organizeImports"]}}},
        },
        "workspace": {"configuration": True, "workspaceFolders": True},
        "window": {"workDoneProgress": False},
    },
}


def initialize(client, root, timeout):
    params = dict(INIT_PARAMS, rootUri=uri_of(root), rootPath=root,
                  workspaceFolders=[{"uri": uri_of(root), "name": "bench"}])
    seconds, message = client.call("initialize", params, timeout)
    if message is None:
        raise ServerGone()
    client.notify("initialized", {})
    return message.get("result", {}) or {}


def read_frame(stream):
    """One framed message read from 'stream' (blocking); None at end of input."""
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line and length is not None:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(stream.read(length))


def spawn_to_initialize(argv, root, runs):
    """Median time from spawning the server to reading its 'initialize' result. The request is written as soon
    as the process exists and read on this thread, as spawn_to_exit() reads `--version`, so the two compare."""
    params = dict(INIT_PARAMS, rootUri=uri_of(root), rootPath=root)
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params}).encode()
    frame = b"Content-Length: %d\r\n\r\n" % len(body) + body
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             cwd=root, bufsize=0)
        try:
            p.stdin.write(frame)
            while True:
                m = read_frame(p.stdout)
                if m is None or m.get("id") == 1:
                    break
            if m is not None:
                times.append(time.perf_counter() - t0)
        except OSError:
            pass
        p.stdin.close()  # end of input: every server stops (pymm with code 1: no 'shutdown' came)
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        p.stdout.close()
    return median(times)


def spawn_to_exit(argv, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
        p.stdout.read()
        times.append(time.perf_counter() - t0)
        p.wait()
        p.stdin.close()
        p.stdout.close()
    return median(times)


def is_diagnostics(uri):
    return lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("uri") == uri


def session(name, argv, path, limits):
    """One LSP session on one file. Returns a dict of figures (seconds, kB) and 'why' for what is n/a."""
    r = {"why": {}}
    root = tempfile.mkdtemp(prefix="pymm-bench-")
    copy = os.path.join(root, os.path.basename(path))
    shutil.copyfile(path, copy)
    with open(copy, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    uri = uri_of(copy)
    client = Client(argv, cwd=root)
    try:
        caps = initialize(client, root, 60).get("capabilities", {})
        # A first request makes sure the server has loaded whatever it loads after 'initialize'.
        client.call("workspace/symbol", {"query": "deque"}, 60)
        time.sleep(0.2)
        r["idle_rss_kb"] = client.memory_kb("VmRSS")

        t0 = client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "python", "version": 1, "text": text}})
        got = client.wait(is_diagnostics(uri), limits["open_timeout"])
        diagnostics = []
        if got:
            r["open_diag"] = got[0] - t0
            diagnostics = got[1]["params"].get("diagnostics", [])
            r["diagnostic_count"] = len(diagnostics)
        else:
            r["why"]["open_diag"] = "no publishDiagnostics within %d s" % limits["open_timeout"]

        positions = identifier_positions(text)
        # Hovers, one at a time: latency as an editor sees it.
        if caps.get("hoverProvider"):
            times, deadline = [], time.perf_counter() + limits["hover_seconds"]
            for row, col, _ in spread(positions, limits["hovers"]):
                seconds, _ = client.call("textDocument/hover", {"textDocument": {"uri": uri},
                                                                "position": {"line": row, "character": col}}, 30)
                if seconds is not None:
                    times.append(seconds)
                if time.perf_counter() > deadline:
                    break
            r["hover"] = times
        else:
            r["why"]["hover"] = "no hoverProvider"

        # Code actions: on each diagnostic's range (with it in the context), else at identifiers.
        if caps.get("codeActionProvider"):
            targets = [(d["range"], [d]) for d in diagnostics][:limits["actions"]]
            for row, col, end in spread(positions, limits["actions"] - len(targets)):
                targets.append(({"start": {"line": row, "character": col}, "end": {"line": row, "character": end}}, []))
            times, deadline = [], time.perf_counter() + limits["action_seconds"]
            for rng, diags in targets:
                seconds, _ = client.call("textDocument/codeAction", {
                    "textDocument": {"uri": uri}, "range": rng, "context": {"diagnostics": diags}}, 30)
                if seconds is not None:
                    times.append(seconds)
                if time.perf_counter() > deadline:
                    break
            r["action"] = times
        else:
            r["why"]["action"] = "the server has no codeActionProvider yet"

        # One-character edits: insert "x" after an identifier, then delete it, spread over the file.
        version = 1
        edit_diag, edit_hover = [], []
        targets = spread(positions, max(1, limits["edits"] // 2))
        deadline = time.perf_counter() + limits["edit_seconds"]
        for row, _, end in targets:
            for change in ({"range": {"start": {"line": row, "character": end},
                                      "end": {"line": row, "character": end}}, "text": "x"},
                           {"range": {"start": {"line": row, "character": end},
                                      "end": {"line": row, "character": end + 1}}, "text": ""}):
                version += 1
                client.drop_kept(is_diagnostics(uri))
                t0 = client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                               "contentChanges": [change]})
                if "open_diag" in r:
                    v = version
                    got = client.wait(lambda m: is_diagnostics(uri)(m) and m["params"].get("version", v) >= v,
                                      limits["edit_timeout"])
                    if got:
                        edit_diag.append(got[0] - t0)
                else:  # no diagnostics to wait for: time the next hover instead (it waits for the reparse)
                    rid, _ = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                                   "position": {"line": row, "character": end}})
                    got = client.response(rid, limits["edit_timeout"])
                    if got:
                        edit_hover.append(got[0] - t0)
            if time.perf_counter() > deadline:
                break
        if "open_diag" in r:
            r["edit_diag"] = edit_diag
            if not edit_diag:
                r["why"]["edit_diag"] = "no publishDiagnostics within %d s of an edit" % limits["edit_timeout"]
        else:
            r["why"]["edit_diag"] = "no diagnostics"
            r["edit_hover"] = edit_hover
        r["peak_rss_kb"] = client.memory_kb("VmHWM")
    except ServerGone:
        r["why"]["session"] = "the server exited"
    finally:
        client.close()
        shutil.rmtree(root, ignore_errors=True)
    return r


def summarize_runs(runs):
    """Median over runs of each figure (latency lists become their percentiles first)."""
    out = {"why": {}}
    for r in runs:
        out["why"].update(r["why"])
    def fig(key, f):
        vals = [f(r[key]) for r in runs if key in r and r[key] is not None and (not isinstance(r[key], list) or r[key])]
        return median(vals)
    for key in ("hover", "action", "edit_diag", "edit_hover"):
        for p in (50, 90, 99):
            out["%s_p%d" % (key, p)] = fig(key, lambda v, p=p: pct(v, p))
        out[key + "_max"] = fig(key, max)
        out[key + "_n"] = fig(key, len)
    for key in ("open_diag", "idle_rss_kb", "peak_rss_kb", "diagnostic_count"):
        out[key] = fig(key, lambda v: v)
    return out


# ---- batch checking -----------------------------------------------------------------------------
def run_timed(argv, timeout=600):
    t0 = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
    return time.perf_counter() - t0, p


def parse_kv(text):
    return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", text)}


def check_help(pymm):
    try:
        p = subprocess.run([pymm, "check", "--help"], capture_output=True, text=True, timeout=30)
    except OSError:
        return None
    text = p.stdout + p.stderr
    if not re.search(r"^\s*(usage: pymm )?check\b", text, re.M):  # the general usage, without `check`
        return None
    return text


def batch(args, files, runs, jobs, peers):
    """Throughput of `pymm check`, the parse-only baseline and the batch peers on 'files'."""
    out = {"why": {}}
    total_bytes = sum(os.path.getsize(f) for f in files)
    total_lines = 0
    for f in files:
        with open(f, "rb") as fh:
            total_lines += fh.read().count(b"\n")
    out.update(files=len(files), bytes=total_bytes, lines=total_lines)
    listing = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
    listing.write("\n".join(files) + "\n")
    listing.close()
    help_text = check_help(args.pymm)
    base, mine = [], []
    for _ in range(runs):  # interleaved, so both see the same noise
        if args.parse_only:
            _, p = run_timed([args.parse_only, "--jobs", str(jobs), "--list", listing.name])
            base.append(parse_kv(p.stdout).get("seconds"))
        if help_text is not None:
            argv = [args.pymm, "check"]
            for flag in ("--threads", "--jobs"):
                if flag in help_text:
                    argv += [flag, str(jobs)]
                    break
            seconds, p = run_timed(argv + files)
            if p.returncode in (0, 1):
                mine.append(seconds)
            else:
                out["why"]["check"] = "pymm check exited with %d: %s" % (p.returncode, (p.stderr or "").strip()[:120])
    if help_text is None:
        out["why"]["check"] = "the build has no `pymm check` yet"
    out["parse_seconds"] = median(base)
    out["check_seconds"] = median(mine)
    if not args.parse_only:
        out["why"]["parse"] = "no parse-only program"
    if peers:
        module = os.path.join(args.peers_dir, "node_modules", "@astral-sh", "ruff-wasm-nodejs")
        if os.path.isdir(module):
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                procs = [subprocess.Popen(["node", os.path.join(HERE, "ruff_check.js"), module, listing.name, str(k),
                                           str(jobs)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                         for k in range(jobs)]
                seconds = [parse_kv(p.communicate()[0]).get("seconds") for p in procs]
                if all(s is not None for s in seconds):
                    times.append(max(seconds))  # checking time, without node's start-up
            out["ruff_seconds"] = median(times)
        else:
            out["why"]["ruff"] = "@astral-sh/ruff-wasm-nodejs is not installed"
        if shutil.which("pylint"):
            # pylint is slow: a deterministic subset of about 1.5 MB, reported as throughput.
            subset, size = [], 0
            for f in spread(files, len(files)):
                if size > 1_500_000:
                    break
                if os.path.getsize(f) < 200_000:
                    subset.append(f)
                    size += os.path.getsize(f)
            enable = ("dangerous-default-value,cell-var-from-loop,literal-comparison,bare-except,raise-missing-from,"
                      "unidiomatic-typecheck,use-implicit-booleaness-not-len,use-a-generator,consider-using-with,"
                      "consider-iterating-dictionary,consider-using-enumerate,consider-using-get")
            seconds, p = run_timed(["pylint", "--disable=all", "--enable=" + enable, "-j", str(jobs),
                                    "--score=n", "--persistent=n"] + subset, timeout=900)
            out["pylint_seconds"], out["pylint_bytes"], out["pylint_files"] = seconds, size, len(subset)
        else:
            out["why"]["pylint"] = "pylint is not installed"
    os.unlink(listing.name)
    return out


# ---- the report ---------------------------------------------------------------------------------
def fmt_ms(v):
    if v is None:
        return None
    return "%.3g ms" % v if v < 100 else "%.0f ms" % v


def fmt_mb(kb):
    return None if kb is None else "%.1f MB" % (kb / 1024.0)


def cell(value, why):
    why = " ".join(str(why).split()).replace("|", "/") if why else why
    return value if value is not None else "n/a (%s)" % why if why else "n/a"


def report(args, results, parse_ms, budgets_input, batch_r, versions, other, started):
    pm = results.get("pymm") or {}
    peers = [p for p in ("pyright", "pylsp") if p in results]
    lines = []
    w = lines.append
    w("# pymm benchmark results")
    w("")
    w("Written by `make bench` (tests/bench/bench.py) on %s: %s, %d cores, %s. The machine is shared and noisy, so "
      "every budget is also stated against one tree-sitter-python parse of the same input measured in the same "
      "run, and each pymm figure is the median of %d sessions." % (
          time.strftime("%Y-%m-%d", time.gmtime(started)), platform.machine(), os.cpu_count() or 0,
          platform.python_implementation() + " " + platform.python_version(), args.runs))
    w("")
    w("Versions: " + ", ".join("%s %s" % (k, v) for k, v in versions.items()) + ".")
    w("")
    w("## Language-server figures, %s (%d lines); one full parse = %s" % (
        os.path.basename(budgets_input), count_lines(budgets_input), fmt_ms(parse_ms) or "n/a"))
    w("")
    head = "| measure | pymm | budget | within | " + " | ".join(peers) + (" | peer ÷ pymm |" if peers else "")
    w(head)
    w("|" + "---|" * (head.count("|") - 1))

    def row(label, key, value_fn, budget_text, ok_fn, lower_is_better=True):
        mine = value_fn(pm)
        why = pm.get("why", {}).get(key.split("_p")[0]) or pm.get("why", {}).get("session")
        ok = "" if mine is None or ok_fn is None else ("yes" if ok_fn(mine) else "**no**")
        cells = ["| " + label, cell(mine_fmt(mine), why), budget_text, ok]
        ratios = []
        for p in peers:
            theirs = value_fn(results[p])
            pwhy = results[p].get("why", {}).get(key.split("_p")[0]) or results[p].get("why", {}).get("session")
            cells.append(cell(mine_fmt(theirs), pwhy))
            if theirs is not None and mine:
                ratios.append(ratio_text(p, theirs / mine))
        if peers:
            cells.append(", ".join(ratios))
        w(" | ".join(cells) + " |")

    mine_fmt = fmt_ms
    init = {k: v.get("init") for k, v in results.items()}
    version_ms = results.get("pymm", {}).get("version_ms")
    budget_init = (version_ms + 5) if version_ms is not None else None
    row("spawn → `initialize` result", "init", lambda r: r.get("init"),
        "≤ `--version` + 5 ms = %s" % fmt_ms(budget_init) if budget_init else "≤ `--version` + 5 ms",
        (lambda v: v <= budget_init) if budget_init else None)
    hover_budget = min(1.0, 0.05 * parse_ms) if parse_ms else 1.0
    for p in (50, 90, 99):
        row("hover p%d" % p, "hover_p%d" % p, lambda r, p=p: ms(r.get("hover_p%d" % p)),
            "≤ %s (1 ms and 5 %% of a parse)" % fmt_ms(hover_budget) if p == 99 else "",
            (lambda v: v <= hover_budget) if p == 99 else None)
    row("hover max (n = %s)" % int(pm.get("hover_n") or 0), "hover_max", lambda r: ms(r.get("hover_max")), "", None)
    open_budget = 1.5 * parse_ms if parse_ms else None
    row("`didOpen` → diagnostics", "open_diag", lambda r: ms(r.get("open_diag")),
        "≤ 1.5 × parse = %s" % fmt_ms(open_budget) if open_budget else "≤ 1.5 × parse",
        (lambda v: v <= open_budget) if open_budget else None)
    edit_budget = 0.15 * parse_ms if parse_ms else None
    row("1-char edit → diagnostics p50 (n = %s)" % int(pm.get("edit_diag_n") or 0), "edit_diag_p50",
        lambda r: ms(r.get("edit_diag_p50")),
        "≤ 15 %% of a parse = %s" % fmt_ms(edit_budget) if edit_budget else "≤ 15 % of a parse",
        (lambda v: v <= edit_budget) if edit_budget else None)
    row("1-char edit → diagnostics p99", "edit_diag_p99", lambda r: ms(r.get("edit_diag_p99")), "", None)
    if pm.get("edit_hover_p50") is not None:
        row("1-char edit → next hover p50 (reparse)", "edit_hover_p50", lambda r: ms(r.get("edit_hover_p50")),
            "≤ 15 %% of a parse = %s" % fmt_ms(edit_budget) if edit_budget else "", 
            (lambda v: v <= edit_budget) if edit_budget else None)
    row("code action p50 (n = %s)" % int(pm.get("action_n") or 0), "action_p50", lambda r: ms(r.get("action_p50")),
        "", None)
    row("code action p99", "action_p99", lambda r: ms(r.get("action_p99")), "≤ hover's (not in §9)", 
        (lambda v: v <= hover_budget))
    mine_fmt = fmt_mb
    row("resident memory, idle, guide loaded", "idle_rss_kb", lambda r: r.get("idle_rss_kb"), "≤ 8 MB",
        lambda v: v <= 8 * 1024)
    row("peak resident memory (session)", "peak_rss_kb", lambda r: r.get("peak_rss_kb"), "", None)
    w("")
    for p in peers:
        n = results[p]
        w("- %s: %s hovers, %s code actions, %s edits measured (capped in time: peers are slow)." % (
            p, int(n.get("hover_n") or 0), int(n.get("action_n") or 0),
            int(n.get("edit_diag_n") or n.get("edit_hover_n") or 0)))
    if pm.get("diagnostic_count") is not None:
        w("- pymm published %d diagnostics on the file." % pm["diagnostic_count"])
    w("")

    if other:
        w("## pymm on other inputs (one session each; budgets scaled by each file's own parse time)")
        w("")
        w("| input | lines | parse | didOpen → diagnostics | hover p99 | edit → diagnostics p50 | peak RSS |")
        w("|---|---|---|---|---|---|---|")
        for path, parse, r in other:
            edit = ratio_cell(ms(r.get("edit_diag_p50")), parse, 0.15, r["why"].get("edit_diag"))
            if r.get("edit_hover_p50") is not None:
                edit = "→ next hover: " + ratio_cell(ms(r.get("edit_hover_p50")), parse, 0.15, None)
            w("| %s | %d | %s | %s | %s | %s | %s |" % (
                os.path.basename(path), count_lines(path), fmt_ms(parse) or "n/a",
                ratio_cell(ms(r.get("open_diag")), parse, 1.5, r["why"].get("open_diag")),
                ratio_cell(ms(r.get("hover_p99")), parse, 0.05, r["why"].get("hover")), edit,
                fmt_mb(r.get("peak_rss_kb")) or "n/a"))
        w("")
        w("Each cell: the figure, then its share of one full parse of that file (the budget's yardstick).")
        w("")

    if batch_r:
        b = batch_r
        w("## Batch checking: %s (%d files, %d lines, %.1f MB), %d threads" % (
            args.stdlib, b["files"], b["lines"], b["bytes"] / 1e6, args.jobs))
        w("")
        w("| checker | files/s | lines/s | MB/s | vs parse-only | budget |")
        w("|---|---|---|---|---|---|")
        def tput(label, seconds, files, lines_, size, why, budget=""):
            if seconds is None:
                w("| %s | %s | | | | %s |" % (label, cell(None, why), budget))
                return
            ratio = ("%.0f %%" % (100 * b["parse_seconds"] / seconds * size / b["bytes"])) if b.get("parse_seconds") else "n/a"
            ok = ""
            if budget and b.get("parse_seconds"):
                ok = " — " + ("yes" if b["parse_seconds"] / seconds >= 0.85 else "**no**")
            w("| %s | %.0f | %.0f | %.2f | %s | %s%s |" % (label, files / seconds, lines_ / seconds,
                                                              size / 1e6 / seconds, ratio, budget, ok))
        tput("parse only (tree-sitter-python)", b.get("parse_seconds"), b["files"], b["lines"], b["bytes"],
             b["why"].get("parse"))
        tput("**pymm check**", b.get("check_seconds"), b["files"], b["lines"], b["bytes"], b["why"].get("check"),
             "≥ 85 % of parse-only")
        if "ruff_seconds" in b or "ruff" in b["why"]:
            tput("ruff (WebAssembly build, equivalent rules, %d processes)" % args.jobs, b.get("ruff_seconds"),
                 b["files"], b["lines"], b["bytes"], b["why"].get("ruff"))
        if "pylint_seconds" in b or "pylint" in b["why"]:
            pl_lines = int(b["lines"] * b.get("pylint_bytes", 0) / max(1, b["bytes"]))
            tput("pylint (equivalent checks, -j %d, a %d-file subset)" % (args.jobs, b.get("pylint_files", 0)),
                 b.get("pylint_seconds"), b.get("pylint_files", 0), pl_lines, b.get("pylint_bytes", 0),
                 b["why"].get("pylint"))
        w("")
        if b.get("check_seconds"):
            for peer, key, size in (("ruff", "ruff_seconds", b["bytes"]), ("pylint", "pylint_seconds", b.get("pylint_bytes"))):
                if b.get(key):
                    w("- pymm check is %.1f× the throughput (MB/s) of %s." % (
                        (b["bytes"] / b["check_seconds"]) / (size / b[key]), peer))
            w("")
    w("Medians of %d runs for the batch figures. Spawn → `initialize` is the median of %d fresh spawns; pymm's "
      "`--version` takes %s." % (args.runs, args.init_runs, fmt_ms(results.get("pymm", {}).get("version_ms")) or "n/a"))
    w("")
    w("Regenerate with `make bench` (installs the peers it can into ~/.cache/pymm-bench; ~%d min here)." % max(1, round((time.time() - started) / 60)))
    return "\n".join(lines) + "\n"


def ratio_text(peer, ratio):
    """A peer's figure over pymm's: above 1, pymm is ahead (faster, or smaller)."""
    text = "%.2g" % ratio if ratio < 10 else "%.0f" % ratio
    return "%s ×%s%s" % (peer, text, "" if ratio >= 1 else " (**pymm behind**)")


def ratio_cell(value, parse, budget, why):
    if value is None:
        return "n/a" + (" (%s)" % why if why else "")
    if not parse:
        return fmt_ms(value)
    share = value / parse
    return "%s (%.0f %%%s)" % (fmt_ms(value), 100 * share, "" if share <= budget else ", **over %.0f %%**" % (100 * budget))


def count_lines(path):
    with open(path, "rb") as f:
        return f.read().count(b"\n")


def parse_ms_of(args, path, repeat):
    if not args.parse_only:
        return None
    p = subprocess.run([args.parse_only, "--repeat", str(repeat), path], capture_output=True, text=True)
    return parse_kv(p.stdout).get("median_ms")


def stdlib_files(root):
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        dirnames[:] = [d for d in dirnames if d not in ("site-packages", "dist-packages", "__pycache__")]
        for name in sorted(filenames):
            if name.endswith(".py"):
                files.append(os.path.join(dirpath, name))
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pymm", required=True)
    ap.add_argument("--parse-only", help="the parse-only program (tests/bench/parse_only.c)")
    ap.add_argument("--peers-dir", default=os.path.expanduser("~/.cache/pymm-bench"))
    ap.add_argument("--stdlib", default="/usr/lib/python3.11")
    ap.add_argument("--inputs", help="where the generated inputs go (default: a temporary directory)")
    ap.add_argument("--out", help="the Markdown report (default: stdout)")
    ap.add_argument("--json", help="also write every figure as JSON here")
    ap.add_argument("--runs", type=int, default=3, help="pymm sessions and batch runs (medians)")
    ap.add_argument("--init-runs", type=int, default=15)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--quick", action="store_true", help="a smoke run: the 1k-line file, 50 hovers, no peers")
    args = ap.parse_args()
    started = time.time()
    args.pymm = os.path.abspath(args.pymm)
    if args.parse_only:
        args.parse_only = os.path.abspath(args.parse_only)
    if args.parse_only and not os.access(args.parse_only, os.X_OK):
        log("no parse-only program at %s: budgets relative to a parse are n/a" % args.parse_only)
        args.parse_only = None
    if args.quick:
        args.no_peers = True
        args.runs = 1
        args.init_runs = 3

    inputs = args.inputs or tempfile.mkdtemp(prefix="pymm-bench-inputs-")
    sizes = (1000,) if args.quick else gen_inputs.SIZES
    gen_inputs.main(["gen_inputs.py", inputs, "--sizes", ",".join(map(str, sizes))])
    main_input = os.path.join(inputs, "gen_1k.py" if args.quick else "gen_10k.py")

    # Counts, and time caps that keep a run to minutes even when a server is slow (then fewer are measured).
    pymm_limits = dict(open_timeout=10, hovers=50 if args.quick else 500, hover_seconds=30,
                       actions=20 if args.quick else 200, action_seconds=20, edits=20 if args.quick else 200,
                       edit_seconds=30, edit_timeout=5)
    peer_limits = dict(open_timeout=120, hovers=200, hover_seconds=30, actions=40, action_seconds=20, edits=20,
                       edit_seconds=45, edit_timeout=60)

    parse_ms = parse_ms_of(args, main_input, 5 if args.quick else 21)
    servers = server_commands(args)
    versions = {"pymm": peer_version("pymm", args)}
    results = {}
    for name, argv in servers.items():
        if argv is None:
            results[name] = {"why": {k: "%s is not installed" % name for k in
                                     ("init", "hover", "open_diag", "edit_diag", "action", "idle_rss_kb", "peak_rss_kb")}}
            continue
        if name != "pymm":
            versions[name] = peer_version(name, args)
        log("%s: spawn → initialize" % name)
        root = tempfile.mkdtemp(prefix="pymm-bench-")
        if name == "pymm":  # interleaved one by one with `--version`, so both see the same load
            pairs = [(spawn_to_initialize(argv, root, 1), spawn_to_exit([args.pymm, "--version"], 1))
                     for _ in range(args.init_runs)]
            init = median([a for a, _ in pairs])
            version_seconds = median([b for _, b in pairs])
        else:
            init = spawn_to_initialize(argv, root, 3)
        shutil.rmtree(root, ignore_errors=True)
        runs = args.runs if name == "pymm" else 1
        log("%s: %d session(s) on %s" % (name, runs, os.path.basename(main_input)))
        r = summarize_runs([session(name, argv, main_input, pymm_limits if name == "pymm" else peer_limits)
                            for _ in range(runs)])
        r["init"] = ms(init)
        if name == "pymm":
            r["version_ms"] = ms(version_seconds)
        results[name] = r

    other = []
    if not args.quick:
        extra = [os.path.join(inputs, "gen_1k.py"), os.path.join(inputs, "gen_100k.py"),
                 os.path.join(inputs, "long_line.py")]
        if os.path.isdir(args.stdlib):
            extra += sorted(stdlib_files(args.stdlib), key=os.path.getsize, reverse=True)[:2]
        few = dict(pymm_limits, hovers=500, edits=100, hover_seconds=15, action_seconds=5, actions=20, edit_seconds=15)
        for path in extra:
            log("pymm: one session on %s" % path)
            other.append((path, parse_ms_of(args, path, 5), summarize_runs([session("pymm", servers["pymm"], path, few)])))

    batch_r = None
    if os.path.isdir(args.stdlib):
        files = stdlib_files(args.stdlib)
        if args.quick:
            files = files[:40]
        log("batch: %d files" % len(files))
        batch_r = batch(args, files, args.runs, args.jobs, not args.no_peers)
        if not args.no_peers:
            versions["ruff-wasm"] = peer_version("ruff-wasm", args)
            versions["pylint"] = peer_version("pylint", args)

    text = report(args, results, parse_ms, main_input, batch_r, versions, other, started)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
        log("wrote %s" % args.out)
    else:
        sys.stdout.write(text)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"parse_ms": parse_ms, "servers": results, "batch": batch_r,
                       "other": [(p, pm, r) for p, pm, r in other]}, f, indent=1, default=str)
    if not args.inputs:
        shutil.rmtree(inputs, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
