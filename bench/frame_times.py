#!/usr/bin/env python3
"""Frame times of two builds of the simulator, measured in one run: each binary's `--bench-frames`
is run in turn, alternating, so that load on the machine falls on both alike. Prints, per binary, the
median over the runs of: needling frames (median, p95), turning-the-head frames (median) and the
start-up to the first frame.

    xvfb-run -a -s '-screen 0 1280x720x24' bench/frame_times.py OLD/pinpoint NEW/pinpoint [--runs 5] [--frames 300]

Needs a display (Xvfb) and, for lavapipe, nothing else; on a GPU machine pass --size 1920x1080.
"""
import argparse
import re
import statistics
import subprocess
import sys

PATTERNS = {
    "needling median": r"treatment frames.*\nframe time: mean [\d.]+ ms, median ([\d.]+) ms",
    "needling p95": r"treatment frames.*\nframe time: .*p95 ([\d.]+) ms",
    "turning median": r"frames turning the head.*\nframe time: mean [\d.]+ ms, median ([\d.]+) ms",
    "start-up": r"start-up to first frame: ([\d.]+) ms",
}


def run(binary, frames, size):
    out = subprocess.run([binary, "--bench-frames", str(frames), "--size", size], capture_output=True, text=True,
                         timeout=600)
    if out.returncode != 0:
        raise SystemExit(f"{binary} exited {out.returncode}: {out.stderr.strip()[-400:]}")
    values = {}
    for name, pattern in PATTERNS.items():
        m = re.search(pattern, out.stdout)
        if m:
            values[name] = float(m.group(1))
    device = re.search(r"device: (.*)", out.stdout)
    return values, device.group(1) if device else "?"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("binaries", nargs="+")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--frames", type=int, default=300)
    p.add_argument("--size", default="1280x720")
    a = p.parse_args()
    results = {b: [] for b in a.binaries}
    devices = {}
    for r in range(a.runs):
        for b in a.binaries:
            values, devices[b] = run(b, a.frames, a.size)
            results[b].append(values)
            print(f"run {r + 1} {b}: " + ", ".join(f"{k} {v:.1f}" for k, v in values.items()), flush=True)
    print()
    for b in a.binaries:
        print(f"{b} ({devices[b]}), median of {a.runs} runs:")
        for name in PATTERNS:
            vals = [v[name] for v in results[b] if name in v]
            if vals:
                print(f"  {name}: {statistics.median(vals):.1f} ms (runs: {', '.join(f'{v:.1f}' for v in vals)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
