"""A small LSP client over stdio for the benchmarks: frames messages, reads them on a thread with their arrival
time, answers the server's own requests, and reads the server's memory from /proc."""
import json
import os
import queue
import subprocess
import threading
import time


class ServerGone(Exception):
    pass


class Client:
    def __init__(self, argv, cwd=None, env=None):
        self.t_spawn = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, cwd=cwd, env=env, bufsize=0)
        self.inbox = queue.Queue()
        self.next_id = 0
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.kept = []  # messages set aside while waiting for something else

    # ---- framing --------------------------------------------------------------------------------
    def _read(self):
        out = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        self.inbox.put((time.perf_counter(), None))
                        return
                    line = line.strip()
                    if not line:
                        if length is not None:
                            break
                        continue
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                body = b""
                while len(body) < length:
                    chunk = out.read(length - len(body))
                    if not chunk:
                        self.inbox.put((time.perf_counter(), None))
                        return
                    body += chunk
                # A reply counts as arrived with its last byte: decoding it is this client's own work (4-5 ms
                # in Python for a 380 KB publishDiagnostics), not the server's, and the same for every server.
                now = time.perf_counter()
                message = json.loads(body)
                if "method" in message and "id" in message:
                    self._answer(message)
                self.inbox.put((now, message))
        except (OSError, ValueError):
            self.inbox.put((time.perf_counter(), None))

    def _answer(self, request):
        """The server asked something: answer at once so it never waits on us."""
        method = request["method"]
        if method == "workspace/configuration":
            items = request.get("params", {}).get("items", [])
            result = [None for _ in items]
        else:  # client/registerCapability, window/workDoneProgress/create, ...
            result = None
        self.send({"jsonrpc": "2.0", "id": request["id"], "result": result})

    def send(self, message):
        body = json.dumps(message).encode()
        data = b"Content-Length: %d\r\n\r\n" % len(body) + body
        with self.lock:
            try:
                self.proc.stdin.write(data)
                self.proc.stdin.flush()
            except (BrokenPipeError, OSError):
                raise ServerGone()
        return time.perf_counter()

    def request(self, method, params):
        self.next_id += 1
        rid = self.next_id
        t0 = self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid, t0

    def notify(self, method, params):
        return self.send({"jsonrpc": "2.0", "method": method, "params": params})

    # ---- waiting --------------------------------------------------------------------------------
    def wait(self, predicate, timeout):
        """The first message (arrival time, message) that satisfies 'predicate'; None after 'timeout' s.
        Messages that do not match are kept for later waits."""
        for i, (t, m) in enumerate(self.kept):
            if predicate(m):
                del self.kept[i]
                return t, m
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            try:
                t, m = self.inbox.get(timeout=left)
            except queue.Empty:
                return None
            if m is None:
                raise ServerGone()
            if predicate(m):
                return t, m
            if "id" in m and "method" not in m:
                continue  # a stale response (to a request we gave up on)
            self.kept.append((t, m))
            if len(self.kept) > 10000:
                del self.kept[:5000]

    def response(self, rid, timeout):
        return self.wait(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def call(self, method, params, timeout):
        """(seconds, result or error message) or (None, None) after the timeout."""
        rid, t0 = self.request(method, params)
        got = self.response(rid, timeout)
        if got is None:
            return None, None
        return got[0] - t0, got[1]

    def drop_kept(self, predicate):
        self.kept = [(t, m) for t, m in self.kept if not predicate(m)]
        while True:
            try:
                t, m = self.inbox.get_nowait()
            except queue.Empty:
                return
            if m is None:
                raise ServerGone()
            if not predicate(m) and not ("id" in m and "method" not in m):
                self.kept.append((t, m))

    # ---- memory ---------------------------------------------------------------------------------
    def _tree(self):
        """The server's pid and those of its descendants."""
        pids = [self.proc.pid]
        try:
            parents = {}
            for name in os.listdir("/proc"):
                if name.isdigit():
                    try:
                        with open("/proc/%s/stat" % name) as f:
                            fields = f.read().rsplit(")", 1)[1].split()
                        parents.setdefault(int(fields[1]), []).append(int(name))
                    except OSError:
                        pass
            i = 0
            while i < len(pids):
                pids.extend(parents.get(pids[i], []))
                i += 1
        except OSError:
            pass
        return pids

    def memory_kb(self, field):
        """Sum of /proc/PID/status 'field' (VmHWM, VmRSS) over the server's process tree, in kB."""
        total = 0
        for pid in self._tree():
            try:
                with open("/proc/%d/status" % pid) as f:
                    for line in f:
                        if line.startswith(field + ":"):
                            total += int(line.split()[1])
            except OSError:
                pass
        return total

    def close(self, timeout=5.0):
        try:
            rid, _ = self.request("shutdown", None)
            self.response(rid, timeout)
            self.notify("exit", None)
        except ServerGone:
            pass
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
