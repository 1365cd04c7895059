"""App test: a station streams its session to the training centre while it records (docs/centre.md,
"Stations"). A real `pinpoint centre serve` on a free port; the simulator started with --centre and the
token in PINPOINT_CENTRE_TOKEN, its sessions folder holding one earlier session the centre has not seen
(the offline queue). Walked to treatment, a drag across the forehead, Finish, Quit.
Checks: the treatment panel's centre line says lines were witnessed while still recording; after Quit
the centre holds every line of the session, finished and witnessed, and the earlier session too; the
centre's key was pinned in the station's configuration (mode 0600); the app exits 0."""
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))
from centre_launch import start_centre  # noqa: E402
from app_driver import App, display_size, need_display, screenshot, stroke_across, walk_to_treatment, xdo  # noqa: E402


def get(url, token):
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=10) as res:
        return json.loads(res.read())


def session_key(path):
    with open(path) as f:
        return json.loads(f.readline())["h"]


def main():
    binary, out_dir = sys.argv[1], sys.argv[2]
    need_display()
    os.makedirs(out_dir, exist_ok=True)
    width, height = display_size()
    work = tempfile.mkdtemp(prefix="pinpoint-station-test-")
    sessions = os.path.join(work, "sessions")
    os.makedirs(sessions)
    db = os.path.join(work, "centre.sqlite")
    token = subprocess.run([binary, "centre", "add-station", "app-station", "--db", db], capture_output=True, text=True,
                           check=True).stdout.strip()
    earlier = os.path.join(sessions, "earlier.pps")
    subprocess.run([binary, "demo", "--zones", "forehead", "--out", earlier], check=True, capture_output=True)
    centre_log = open(os.path.join(out_dir, "station_centre.log"), "w")
    try:
        centre, url = start_centre(binary, db, os.path.join(work, "keys"), centre_log)
    except AssertionError as e:
        print("FAIL: " + str(e))
        return 1
    failures = []
    try:
        config = os.path.join(work, "station.toml")
        os.environ["PINPOINT_STATION_CONFIG"] = config
        os.environ["PINPOINT_CENTRE_TOKEN"] = token
        app = App(binary, ["--sessions-dir", sessions, "--trainee", "station test", "--centre", url,
                           "--size", f"{min(width, 1280)}x{min(height, 720)}"], os.path.join(out_dir, "station.log"))
        app.wait_for("screen start")
        walk_to_treatment(app)
        fx, fy = app.wait_stable("point forehead")
        stroke_across(fx - 60, fy)
        xdo("mousemove", 5, height - 5)
        # The centre line while recording: some lines witnessed already (sent about once a second).
        deadline = time.time() + 20
        witnessed = 0
        while time.time() < deadline and witnessed == 0:
            lines = [l for l in app.history if l.startswith("centre Centre: witnessed ")]
            if lines:
                witnessed = int(lines[-1].split()[3].replace(",", ""))
            time.sleep(0.1)
        time.sleep(0.3)
        screenshot(os.path.join(out_dir, "station_treatment.png"))
        print("while recording: " + next((l for l in reversed(app.history) if l.startswith("centre ")), "no centre line"))
        if witnessed <= 0:
            failures.append("the treatment panel never said the centre witnessed any line")
        app.click("finish")
        app.wait_for("screen debrief")
        app.click("quit")
        rc = app.finish()
        if rc != 0:
            failures.append(f"the app exited with {rc}")

        recorded = app.session
        total = len([l for l in open(recorded).read().split("\n") if l])
        held = get(f"{url}/api/v1/sessions/{session_key(recorded)}", token)
        print(f"session {recorded}: {total} lines; the centre: {held}")
        if held.get("stored") != total or not held.get("finished") or not held.get("witnessed"):
            failures.append(f"the centre does not hold the session whole and witnessed: {held} of {total} lines")
        # Streamed while it was recorded: witnessed live (docs/centre.md), unlike the earlier session below.
        if held.get("witnessing") != "live":
            failures.append(f"a session streamed while recorded is not called live: {held}")
        ack = json.load(open(recorded + ".centre"))
        if ack.get("stored") != total:
            failures.append(f"the station's acknowledgement says {ack.get('stored')} of {total} lines")
        earlier_total = len([l for l in open(earlier).read().split("\n") if l])
        earlier_held = get(f"{url}/api/v1/sessions/{session_key(earlier)}", token)
        if earlier_held.get("stored") != earlier_total:
            failures.append(f"the earlier session was not sent from the queue: {earlier_held} of {earlier_total} lines")
        if earlier_held.get("witnessing") != "uploaded_afterwards" or earlier_held.get("witnessed"):
            failures.append(f"a session sent from the queue after it was recorded is called live: {earlier_held}")
        health = json.loads(urllib.request.urlopen(url + "/api/v1/health", timeout=10).read())
        text = open(config).read() if os.path.exists(config) else ""
        if f'centre_key = "{health["key"]}"' not in text:
            failures.append("the centre's key was not pinned in station.toml: " + text)
        elif stat.S_IMODE(os.stat(config).st_mode) != 0o600:
            failures.append(f"station.toml has mode {oct(stat.S_IMODE(os.stat(config).st_mode))}, not 0600")
    finally:
        centre.terminate()
        centre.wait(timeout=30)
    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
