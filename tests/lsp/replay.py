#!/usr/bin/env python3
"""Replays an LSP transcript (tests/lsp/*.lsp) against the real `pymm serve` and checks every answer.

Transcript lines:
  # comment
  >> {json}            send a message (framed with Content-Length)
  >>raw TEXT           send TEXT as it is; \\r \\n \\\\ and \\xNN are unescaped (for bad frames)
  >>batch              the following >> lines (up to >>end) go out in one write, so the server reads them together
  << {json}            wait for the next message that matches this subset; notifications that do not match are
                       skipped, a response that does not match fails; a string "~text" matches any string
                       containing text; {"$absent": true} matches a missing key
  <<none METHOD        no message with this method arrived so far
  >>close              close the server's stdin
  <<exit N             wait for the server to exit with code N
Continuation lines start with whitespace. Every wait has a timeout: a hang is a failure, not a stuck test.
${EXAMPLE} in a line is replaced by the file: URI of editors/example.py.
"""
import json
import os
import re
import select
import subprocess
import sys
import time

TIMEOUT = float(os.environ.get("PYMM_REPLAY_TIMEOUT", "10"))  # longer under valgrind


class Failure(Exception):
    pass


def unescape(text):
    return re.sub(rb"\\(r|n|\\|x[0-9a-fA-F]{2})",
                  lambda m: {b"r": b"\r", b"n": b"\n", b"\\": b"\\"}.get(m.group(1)) or bytes([int(m.group(1)[1:], 16)]),
                  text.encode())


def frame(obj_text):
    body = json.dumps(json.loads(obj_text), ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def matches(expected, actual):
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return False
        for key, value in expected.items():
            if value == {"$absent": True}:
                if key in actual:
                    return False
            elif key not in actual or not matches(value, actual[key]):
                return False
        return True
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) >= len(expected) and all(
            matches(e, a) for e, a in zip(expected, actual))
    if isinstance(expected, str) and expected.startswith("~"):
        return isinstance(actual, str) and expected[1:] in actual
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    return expected == actual


class Server:
    def __init__(self, argv, env):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=env)
        self.buffer = b""
        self.stderr = b""
        self.seen = []

    def send(self, data):
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except BrokenPipeError:
            raise Failure("the server closed its input")

    def _read_some(self, deadline):
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure("timed out waiting for the server")
            ready, _, _ = select.select([self.proc.stdout, self.proc.stderr], [], [], left)
            if self.proc.stderr in ready:
                chunk = os.read(self.proc.stderr.fileno(), 65536)
                self.stderr += chunk
            if self.proc.stdout in ready:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    raise Failure("the server closed its output")
                self.buffer += chunk
                return

    def read_message(self, deadline):
        # stdout must carry only protocol: every byte belongs to a Content-Length frame.
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                header = self.buffer[:end].decode("ascii", "replace")
                m = re.fullmatch(r"Content-Length: (\d+)", header)
                if not m:
                    raise Failure("stdout carried something that is not an LSP header: %r" % self.buffer[:200])
                length = int(m.group(1))
                if len(self.buffer) >= end + 4 + length:
                    body = self.buffer[end + 4:end + 4 + length]
                    self.buffer = self.buffer[end + 4 + length:]
                    message = json.loads(body)
                    self.seen.append(message)
                    return message
            elif len(self.buffer) > 200 and not self.buffer.startswith(b"Content-Length"):
                raise Failure("stdout carried something that is not an LSP header: %r" % self.buffer[:200])
            self._read_some(deadline)

    def wait_exit(self, deadline):
        while self.proc.poll() is None:
            if time.monotonic() > deadline:
                raise Failure("the server did not exit")
            ready, _, _ = select.select([self.proc.stdout, self.proc.stderr], [], [], 0.05)
            for stream in ready:
                chunk = os.read(stream.fileno(), 65536)
                if stream is self.proc.stderr:
                    self.stderr += chunk
                else:
                    self.buffer += chunk
        return self.proc.returncode


def entries(path, substitutions):
    current = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            for key, value in substitutions.items():
                line = line.replace("${%s}" % key, value)
            if line.startswith((" ", "\t")) and current is not None:
                current[1] += "\n" + line
                continue
            if current is not None:
                yield current
                current = None
            if not line.strip() or line.startswith("#"):
                continue
            m = re.match(r"(>>raw|>>batch|>>end|>>close|>>|<<none|<<exit|<<)\s?(.*)", line)
            if not m:
                raise Failure("%s: cannot read line: %s" % (path, line))
            current = [m.group(1), m.group(2)]
    if current is not None:
        yield current


def run(binary, path):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    example = os.path.join(root, "editors", "example.py")
    substitutions = {"EXAMPLE": "file://" + example, "ROOT": root}
    env = dict(os.environ)
    env.setdefault("XDG_CACHE_HOME", os.path.join(os.path.dirname(os.path.abspath(binary)), "cache"))
    server = Server([binary, "serve"], env)
    batch = None
    step = 0
    try:
        for kind, text in entries(path, substitutions):
            step += 1
            deadline = time.monotonic() + TIMEOUT
            if kind == ">>":
                data = frame(text)
                if batch is not None:
                    batch.append(data)
                else:
                    server.send(data)
            elif kind == ">>raw":
                data = unescape(text)
                if batch is not None:
                    batch.append(data)
                else:
                    server.send(data)
            elif kind == ">>batch":
                batch = []
            elif kind == ">>end":
                server.send(b"".join(batch))
                batch = None
            elif kind == ">>close":
                server.proc.stdin.close()
            elif kind == "<<":
                expected = json.loads(text)
                while True:
                    message = server.read_message(deadline)
                    if matches(expected, message):
                        break
                    if "id" in message and "method" not in message:
                        raise Failure("step %d: expected %s\n  got %s" % (step, json.dumps(expected),
                                                                        json.dumps(message)[:2000]))
            elif kind == "<<none":
                hits = [m for m in server.seen if m.get("method") == text.strip()]
                if hits:
                    raise Failure("step %d: unexpected %s: %s" % (step, text, json.dumps(hits[0])[:500]))
            elif kind == "<<exit":
                code = server.wait_exit(deadline)
                if code != int(text):
                    raise Failure("step %d: exit code %d, expected %s" % (step, code, text))
        if server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait()
        print("%s: 1 passed, 0 failed" % os.path.basename(path))
        return 0
    except Failure as e:
        server.proc.kill()
        server.proc.wait()
        try:
            server.stderr += server.proc.stderr.read()
        except Exception:
            pass
        sys.stderr.write("%s: %s\n--- server stderr ---\n%s\n" % (path, e, server.stderr.decode(errors="replace")[-4000:]))
        print("%s: 0 passed, 1 failed" % os.path.basename(path))
        return 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: replay.py PYMM_BINARY TRANSCRIPT.lsp")
    sys.exit(run(sys.argv[1], sys.argv[2]))
