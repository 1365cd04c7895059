#!/usr/bin/env python3
"""A follow-up whose case asks what to tell the patient ([[counsel]]), through the real window: the
decision screen lists the case's statements unmarked; the trainee defers and ticks one right and one
wrong statement. The session file must hold a `counsel` event with exactly those ids, written before
the decision, and the score must charge the right statement missed and the wrong one told. Pictures
go to OUT_DIR (counsel_intake.png, counsel_decision.png)."""
import json
import os
import subprocess
import sys
import time

from app_driver import screenshot, start_case, xdo


def main():
    binary, out_dir = sys.argv[1], sys.argv[2]
    app, _ = start_case(binary, out_dir, "follow-up-allergic-reaction.toml", "counsel")
    scenario = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "scenarios",
                            "follow-up-allergic-reaction.toml")
    app.click_to("start", "intake")
    for q in ("medication", "cold_sores", "reaction", "allergies"):
        app.click("ask_" + q)
    time.sleep(0.3)
    screenshot(os.path.join(out_dir, "counsel_intake.png"))
    # The course and four answers fill the panel: the way on lies below its fold.
    xdo("mousemove", 200, 400)
    for _ in range(15):
        xdo("click", 5)
        time.sleep(0.05)
    time.sleep(0.5)
    app.click_to("to_decision", "decision")
    app.click("choice_defer")
    chosen = ("should_have_called", "more_numbing")
    for c in chosen:
        app.click("counsel_" + c)
    time.sleep(0.4)
    screenshot(os.path.join(out_dir, "counsel_decision.png"))
    app.click("decide")
    app.wait_line("score")
    print(app.score_line)
    app.click("quit")
    rc = app.finish()

    failures = []
    if rc != 0:
        failures.append(f"the app exited with {rc} (3: Vulkan validation messages; see counsel.log)")
    lines = [json.loads(l) for l in open(app.session)]
    types = [l.get("type") for l in lines]
    counsel = [l for l in lines if l.get("type") == "counsel"]
    if len(counsel) != 1 or counsel[0].get("counsel") != list(chosen):
        failures.append(f"the counsel event is not the statements ticked: {counsel}")
    elif "decision" not in types or types.index("counsel") > types.index("decision"):
        failures.append(f"the counsel event does not come before the decision: {types}")
    scored = subprocess.run([binary, "score", "--scenario", scenario, "--json", app.session], capture_output=True, text=True)
    if scored.returncode != 0:
        failures.append(f"score failed: {scored.stderr}")
    else:
        result = json.loads(scored.stdout)
        got = result.get("counsel", {})
        if got.get("missed") != ["see_doctor_first"] or got.get("wrong") != ["more_numbing"]:
            failures.append(f"the score does not judge the counsel told: {got}")
        if result["components"].get("contraindications") != 70.0:  # 100 - 15 (one right missed) - 15 (one wrong)
            failures.append(f"contraindications {result['components'].get('contraindications')}, expected 70")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
