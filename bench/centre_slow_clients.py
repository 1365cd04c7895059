#!/usr/bin/env python3
"""How long the centre takes to answer the health check and a station's batch while slow clients hold
connections open (docs/centre.md, "Slow and many clients").

    bench/centre_slow_clients.py --pinpoint build/pinpoint --slow 400 [--repeat 10] [-- SERVE OPTIONS...]

Starts `pinpoint centre serve` on a temporary SQLite store, adds a station, makes a session with
`pinpoint demo`, opens --slow connections from 127.0.0.1 that send a request line, then its headers
one byte a second, never finishing them, then times --repeat health checks and --repeat batches (the session's first 100
lines, resent: answered 200, nothing added after the first) from 127.0.0.2, each on a new connection.
A request not answered within 20 s counts as unanswered. Prints the median and the slowest, in ms.
"""
import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

GUARD_S = 20.0


def request(port, raw, source="127.0.0.2"):
    """The status and the seconds the answer took, or (0, None) when none came within the guard."""
    start = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=GUARD_S, source_address=(source, 0)) as s:
            s.sendall(raw)
            got = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                got += chunk
        status = int(got[9:12]) if got.startswith(b"HTTP/1.1 ") else 0
        return status, time.monotonic() - start
    except OSError:
        return 0, None


class SlowClients:
    def __init__(self, port, count):
        self.socks, self.stop = [], threading.Event()
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            s.connect(("127.0.0.1", port))
            s.send(b"GET /api/v1/health HTTP/1.1\r\n")
            s.setblocking(False)
            self.socks.append(s)
        self.thread = threading.Thread(target=self.trickle, daemon=True)
        self.thread.start()

    def trickle(self):
        head = b"X-Slow: "
        at = 0
        while not self.stop.wait(1.0):
            byte = head[at:at + 1] or b"a"
            at += 1
            for s in self.socks:
                try:
                    s.send(byte)
                except OSError:
                    pass

    def close(self):
        self.stop.set()
        self.thread.join()
        for s in self.socks:
            s.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pinpoint", required=True)
    ap.add_argument("--slow", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("serve_args", nargs="*")
    a = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    tmp = tempfile.mkdtemp(prefix="pinpoint-slow-bench-")
    centre = None
    try:
        db = os.path.join(tmp, "centre.sqlite")
        token = subprocess.run([a.pinpoint, "centre", "add-station", "bench", "--db", db], check=True,
                               capture_output=True, text=True).stdout.strip()
        demo = os.path.join(tmp, "demo.pps")
        subprocess.run([a.pinpoint, "demo", "--zones", "forehead", "--out", demo], check=True, stdout=subprocess.DEVNULL)
        lines = open(demo).read().split("\n")[:100]
        key = json.loads(lines[0])["h"]
        body = json.dumps({"first": 0, "lines": lines}).encode()
        batch = (f"POST /api/v1/sessions/{key}/lines HTTP/1.1\r\nHost: centre\r\nAuthorization: Bearer {token}\r\n"
                 f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
        health = b"GET /api/v1/health HTTP/1.1\r\nHost: centre\r\nConnection: close\r\n\r\n"
        centre = subprocess.Popen([a.pinpoint, "centre", "serve", "--db", db, "--listen", "127.0.0.1:0",
                                   "--key-folder", os.path.join(tmp, "keys")] + a.serve_args,
                                  stdout=subprocess.PIPE, text=True)
        line = centre.stdout.readline()
        while line and "listening on" not in line:
            line = centre.stdout.readline()
        port = int(line.split("127.0.0.1:")[1].split()[0])
        print(f"centre: {line.strip()}", flush=True)
        slow = SlowClients(port, a.slow) if a.slow else None
        time.sleep(1.0)  # let the centre take them all before timing
        for name, raw in (("health", health), ("batch", batch)):
            times, unanswered, statuses = [], 0, set()
            for _ in range(a.repeat):
                status, took = request(port, raw)
                statuses.add(status)
                if took is None or status == 0:
                    unanswered += 1
                else:
                    times.append(took * 1000)
            summary = (f"median {statistics.median(times):.1f} ms, slowest {max(times):.1f} ms" if times else "no answers")
            print(f"{name} with {a.slow} slow connections open: {summary}; {unanswered} of {a.repeat} unanswered "
                  f"within {GUARD_S:.0f} s; statuses {sorted(statuses)}", flush=True)
        if slow:
            slow.close()
    finally:
        if centre:
            centre.terminate()
            try:
                centre.wait(timeout=30)
            except subprocess.TimeoutExpired:
                centre.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
