"""App test: a recording survives a crash. The simulator is walked to the treatment screen on the
default scenario and killed with SIGKILL in the middle of a drag across the forehead, needles down.
Checks: the session file is there, reads and scores (forehead punctures above zero), holds the contact
poses made before the kill, and `pinpoint verify` reports it as cut off, not as intact."""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from app_driver import App, display_size, need_display, stroke_across, xdo  # noqa: E402


def main():
    binary, out_dir = sys.argv[1], sys.argv[2]
    need_display()
    os.makedirs(out_dir, exist_ok=True)
    width, height = display_size()
    sessions = tempfile.mkdtemp(prefix="pinpoint-kill-test-")
    app = App(binary, ["--sessions-dir", sessions, "--trainee", "kill test",
                       "--size", f"{min(width, 1280)}x{min(height, 720)}"], os.path.join(out_dir, "kill.log"))
    app.wait_for("screen start")
    app.click_to("start", "intake")
    app.click_to("to_decision", "decision")
    app.click("choice_proceed")
    app.click_to("decide", "protocol")
    app.click_to("to_tools", "tools")
    app.click_to("to_treatment", "treatment")
    fx, fy = app.wait_stable("point forehead")

    stroke_across(fx - 60, fy, release=False)
    app.proc.send_signal(signal.SIGKILL)  # mid-drag, the button still down
    app.proc.wait(timeout=30)
    xdo("mouseup", 1)

    failures = []
    if app.session is None or not os.path.exists(app.session):
        print("FAIL: no session file was announced or written")
        return 1
    lines = open(app.session, "rb").read().decode("utf-8", "replace").splitlines()
    contact = [l for l in lines if '"type":"pose"' in l and '"contact":true' in l]
    print(f"session {app.session}: {len(lines)} lines, {len(contact)} contact poses before the kill")
    if len(contact) < 10:
        failures.append(f"only {len(contact)} contact poses survived the kill")

    score = subprocess.run([binary, "score", "--json", app.session], capture_output=True, text=True)
    if score.returncode != 0:
        failures.append("the killed recording does not score: " + score.stderr)
    else:
        forehead = json.loads(score.stdout)["zones"]["forehead"]
        print(f"forehead after the kill: {forehead['punctures']} punctures")
        if forehead["punctures"] <= 0:
            failures.append("the killed recording lost its punctures")

    verify = subprocess.run([binary, "verify", app.session], capture_output=True, text=True)
    said = (verify.stdout + verify.stderr).strip()
    print("verify:", said.splitlines()[0] if said else "")
    if verify.returncode != 2 or "truncated" not in said:
        failures.append("verify did not report the killed recording as cut off: " + said)
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
