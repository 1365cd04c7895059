"""Runs one app test on an X server of its own: own_display.py COMMAND [ARG...]

The app tests move the real pointer and photograph the whole screen, so two of them on one display
would click into each other's windows. Each gets a fresh Xvfb instead, and so they can run side by
side (ctest -j). Xvfb chooses a free display number itself (-displayfd) and says it only once it
accepts connections, so two tests starting together never take the same one and nothing has to wait
for the server by guessing. The command's exit status is returned; the server is stopped afterwards,
also when ctest stops the test at its timeout (SIGTERM).
"""
import os
import signal
import subprocess
import sys
import tempfile


def start_xvfb():
    """The running Xvfb and its display name (':N')."""
    read_end, write_end = os.pipe()
    log = tempfile.TemporaryFile()  # a file, not a pipe: a pipe nobody reads would stall a chatty server
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x720x24",
                               "-nolisten", "tcp", "-noreset"],
                              pass_fds=(write_end,), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=log)
    os.close(write_end)
    number = b""
    with os.fdopen(read_end, "rb") as announced:
        while not number.endswith(b"\n"):
            chunk = announced.read(1)
            if not chunk:  # Xvfb closed the pipe without a number: it did not start
                break
            number += chunk
    if not number.strip().isdigit():
        server.kill()
        server.wait()
        log.seek(0)
        sys.stderr.write("own_display: Xvfb did not start: " + log.read().decode(errors="replace"))
        raise SystemExit(1)
    return server, ":" + number.strip().decode()


def main():
    command = sys.argv[1:]
    if not command:
        sys.stderr.write("usage: own_display.py COMMAND [ARG...]\n")
        return 2
    # ctest ends a test that outlives its timeout with SIGTERM: stop the server on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    server, display = start_xvfb()
    try:
        env = dict(os.environ, DISPLAY=display)
        env.pop("WAYLAND_DISPLAY", None)
        env.pop("XAUTHORITY", None)  # the outer server's cookie means nothing to this one
        return subprocess.run(command, env=env).returncode
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    sys.exit(main())
