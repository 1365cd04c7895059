#!/usr/bin/env python3
"""A follow-up visit of a course, through the real window: intake shows the earlier visit and today's
skin; after the treatment the trainee ticks aftercare advice in the treatment panel and gives it. The
session file must carry the course in its header, the post-care step and the advice chosen, and the
score must name the wrong advice. Pictures go to OUT_DIR (course_intake.png, course_aftercare.png, course_debrief.png)."""
import json
import os
import sys
import time

from app_driver import screenshot, start_case, walk_to_treatment, xdo


def main():
    binary, out_dir = sys.argv[1], sys.argv[2]
    app, _ = start_case(binary, out_dir, "follow-up-healed-deeper.toml", "course")
    walk_to_treatment(app, questions=("medication", "cold_sores", "since_last"),
                      at_intake=lambda: (time.sleep(0.3), screenshot(os.path.join(out_dir, "course_intake.png"))))
    app.click("to_aftercare")
    chosen = ("sun_protection", "sauna_helps", "when_to_call")
    for advice in chosen[:2]:
        app.click("advice_" + advice)
    time.sleep(0.3)
    screenshot(os.path.join(out_dir, "course_aftercare.png"))
    # The list scrolls: the signs to call about lie below the panel's fold.
    x, y = app.positions["button advice_sun_protection"]
    xdo("mousemove", x + 60, y)
    for _ in range(12):
        xdo("click", 5)
        time.sleep(0.05)
    time.sleep(0.4)
    app.click("advice_" + chosen[2])
    app.click("give_aftercare")
    app.click_to("finish", "debrief")
    time.sleep(0.5)
    screenshot(os.path.join(out_dir, "course_debrief.png"))
    print(app.score_line)
    app.click("quit")
    rc = app.finish()

    failures = []
    if rc != 0:
        failures.append(f"the app exited with {rc} (3: Vulkan validation messages; see course.log)")
    lines = [json.loads(l) for l in open(app.session)]
    header = lines[0]
    if header.get("course") != "hannah-brooks-cheeks" or header.get("course_visit") != 2:
        failures.append(f"the header does not name the course and visit: {header}")
    aftercare = [l for l in lines if l.get("type") == "aftercare"]
    steps = [l.get("step") for l in lines if l.get("type") == "step"]
    if len(aftercare) != 1 or sorted(aftercare[0].get("advice", [])) != sorted(chosen):
        failures.append(f"the aftercare event is not the advice chosen: {aftercare}")
    if "post_care_given" not in steps:
        failures.append(f"no post_care_given step: {steps}")
    if not app.score_line or "score" not in app.score_line:
        failures.append(f"no score line: {app.score_line}")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
