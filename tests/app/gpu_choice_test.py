"""App test: `pinpoint --gpu NAME` naming no Vulkan device exits 2 with one located line that says
so and lists the devices there are (under an X server; skipped without one)."""
import os
import subprocess
import sys

binary = sys.argv[1]
if not os.environ.get("DISPLAY"):
    print("no DISPLAY: skipped")
    sys.exit(77)
r = subprocess.run([binary, "--gpu", "no-such-device-xyz"], capture_output=True, text=True, timeout=60)
lines = [l for l in (r.stdout + r.stderr).splitlines() if l.strip()]
print(r.stdout + r.stderr)
ok = (r.returncode == 2 and len(lines) == 1 and "no Vulkan device is named like 'no-such-device-xyz'" in lines[0]
      and "llvmpipe" in lines[0])
sys.exit(0 if ok else 1)
