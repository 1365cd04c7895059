"""App test: with no display, `pinpoint` prints one line saying so (and how to get a picture
without one) and exits 2, before loading anything."""
import os
import subprocess
import sys

binary = sys.argv[1]
env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
r = subprocess.run([binary], env=env, capture_output=True, text=True, timeout=30)
lines = [l for l in (r.stdout + r.stderr).splitlines() if l.strip()]
print(r.stdout + r.stderr)
ok = r.returncode == 2 and len(lines) == 1 and "pinpoint render" in lines[0] and "display" in lines[0].lower()
sys.exit(0 if ok else 1)
