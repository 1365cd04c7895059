"""App test: `pinpoint review` on a demo session, driven with real input (xdotool). Scrubs to a
moment, rates an item, pins a comment there, signs off and saves; changes a rating and closes: the
window asks, and Close without saving leaves the saved review as it was. Opened again, a changed
rating and the window's close button (WM_DELETE_WINDOW): Keep reviewing keeps the window; closing
again and Save and close saves it. Checks: the review file lies next to the session with those
values, the session file is byte-identical to before, the score shown is the one `pinpoint score
--json` gives for the file, beside it the demo is shown not certifiable, and the window closes with
exit 0 each time."""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from app_driver import App, close_window, display_size, need_display, screenshot, xdo  # noqa: E402


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    binary, out_dir = sys.argv[1], sys.argv[2]
    need_display()
    os.makedirs(out_dir, exist_ok=True)
    width, height = display_size()
    folder = tempfile.mkdtemp(prefix="pinpoint-review-test-")
    session = os.path.join(folder, "demo.pps")
    subprocess.run([binary, "demo", "--zones", "forehead", "--out", session], check=True, capture_output=True)
    before = sha(session)

    app = App(binary, [session, "--assessor", "Dr Test", "--size", f"{min(width, 1280)}x{min(height, 720)}"],
              os.path.join(out_dir, "review.log"), subcommand=("review",))
    score_line = app.wait_line("score ", 120)
    evidence_line = app.wait_line("evidence ", 30)  # beside the score: a demo is never certifiable
    app.wait_for("screen review", 120)
    app.wait_stable("button save")
    legend_line = app.wait_line("legend ", 30)  # the density overlay is on from the start

    # Scrub: press 40 % of the way along the bar.
    x0, y = app.wait_for("button scrub_start")
    x1, _ = app.wait_for("button scrub_end")
    xdo("mousemove", int(x0 + 0.4 * (x1 - x0)), y)
    time.sleep(0.15)
    xdo("mousedown", 1)
    time.sleep(0.1)
    xdo("mouseup", 1)
    scrubbed = float(app.wait_line("time ", 10).split()[1])
    time.sleep(0.5)
    # The head follows: nothing at the start, punctures by the scrubbed moment (the demo needles from
    # early on), and the tool where it was.
    heads = [l.split() for l in app.history if l.startswith("head ")]
    first_head, scrubbed_head = heads[0], [h for h in heads if abs(float(h[1]) - scrubbed) < 1e-3]

    items = sorted({k[len("button rate_"):-2] for k in app.positions if k.startswith("button rate_")})
    item = items[0]
    app.click(f"rate_{item}_4")
    app.wait_line(f"rated {item} 4", 10)
    app.click("comment_text")
    xdo("type", "--delay", "60", "good pressure")
    time.sleep(0.5)
    app.click("pin")
    pinned = float(app.wait_line("pinned ", 10).split()[1])
    app.click("signoff_pass")
    app.click("save")
    saved = app.wait_line("saved ", 20)
    time.sleep(0.5)
    screenshot(os.path.join(out_dir, "review.png"))
    # Play at 16x for a moment, then pause: the time moves on from the scrubbed moment.
    app.click("speed_16x")
    app.click("play")
    time.sleep(1.0)
    app.click("play")
    paused = float(app.wait_line("paused ", 10).split()[1])
    # A change after saving, then Close: the window asks first; Close without saving keeps the file.
    app.click(f"rate_{item}_5")
    app.wait_line(f"rated {item} 5", 10)
    app.click("quit")
    app.wait_line("close_asked", 10)
    app.wait_stable("button close_discard")
    screenshot(os.path.join(out_dir, "review_close_question.png"))
    app.click("close_discard")
    app.wait_line("closing discarded", 10)
    rc = app.finish()

    # Opened again, the review file is loaded. A change, then the window's close button.
    again = App(binary, [session, "--size", f"{min(width, 1280)}x{min(height, 720)}"],
                os.path.join(out_dir, "review_again.log"), subcommand=("review",))
    loaded = again.wait_line("loaded ", 120)
    again.wait_stable("button quit")
    other = items[1]
    again.click(f"rate_{other}_3")
    again.wait_line(f"rated {other} 3", 10)
    windows = close_window("Pinpoint - review")
    again.wait_line("close_asked", 10)
    again.wait_stable("button close_keep")
    again.click("close_keep")
    again.wait_line("close_kept", 10)
    time.sleep(0.5)
    kept_open = again.proc.poll() is None
    close_window("Pinpoint - review")
    again.wait_line("close_asked", 10, count=2)
    time.sleep(0.5)  # the question shown again
    again.click("close_save")
    saved_on_close = again.wait_line("closing ", 20)
    rc_again = again.finish()

    failures = []
    review_path = os.path.join(folder, "demo.review.json")
    print(score_line, "|", saved, "| scrubbed to", scrubbed, "| pinned at", pinned)
    if rc != 0 or rc_again != 0:
        failures.append(f"the review exited with {rc} / {rc_again}")
    if float(first_head[1]) != 0.0 or float(first_head[3]) != 0.0:
        failures.append(f"the head at the start is not untouched: {first_head}")
    if not scrubbed_head or float(scrubbed_head[-1][3]) <= 0.0 or scrubbed_head[-1][5] == "none":
        failures.append(f"the head at {scrubbed} shows no punctures or no tool: {scrubbed_head}")
    if paused <= scrubbed + 1.0:
        failures.append(f"playing at 16x did not move the time on: {scrubbed} -> {paused}")
    if windows < 1:
        failures.append("no review window found to send the close request to")
    if not kept_open:
        failures.append("Keep reviewing did not keep the window open")
    if saved_on_close != "closing saved":
        failures.append(f"Save and close did not save: {saved_on_close}")
    if not loaded.endswith("comments 1 ratings 1"):
        failures.append(f"the saved review was not loaded again: {loaded}")
    if saved != "saved " + review_path:
        failures.append(f"saved to the wrong place: {saved}")
    if abs(pinned - scrubbed) > 1e-3 or scrubbed <= 0.0:
        failures.append(f"the comment was pinned at {pinned}, not the scrubbed moment {scrubbed}")
    if not os.path.exists(review_path):
        failures.append("no review file next to the session")
    else:
        with open(review_path) as f:
            review = json.load(f)
        print(json.dumps(review, indent=1))
        ratings = {r["item"]: r["score"] for r in review.get("ratings", [])}
        if ratings.get(item) != 4:  # the 5 given after saving was closed without saving
            failures.append(f"rating {item}=4 missing: {ratings}")
        if ratings.get(other) != 3:  # given in the second window, saved by Save and close
            failures.append(f"rating {other}=3 (saved on closing) missing: {ratings}")
        comments = review.get("comments", [])
        if len(comments) != 1 or comments[0].get("text") != "good pressure" or abs(comments[0]["t"] - scrubbed) > 1e-3:
            failures.append(f"comment wrong: {comments}")
        sign = review.get("sign_off") or {}
        if sign.get("result") != "pass" or sign.get("by") != "Dr Test":
            failures.append(f"sign-off wrong: {sign}")
        if review.get("session", {}).get("sha256") != before:
            failures.append("the review does not name the session's SHA-256")
    if sha(session) != before:
        failures.append("the session file changed")
    score = subprocess.run([binary, "score", "--json", session], capture_output=True, text=True)
    expected = json.loads(score.stdout)
    parts = score_line.split()
    # The legend's landmarks are the numbers the score measures the plan's zone by.
    density = expected["zones"]["forehead"]["density_per_cm2"]
    wanted_legend = f"legend target {density['target']:.0f} maximum {density['max']:.0f}"
    if legend_line != wanted_legend:
        failures.append(f"the review's legend '{legend_line}' is not the score's '{wanted_legend}'")
    if abs(float(parts[1]) - expected["score"]) > 0.005 or (parts[2] == "passed") != expected["passed"]:
        failures.append(f"score shown '{score_line}' differs from pinpoint score: {expected['score']} {expected['passed']}")
    shown_certifiable = evidence_line == "evidence certifiable"
    if shown_certifiable != expected["evidence"]["certifiable"] or shown_certifiable:
        failures.append(f"evidence shown '{evidence_line}' for a demo; pinpoint score says {expected['evidence']['certifiable']}")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
