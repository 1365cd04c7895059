"""Starts the real `pinpoint centre serve` for the Python tests and waits until it says where it listens.

The centre logs what it did with its scenario folder before that line, so the line is looked for among
the first it prints, with a limit on the wait, never a fixed sleep.
"""
import re
import select
import subprocess
import time


def start_centre(binary, db, keys, log, extra=(), timeout=30.0):
    """`pinpoint centre serve` on the SQLite (or PostgreSQL) store `db` at a free loopback port, its key
    folder `keys`, standard error to the open file `log`. Returns (process, "http://127.0.0.1:PORT");
    raises AssertionError with what it printed when it does not say where it listens within `timeout`."""
    centre = subprocess.Popen([binary, "centre", "serve", "--db", db, "--listen", "127.0.0.1:0", "--key-folder", keys,
                               *extra], stdout=subprocess.PIPE, stderr=log, text=True)
    printed = []
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([centre.stdout], [], [], max(0.0, end - time.monotonic()))
        if not ready:
            break
        line = centre.stdout.readline()
        if not line:  # it exited
            break
        printed.append(line.rstrip("\n"))
        found = re.search(r"listening on (http://127\.0\.0\.1:[0-9]+)", line)
        if found:
            return centre, found.group(1)
    centre.kill()
    centre.wait()
    raise AssertionError("the centre did not say where it listens: " + " | ".join(printed))
