"""App test: the trainee's hand under real input (xdotool). In a three-quarter view the pen stands
perpendicular on the forehead (the camera does not tilt it); Shift + mouse tilts it 25 degrees on the
cheek; turning the view does not change the reading; the session's poses carry the tilt, and the
score's needle angles and technique follow the hand, not the camera."""
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from app_driver import App, display_size, glide, need_display, screenshot, walk_to_treatment, xdo  # noqa: E402


def pen_angle(app):
    found = [l for l in app.history if l.startswith("pen_angle ")]
    return int(found[-1].split()[1]) if found else None


def wait_angle(app, wanted, tolerance, timeout=20.0):
    end = time.time() + timeout
    while time.time() < end:
        a = pen_angle(app)
        if a is not None and abs(a - wanted) <= tolerance:
            return a
        time.sleep(0.05)
    raise AssertionError(f"the pen angle reading stayed {pen_angle(app)}, not {wanted} +- {tolerance}")


def drag_around(x, y, span=30, sweeps=3):
    xdo("mousemove", x - span, y)
    time.sleep(0.2)
    xdo("mousedown", 1)
    time.sleep(0.1)
    glide([(x - span + i if sweep % 2 == 0 else x + span - i, y + (sweep - 1) * 3)
           for sweep in range(sweeps) for i in range(0, 2 * span + 1, 5)])
    xdo("mouseup", 1)
    time.sleep(0.3)


def main():
    binary, out_dir = sys.argv[1], sys.argv[2]
    need_display()
    os.makedirs(out_dir, exist_ok=True)
    width, height = display_size()
    sessions = tempfile.mkdtemp(prefix="pinpoint-tilt-test-")
    app = App(binary, ["--validation", "--sessions-dir", sessions, "--trainee", "tilt test",
                       "--size", f"{min(width, 1280)}x{min(height, 720)}"], os.path.join(out_dir, "tilt.log"))
    app.wait_for("screen start")
    # XInput 2 answers under Xvfb (it has no tablet): the tablet reader is listening, with nothing to read.
    tablets = app.wait_line("tablets ")
    walk_to_treatment(app)
    xdo("search", "--name", "Pinpoint", "windowfocus", "--sync")

    failures = []
    if tablets != "tablets 0":
        failures.append(f"the pen tablet reader did not start on XInput 2: '{tablets}'")
    # A three-quarter view (key 4): the pen still goes straight into the forehead.
    app.wait_stable("point forehead")
    xdo("key", "4")
    time.sleep(0.8)
    fx, fy = app.wait_stable("point forehead")
    xdo("mousemove", fx, fy)
    try:
        wait_angle(app, 0, 1)
    except AssertionError as e:
        failures.append(f"three-quarter view, no tilt: {e}")
    drag_around(fx, fy)

    # Shift + 100 px to the right on the cheek: 25 degrees (4 px a degree).
    cx, cy = app.wait_stable("point cheek_left")
    xdo("mousemove", cx, cy)
    time.sleep(0.4)
    xdo("keydown", "shift")
    time.sleep(0.2)
    for i in range(1, 11):
        xdo("mousemove", cx + 10 * i, cy)
        time.sleep(0.05)
    time.sleep(0.3)
    xdo("keyup", "shift")
    time.sleep(0.4)
    try:
        tilted = wait_angle(app, 25, 2)
        print(f"pen angle after Shift + 100 px: {tilted} degrees")
    except AssertionError as e:
        failures.append(f"Shift + move: {e}")
    screenshot(os.path.join(out_dir, "tilt_cheek.png"))
    # The mouse went back onto the pen: needle there.
    drag_around(cx, cy, span=20)

    # Turning the head to the front view changes nothing about the hand.
    xdo("key", "1")
    time.sleep(0.8)
    cx, cy = app.wait_stable("point cheek_left")
    xdo("mousemove", cx, cy)
    try:
        wait_angle(app, 25, 2)
    except AssertionError as e:
        failures.append(f"front view after the tilt: {e}")
    screenshot(os.path.join(out_dir, "tilt_front.png"))
    xdo("key", "p")  # upright again
    try:
        wait_angle(app, 0, 1)
    except AssertionError as e:
        failures.append(f"P (upright): {e}")

    screenshot(os.path.join(out_dir, "tilt_before_finish.png"))
    app.click_to("finish", "debrief")
    app.click("quit")
    rc = app.finish()
    if rc != 0:
        failures.append(f"the app exited with {rc} (3: Vulkan validation messages; see tilt.log)")

    lines = [json.loads(l) for l in open(app.session)]
    axes = [tuple(l["axis"]) for l in lines if l.get("type") == "pose" and l.get("contact") and "axis" in l]
    print(f"{len(axes)} contact poses with an axis")
    if len(axes) < 40:
        failures.append(f"only {len(axes)} contact poses carry an axis")
    score = subprocess.run([binary, "score", "--json", app.session], capture_output=True, text=True)
    if score.returncode != 0:
        failures.append("pinpoint score failed: " + score.stderr)
    else:
        report = json.loads(score.stdout)
        zones = report["zones"]
        forehead, cheek = zones.get("forehead", {}), zones.get("cheek_left", {})
        fa = forehead.get("needle_angle_deg", {}).get("mean")
        ca = cheek.get("needle_angle_deg", {}).get("mean")
        print(f"needle angle: forehead mean {fa}, left cheek mean {ca}")
        if fa is None or fa > 3.0:
            failures.append(f"the forehead, needled upright in a three-quarter view, scored {fa} degrees off perpendicular")
        if ca is None or abs(ca - 25.0) > 3.0:
            failures.append(f"the cheek, needled at a 25 degree tilt, scored {ca} degrees")
        reasons = json.dumps(report.get("deductions", report))
        if "off perpendicular" not in reasons:
            failures.append("the technique score does not deduct for the tilted needles")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
