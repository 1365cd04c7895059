#!/usr/bin/env python3
"""A protocol step and a plan action written only in the data reach the trainee (issue 22, item 2).
A copy of assets/ gains a step in the rubric's [[protocol.step]] ("Read the patch test") and an action
in the catalogue's [[modification]] ("Allergy review"); a copy of the cardiac-disease case requires
both. Through the real window (PINPOINT_ASSETS set to the copy): the decision screen offers the new
action and the protocol screen the new step, each clicked like the shipped ones; the session file
must hold the step and the decision's actions, and the score must find nothing missing from the plan
or the protocol. Pictures go to OUT_DIR (data_rules_decision.png, data_rules_protocol.png)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from app_driver import App, display_size, need_display, screenshot

SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def replaced(text, old, new):
    if old not in text:
        raise AssertionError(f"not in the file: {old!r}")
    return text.replace(old, new, 1)


def data_copy(folder):
    """assets/ with a step and an action the code has never heard of; the case that requires them."""
    assets = os.path.join(folder, "assets")
    shutil.copytree(os.path.join(SOURCE, "assets"), assets)
    rubric = open(os.path.join(assets, "rubric.toml")).read()
    rubric = replaced(rubric, '[[protocol.step]]\nid = "disinfect"',
                      '[[protocol.step]]\nid = "patch_test"\nlabel = "Read the patch test"\n[[protocol.step]]\nid = "disinfect"')
    open(os.path.join(assets, "rubric.toml"), "w").write(rubric)
    with open(os.path.join(assets, "conditions.toml"), "a") as f:
        f.write('\n[[modification]]\nid = "allergy_review"\nlabel = "Allergy review"\nplan = "action"\n')
    case = open(os.path.join(SOURCE, "scenarios", "cardiac-disease.toml")).read()
    case = replaced(case, 'actions = ["physician_clearance"]', 'actions = ["physician_clearance", "allergy_review"]')
    case = replaced(case, "[treatment]\n", '[treatment]\nrequired_steps = ["cleanse", "patch_test", "disinfect", "post_care_given"]\n')
    scenario = os.path.join(folder, "cardiac-patch-test.toml")
    open(scenario, "w").write(case)
    return assets, scenario


def main():
    binary, out_dir = sys.argv[1], sys.argv[2]
    need_display()
    os.makedirs(out_dir, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="pinpoint-data-rules-test-")
    assets, scenario = data_copy(folder)
    os.environ["PINPOINT_ASSETS"] = assets
    width, height = display_size()
    app = App(binary, ["--validation", "--sessions-dir", os.path.join(folder, "sessions"), "--trainee", "data rules test",
                       "--scenario", scenario, "--size", f"{min(width, 1280)}x{min(height, 720)}"],
              os.path.join(out_dir, "data_rules.log"))
    app.wait_for("screen start")
    app.click_to("start", "intake")
    app.click_to("to_decision", "decision")
    app.click_until("choice_proceed_modified", "button action_allergy_review")
    app.click("action_physician_clearance")
    app.click("action_allergy_review")
    time.sleep(0.3)
    screenshot(os.path.join(out_dir, "data_rules_decision.png"))
    app.click_to("decide", "protocol")
    for step in ("cleanse", "patch_test", "disinfect"):
        app.click("step_" + step)
    time.sleep(0.3)
    screenshot(os.path.join(out_dir, "data_rules_protocol.png"))
    app.click_to("to_tools", "tools")
    app.click_to("to_treatment", "treatment")
    app.click("finish")
    app.wait_line("score")
    print(app.score_line)
    app.click("quit")
    rc = app.finish()

    failures = []
    if rc != 0:
        failures.append(f"the app exited with {rc} (3: Vulkan validation messages; see data_rules.log)")
    lines = [json.loads(l) for l in open(app.session)]
    steps = [l.get("step") for l in lines if l.get("type") == "step"]
    if steps != ["cleanse", "patch_test", "disinfect"]:
        failures.append(f"the steps recorded are not the ones clicked: {steps}")
    decisions = [l for l in lines if l.get("type") == "decision"]
    if len(decisions) != 1 or sorted(decisions[0].get("actions", [])) != ["allergy_review", "physician_clearance"]:
        failures.append(f"the decision does not record the two actions ticked: {decisions}")
    scored = subprocess.run([binary, "score", "--scenario", scenario, "--json", app.session], capture_output=True, text=True)
    if scored.returncode != 0:
        failures.append(f"score failed: {scored.stderr}")
    else:
        result = json.loads(scored.stdout)
        reasons = [d["reason"] for d in result.get("deductions", [])]
        for wrong in [r for r in reasons if "allergy_review" in r or "patch_test" in r]:
            failures.append(f"the score charges for what was done: {wrong}")
        if not any("post_care_given" in r for r in reasons):  # the one step left out is charged, as shipped steps are
            failures.append(f"the step left out is not charged: {reasons}")
    shutil.rmtree(folder, ignore_errors=True)
    if failures:
        print("\n".join(failures))
        return 1
    print("the new step and action were offered, recorded and scored")
    return 0


if __name__ == "__main__":
    sys.exit(main())
