"""App test: the window on the default scenario, walked with real input (xdotool) through intake,
decision, protocol and device set-up, then a drag across the forehead with the left button held.
Checks: exit 0 with Vulkan validation on (no message), the session file holds the intake question,
the decision, the steps and contact poses, its score shows forehead coverage, and a screenshot shows
erythema where the drag went (forehead pixels redder than before)."""
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from app_driver import App, display_size, glide, need_display, read_ppm, screenshot, xdo  # noqa: E402


def redness(path, box):
    """Mean of (R - G) over a box (x0, y0, x1, y1) of a picture."""
    w, _, rgb = read_ppm(path)
    x0, y0, x1, y1 = box
    total, n = 0, 0
    for y in range(y0, y1):
        row = y * w * 3
        for x in range(x0, x1):
            i = row + 3 * x
            total += rgb[i] - rgb[i + 1]
            n += 1
    return total / n


def main():
    binary, out_dir = sys.argv[1], sys.argv[2]
    need_display()
    os.makedirs(out_dir, exist_ok=True)
    width, height = display_size()
    sessions = tempfile.mkdtemp(prefix="pinpoint-app-test-")
    app = App(binary, ["--validation", "--sessions-dir", sessions, "--trainee", "app test",
                       "--size", f"{min(width, 1280)}x{min(height, 720)}"], os.path.join(out_dir, "walk.log"))
    app.wait_for("screen start")
    screenshot(os.path.join(out_dir, "walk_start.png"))
    app.click_to("start", "intake")
    app.click("ask_medication")
    app.click("ask_cold_sores")
    screenshot(os.path.join(out_dir, "walk_intake.png"))
    app.click_to("to_decision", "decision")
    app.click("choice_proceed")
    app.click_to("decide", "protocol")
    for step in ("cleanse", "numbing_applied", "numbing_removed", "disinfect"):
        app.click("step_" + step)
    app.click_to("to_tools", "tools")
    screenshot(os.path.join(out_dir, "walk_tools.png"))
    # The swapchain follows the window: smaller, then back to full size.
    xdo("search", "--name", "Pinpoint", "windowsize", "%@", 900, 560)
    app.wait_for_size(900, 560)
    screenshot(os.path.join(out_dir, "walk_resized.png"))
    xdo("search", "--name", "Pinpoint", "windowsize", "%@", min(width, 1280), min(height, 720))
    app.wait_for_size(min(width, 1280), min(height, 720))
    app.click_to("to_treatment", "treatment")

    fx, fy = app.wait_stable("point forehead")
    # One depth step up: 0.55 mm is beyond the forehead's range, so the drag must raise a warning
    # that the session records.
    app.click("depth_up")
    # The mouse away from the head, then the picture before.
    xdo("mousemove", 5, height - 5)
    time.sleep(0.5)
    before = os.path.join(out_dir, "walk_before.png")
    screenshot(before)

    # A drag across the forehead with the button held, to and fro.
    span = 70
    xdo("mousemove", fx - span, fy)
    time.sleep(0.3)
    xdo("mousedown", 1)
    time.sleep(0.1)
    glide([(fx - span + i if sweep % 2 == 0 else fx + span - i, fy + (sweep - 1.5) * 3)
           for sweep in range(4) for i in range(0, 2 * span + 1, 5)])
    xdo("mouseup", 1)
    time.sleep(0.3)
    screenshot(os.path.join(out_dir, "walk_tool.png"))
    # Quick key taps (shorter than a frame can be) each step the depth: ] ] [ from 0.55 mm.
    xdo("search", "--name", "Pinpoint", "windowfocus", "--sync")
    xdo("key", "--delay", "40", "bracketright", "bracketright", "bracketleft")
    time.sleep(0.4)
    xdo("mousemove", 5, height - 5)  # the tool off the head: the skin is seen as it is
    time.sleep(0.6)
    after = os.path.join(out_dir, "walk_after.png")
    screenshot(after)
    # The heatmap (H) with its legend: the landmarks are the score's numbers (checked below).
    xdo("key", "h")
    legend_line = app.wait_line("legend ", 10)
    time.sleep(0.4)
    screenshot(os.path.join(out_dir, "walk_heatmap.png"))
    xdo("key", "h")
    time.sleep(0.3)

    box = (fx - span + 10, fy - 8, fx + span - 10, fy + 8)
    r0, r1 = redness(before, box), redness(after, box)
    print(f"forehead redness (R-G) before {r0:.1f}, after {r1:.1f}")
    away = (fx - 20, fy + 150, fx + 20, fy + 170)  # the chin / mouth area: untouched
    a0, a1 = redness(before, away), redness(after, away)
    print(f"untouched area redness before {a0:.1f}, after {a1:.1f}")

    app.click("finish")
    app.wait_for("screen debrief")
    time.sleep(0.5)
    screenshot(os.path.join(out_dir, "walk_debrief.png"))
    print(app.score_line)
    app.click("quit")
    rc = app.finish()

    failures = []
    if rc != 0:
        failures.append(f"the app exited with {rc} (3: Vulkan validation messages; see walk.log)")
    if r1 - r0 < 6.0:
        failures.append(f"no erythema where the drag went: redness {r0:.1f} -> {r1:.1f}")
    if abs(a1 - a0) > 2.0:
        failures.append(f"skin away from the drag changed: {a0:.1f} -> {a1:.1f}")

    session = app.session
    lines = [json.loads(l) for l in open(session)]
    header = lines[0]
    if header.get("type") != "header" or header.get("scenario") in (None, "") and header.get("scenario_id") in (None, ""):
        failures.append(f"bad header: {header}")
    types = [l.get("type") for l in lines[1:]]
    contact = [l for l in lines if l.get("type") == "pose" and l.get("contact")]
    print(f"session {session}: {len(lines) - 1} events, {len(contact)} contact poses")
    for wanted in ("question", "decision", "step", "tool"):
        if wanted not in types:
            failures.append(f"no {wanted} event in the session")
    if len(contact) < 40:
        failures.append(f"only {len(contact)} contact poses")
    if not any(l.get("type") == "pose" and l.get("contact") is False for l in lines):
        failures.append("no contact=false pose on release")
    times = [l["t"] for l in lines[1:]]
    if times != sorted(times):
        failures.append("event times go backwards")
    scored = json.loads(subprocess.run([binary, "score", "--json", session], capture_output=True, text=True).stdout)
    density = scored["zones"]["forehead"]["density_per_cm2"]
    wanted_legend = f"legend target {density['target']:.0f} maximum {density['max']:.0f}"
    if legend_line != wanted_legend:
        failures.append(f"the heatmap's legend '{legend_line}' is not the score's '{wanted_legend}'")
    depths = [l.get("depth_mm") for l in lines if l.get("type") == "tool"]
    if depths[-4:] != [0.55, 0.6, 0.65, 0.6]:
        failures.append(f"Depth + then the keys ] ] [ did not record 0.55, 0.6, 0.65, 0.6 mm exactly: {depths}")
    warned = [l for l in lines if l.get("type") == "warning" and l.get("kind") == "depth_out_of_range"]
    print(f"depth warnings recorded: {len(warned)}")
    if not warned or warned[0].get("zone") != "forehead":
        failures.append(f"no depth_out_of_range warning on the forehead in the session: {warned[:2]}")

    # Finish closed the recording with its signature: the file must verify as signed and intact.
    verify = subprocess.run([binary, "verify", session], capture_output=True, text=True)
    print(verify.stdout.strip().splitlines()[0] if verify.stdout.strip() else verify.stderr.strip())
    if verify.returncode != 0 or "signed and intact" not in verify.stdout:
        failures.append("the recording does not verify as signed and intact: " + verify.stdout + verify.stderr)

    score = subprocess.run([binary, "score", "--json", session], capture_output=True, text=True)
    if score.returncode != 0:
        failures.append("pinpoint score failed: " + score.stderr)
    else:
        report = json.loads(score.stdout)
        # The score the trainee saw at Finish is the one re-derived from the file.
        shown = float(app.score_line.split()[1]) if app.score_line else None
        print(f"score at Finish {shown}, re-derived {report['score']}")
        if shown is None or abs(shown - report["score"]) > 0.051:
            failures.append(f"the score at Finish ({shown}) differs from the re-derived one ({report['score']})")
        forehead = report["zones"]["forehead"]
        print(f"forehead: coverage {forehead['coverage']}, punctures {forehead['punctures']}")
        if forehead["punctures"] <= 0 or forehead["coverage"] <= 0.0:
            failures.append(f"forehead coverage did not rise: {forehead}")
        if report["punctures"]["forbidden"] != 0:
            failures.append("needles landed in a forbidden area")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
