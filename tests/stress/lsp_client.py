"""A small LSP client over a pipe for the stress tests: frames, reads, waits with deadlines."""
import json
import os
import select
import subprocess
import time


class Client:
    def __init__(self, binary, *args, env=None):
        environment = dict(os.environ)
        environment.setdefault("XDG_CACHE_HOME", os.path.join(os.path.dirname(os.path.abspath(binary)), "cache"))
        environment["PYMM_DEBUG"] = "1"
        environment.update(env or {})
        self.proc = subprocess.Popen([binary, "serve", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=environment)
        self.buffer = b""
        self.stderr = b""
        self.next_id = 0

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def frame(self, message):
        body = json.dumps(message).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def notify(self, method, params):
        self.send_raw(self.frame({"jsonrpc": "2.0", "method": method, "params": params}))

    def request(self, method, params, send=True):
        self.next_id += 1
        data = self.frame({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        if send:
            self.send_raw(data)
        return self.next_id if send else (self.next_id, data)

    def _pump(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError("timed out waiting for the server")
        ready, _, _ = select.select([self.proc.stdout, self.proc.stderr], [], [], left)
        if self.proc.stderr in ready:
            self.stderr += os.read(self.proc.stderr.fileno(), 1 << 16)
        if self.proc.stdout in ready:
            chunk = os.read(self.proc.stdout.fileno(), 1 << 20)
            if not chunk:
                raise AssertionError("the server closed its output")
            self.buffer += chunk

    def read(self, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                length = int(self.buffer[:end].split(b":")[1])
                if len(self.buffer) >= end + 4 + length:
                    body = self.buffer[end + 4:end + 4 + length]
                    self.buffer = self.buffer[end + 4 + length:]
                    return json.loads(body)
            self._pump(deadline)

    def response(self, id, timeout=60):
        while True:
            m = self.read(timeout)
            if m.get("id") == id and "method" not in m:
                return m

    def initialize(self):
        self.response(self.request("initialize", {"capabilities": {}}))
        self.notify("initialized", {})

    def wait_exit(self, timeout=60):
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None:
            if time.monotonic() > deadline:
                self.proc.kill()
                raise AssertionError("the server did not exit")
            ready, _, _ = select.select([self.proc.stdout, self.proc.stderr], [], [], 0.05)
            for stream in ready:
                chunk = os.read(stream.fileno(), 1 << 16)
                if stream is self.proc.stderr:
                    self.stderr += chunk
        self.stderr += self.proc.stderr.read()
        return self.proc.returncode

    def shutdown(self):
        self.response(self.request("shutdown", None))
        self.notify("exit", None)
        code = self.wait_exit()
        assert code == 0, "exit code %d" % code

    def text(self, uri):
        return self.response(self.request("pymm/documentText", {"textDocument": {"uri": uri}}))["result"]


def open_document(client, uri, text, version=1):
    client.notify("textDocument/didOpen",
                  {"textDocument": {"uri": uri, "languageId": "python", "version": version, "text": text}})


def hover(client, uri, line, character, send=True):
    return client.request("textDocument/hover",
                          {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}, send)
