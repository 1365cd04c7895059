"""App test: with no display, `pinpoint review SESSION` prints one line saying so and exits 2."""
import os
import subprocess
import sys

binary = sys.argv[1]
env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
r = subprocess.run([binary, "review", "no-such-session.pps"], env=env, capture_output=True, text=True, timeout=30)
lines = [l for l in (r.stdout + r.stderr).splitlines() if l.strip()]
print(r.stdout + r.stderr)
sys.exit(0 if r.returncode == 2 and len(lines) == 1 and "display" in lines[0].lower() else 1)
