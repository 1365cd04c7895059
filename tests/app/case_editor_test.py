"""App tests of the case editor (`pinpoint edit`) under real input (xdotool).

build: a new case: fill the patient, add a question, place a lesion by clicking the right cheek and
dragging 60 pixels (6 mm across; no zone name covers it meanwhile), type its diameter (4.5 mm), take
the nose out of the plan by clicking it, save; `pinpoint validate` accepts the file, the lesion lies
where the skin was clicked and in the right cheek, and "Check it" reports the careful practitioner.
age: an age of 7 is a live problem shown beside the age field, Save is off, and nothing is written.
new_forms: a long history typed (the box wraps it), a medication added (name, last dose 12 days ago),
two scoring weights changed, the left cheek's depth set below the chart, the nose to be avoided, a
course with one earlier visit; saved, `pinpoint validate` accepts the file and it holds them.
weights: weights that do not add up are a live problem beside the weights, and nothing is saved; the
scale button makes them add up.
counsel: on the decision tab, the roller allowed and the 540-needle roller given, one right and one
harmful wrong statement of what to tell the patient (with why and sources); an empty statement is a
live problem until filled; saved, `pinpoint validate` accepts the file and it holds them.
unsaved: "Also acceptable" never offers the expected decision; closing with unsaved changes asks (Keep
editing keeps them); a change after saving replaces "Saved"; Close without saving leaves the file as
saved."""
import os
import subprocess
import sys
import tempfile
import time
import tomllib

sys.path.insert(0, os.path.dirname(__file__))
from app_driver import App, close_window, display_size, key_repeat, need_display, screenshot, xdo  # noqa: E402


def type_into(app, field, text):
    """Clicks a text field, selects what it holds and types over it."""
    app.click(field)
    time.sleep(0.3)  # the field takes the keyboard on the next frame
    # Held for several frames: ImGui 1.86 sees only whether a key is down at each frame, so a tap
    # shorter than a frame (under load) would be lost and the old text kept.
    xdo("keydown", "ctrl")
    xdo("keydown", "a")
    time.sleep(0.25)
    xdo("keyup", "a")
    xdo("keyup", "ctrl")
    time.sleep(0.1)
    xdo("type", "--delay", "30", text)
    time.sleep(0.4)


def click_at(x, y, drag=0):
    xdo("mousemove", x, y)
    time.sleep(0.2)
    xdo("mousedown", 1)
    time.sleep(0.15)
    if drag:
        for step in range(1, 4):
            xdo("mousemove", x + drag * step // 3, y)
            time.sleep(0.1)
    xdo("mouseup", 1)
    time.sleep(0.3)


def close(title, attempts=10):
    """close_window, again while another window is going away (xdotool's search can fail then)."""
    for attempt in range(attempts):
        try:
            close_window(title)
            return
        except subprocess.CalledProcessError:
            if attempt + 1 == attempts:
                raise
            time.sleep(0.5)


def wait_window(title, timeout=60.0):
    end = time.time() + timeout
    while time.time() < end:
        found = subprocess.run(["xdotool", "search", "--name", title], capture_output=True, text=True).stdout.split()
        if found:
            time.sleep(1.0)  # let it finish starting before it is asked to close
            return True
        time.sleep(0.5)
    return False


def start_screen(binary, out_dir, case_dir):
    """The simulator's start screen opens the editor on a new file."""
    app = App(binary, ["--size", "1280x720"], os.path.join(out_dir, "editor_start.log"))
    app.wait_for("screen start")
    app.click("new_case")
    failures = []
    if not wait_window("Pinpoint - case editor"):
        failures.append("the start screen's button opened no editor")
    else:
        close("Pinpoint - case editor")
    close("Pinpoint - microneedling training")
    app.finish()
    return failures


def close_discarding(app):
    """Closes an editor holding unsaved changes: it asks first, and is told to close without saving."""
    close("Pinpoint - case editor")
    app.wait_line("close_asked")
    app.click("close_discard")
    app.wait_line("closing discarded")
    app.finish()


def open_editor(binary, out_dir, case, name):
    """The editor on `case` at 1280x720, its log in OUT_DIR/NAME.log, once its first check is done."""
    app = App(binary, [case, "--size", "1280x720"], os.path.join(out_dir, name + ".log"), subcommand=("edit",))
    app.wait_for("screen editor")
    app.wait_line("problems 0")
    return app


def build(binary, out_dir, case):
    app = open_editor(binary, out_dir, case, "editor_build")
    failures = []
    type_into(app, "field.patient.name", "Maria Lopez")
    type_into(app, "field.patient.age", "52")
    app.click_until("tab.questions", "button add_question")
    app.click("add_question")
    type_into(app, "field.question.0.text", "Do you take any medication?")
    type_into(app, "field.question.0.answer", "No, nothing.")

    cheek = app.wait_stable("point cheek_right")
    if "Cheek right|" not in app.wait_line("labels "):
        failures.append("the right cheek's name is not on the head before a lesion is placed")
    app.click("mode.lesion")
    picked, lesion_line = place_lesion(app, cheek, failures)
    # Typed: 4.5 mm across (radius 2.25 in the file).
    app.click_until("tab.lesions", "button field.lesion.0.diameter")
    type_into(app, "field.lesion.0.diameter", "4.5")
    app.click("mode.zones")
    nose = app.wait_stable("point nose")
    click_at(*nose)
    app.wait_line("zone nose out")
    time.sleep(0.5)
    screenshot(os.path.join(out_dir, "editor_build.png"))
    app.click("save")
    app.wait_line("saved ")

    app.click("check")
    careful = app.wait_line("careful ", timeout=120)
    # Try it: the trainee's flow on the case, in a window of its own.
    app.click("try")
    app.wait_line("try ")
    if not wait_window("Pinpoint - microneedling training"):
        failures.append("Try it opened no trainee window")
    else:
        close("Pinpoint - microneedling training")
    close("Pinpoint - case editor")
    app.finish()

    validate = subprocess.run([binary, "validate", case], capture_output=True, text=True)
    if validate.returncode != 0:
        failures.append("validate rejects the saved case: " + validate.stderr)
    with open(case, "rb") as f:
        saved = tomllib.load(f)
    if saved["patient"]["name"] != "Maria Lopez" or saved["patient"]["age"] != 52:
        failures.append(f"the patient was not saved as typed: {saved['patient']}")
    questions = saved.get("question", [])
    if len(questions) != 1 or questions[0]["text"] != "Do you take any medication?" or questions[0]["answer"] != "No, nothing.":
        failures.append(f"the question was not saved as typed: {questions}")
    if picked[4] != "cheek_right":
        failures.append(f"the click on the right cheek picked {picked[4]}")
    lesions = saved.get("lesion", [])
    if len(lesions) != 1:
        failures.append(f"expected one lesion, found {lesions}")
    else:
        p = lesions[0]["position"]
        clicked = [float(v) for v in picked[1:4]]
        distance = sum((a - b) ** 2 for a, b in zip(p, clicked)) ** 0.5
        if distance > 1.0:
            failures.append(f"the lesion lies {distance:.2f} mm from the clicked skin point")
        if abs(lesions[0]["radius_mm"] - 2.25) > 0.001:
            failures.append(f"the diameter typed (4.5 mm) was saved as radius {lesions[0]['radius_mm']} mm")
    if "nose" in saved["treatment"]["zones"] or "cheek_right" not in saved["treatment"]["zones"]:
        failures.append(f"the plan is not the default without the nose: {saved['treatment']['zones']}")
    if not careful.startswith("careful passed"):
        reasons = [l for l in app.history if l.startswith("careful_reason ")]
        failures.append(f"the careful practitioner does not pass the new case: {careful} {reasons}")
    print("lesion:", lesion_line, "careful:", careful)
    return failures


def place_lesion(app, at, failures):
    """Clicks the skin at `at` in lesion mode and drags 60 pixels to the right: 1 mm of diameter for every
    10 pixels, so 6 mm across (radius 3); while it is being sized no zone name covers it. Returns the
    'picked' line's parts and the 'lesion 0' line."""
    xdo("mousemove", *at)
    time.sleep(0.2)
    xdo("mousedown", 1)
    picked = app.wait_line("picked ").split()
    for step in range(1, 7):
        xdo("mousemove", at[0] + 10 * step, at[1])
        time.sleep(0.05)
    app.wait_line("sizing lesion 0 diameter 6.0")
    time.sleep(0.3)  # a few frames with the lesion at its size, the names laid out around it
    covering = [l for l in app.history if l.startswith("labels ")][-1]
    if "Cheek right|" in covering:
        failures.append(f"the right cheek's name stays over the lesion being placed: {covering}")
    xdo("mouseup", 1)
    line = app.wait_line("lesion 0 ")
    radius = float(line.split()[-1])
    if abs(radius - 3.0) > 0.05:
        failures.append(f"a 60-pixel drag sized the lesion to radius {radius} mm, not 3 mm (6 mm across)")
    return picked, line


def refused_save(app, case, shot, why, failures):
    """A screenshot with the problem shown, then Save: nothing may be written while it stands."""
    time.sleep(0.3)
    screenshot(shot)
    app.click("save")
    time.sleep(1.0)
    if any(l.startswith("saved ") for l in app.history) or os.path.exists(case):
        failures.append(f"the case was saved while {why}")


def age(binary, out_dir, case):
    app = open_editor(binary, out_dir, case, "editor_age")
    failures = []
    age_at = app.wait_stable("button field.patient.age")
    type_into(app, "field.patient.age", "7")
    problem = app.wait_line("problem patient.age ")
    # The list above the head names it as the form does, not by the file's key.
    listed = app.wait_line("shown Patient tab, Age: ")
    if "patient.age" in listed:
        failures.append(f"the problem list names the file's key: {listed}")
    shown = app.wait_for("button problem.patient.age")
    # Beside its field: right under the age box, in the form's column.
    if not (0 < shown[1] - age_at[1] < 60 and shown[0] < 540):
        failures.append(f"the age problem is drawn at {shown}, not beside the age field at {age_at}")
    refused_save(app, case, os.path.join(out_dir, "editor_age.png"), "the age problem stood", failures)
    close_discarding(app)
    print("problem:", problem)
    return failures


def last_problems(app):
    """The editor's latest problem count line ('problems N')."""
    lines = [l for l in app.history if l.startswith("problems ")]
    return lines[-1] if lines else None


def wait_no_problems(app, timeout=30.0):
    end = time.time() + timeout
    while time.time() < end:
        if last_problems(app) == "problems 0":
            return True
        time.sleep(0.1)
    return False


HISTORY = ("Teacher, 52. Wants her forehead lines and cheek texture improved before her daughter's wedding "
           "in the spring; had one chemical peel five years ago and liked it.")


def save_and_validate(app, binary, case, failures):
    """Once no problem stands: Save, close the editor, and `pinpoint validate` the file; returns what it holds."""
    if not wait_no_problems(app):
        failures.append(f"problems stand after the edits: {[l for l in app.history if l.startswith('problem')][-4:]}")
    app.click("save")
    app.wait_line("saved ")
    close("Pinpoint - case editor")
    app.finish()
    validate = subprocess.run([binary, "validate", case], capture_output=True, text=True)
    if validate.returncode != 0:
        failures.append("validate rejects the saved case: " + validate.stderr)
    with open(case, "rb") as f:
        return tomllib.load(f)


def new_forms(binary, out_dir, case):
    app = open_editor(binary, out_dir, case, "editor_new_forms")
    failures = []
    # A history longer than the box is wide: the box wraps it, and the file holds it as typed.
    type_into(app, "field.patient.history", HISTORY)
    time.sleep(0.3)
    screenshot(os.path.join(out_dir, "editor_history.png"))
    app.click_until("tab.medications", "button add_medication")
    app.click("add_medication")
    type_into(app, "field.medication.0.name", "doxycycline 100 mg")
    app.click("field.medication.0.taking")  # no longer taking it: the last dose's days appear
    type_into(app, "field.medication.0.days_since_last_dose", "12")
    time.sleep(0.3)
    screenshot(os.path.join(out_dir, "editor_medication.png"))
    app.click_until("tab.scoring", "button field.scoring.weights.depth")
    type_into(app, "field.scoring.weights.depth", "0.3")
    type_into(app, "field.scoring.weights.overlap", "0.05")
    time.sleep(0.3)
    screenshot(os.path.join(out_dir, "editor_scoring.png"))
    app.click_until("tab.decision", "button field.zones.cheek_left.depth_max")
    type_into(app, "field.zones.cheek_left.depth_max", "0.75")
    app.click("field.plan.avoid_zones.nose")  # the nose to be avoided altogether: it leaves the plan
    time.sleep(0.3)
    screenshot(os.path.join(out_dir, "editor_plan_depths.png"))
    # A follow-up: the course on, one earlier visit (six weeks ago, the plan's zones at the chart's
    # shallowest depth); today's visit number follows it.
    app.click_until("tab.course", "button field.course")
    app.click("field.course")
    app.click("add_visit")
    time.sleep(0.5)
    screenshot(os.path.join(out_dir, "editor_course.png"))
    saved = save_and_validate(app, binary, case, failures)
    if saved["patient"]["history"] != HISTORY:
        failures.append(f"the history was not saved as typed (box breaks leaked?): {saved['patient']['history']!r}")
    medications = saved["patient"].get("medication", [])
    if medications != [{"name": "doxycycline 100 mg", "days_since_last_dose": 12}]:
        failures.append(f"the medication was not saved as entered: {medications}")
    weights = saved["scoring"]["weights"]
    if weights["depth"] != 0.3 or weights["overlap"] != 0.05 or abs(sum(weights.values()) - 1.0) > 1e-9:
        failures.append(f"the weights were not saved as typed: {weights}")
    cheek = saved.get("zones", {}).get("cheek_left", {})
    if cheek.get("depth_mm") != [0.5, 0.75]:
        failures.append(f"the left cheek's depth was not saved as set: {cheek}")
    course = saved.get("course", {})
    if course.get("visit") != 2 or len(course.get("earlier_visit", [])) != 1 or course.get("skin") != "healed":
        failures.append(f"the course was not saved with one earlier visit: {course}")
    elif course["earlier_visit"][0].get("depth_mm", {}).get("cheek_left") != 0.5:
        failures.append(f"the earlier visit does not hold the plan's zones: {course['earlier_visit'][0]}")
    if saved.get("plan", {}).get("avoid_zones") != ["nose"] or "nose" in saved["treatment"]["zones"]:
        failures.append(f"the nose was not saved as a zone to avoid, out of the plan: {saved.get('plan')} "
                        f"{saved['treatment']['zones']}")
    if "cheek_right" in saved.get("zones", {}):
        failures.append(f"a zone left on the chart was written as an override: {saved['zones']}")
    return failures


def weights(binary, out_dir, case):
    app = open_editor(binary, out_dir, case, "editor_weights")
    failures = []
    app.click_until("tab.scoring", "button field.scoring.weights.depth")
    depth_at = app.wait_stable("button field.scoring.weights.depth")
    type_into(app, "field.scoring.weights.depth", "0.3")  # the six now add up to 1.1
    problem = app.wait_line("problem scoring.weights weights add up to 1.1")
    shown = app.wait_for("button problem.scoring.weights")
    # Beside the weights: under them, in the form's column, above the scale button.
    if not (0 < shown[1] - depth_at[1] < 200 and shown[0] < 540):
        failures.append(f"the weights problem is drawn at {shown}, not beside the weights (depth at {depth_at})")
    refused_save(app, case, os.path.join(out_dir, "editor_weights.png"), "the weights did not add up", failures)
    # "Scale them to add up to 1" clears the problem.
    app.click("scale_weights")
    if not wait_no_problems(app):
        failures.append(f"scaling the weights left a problem: {last_problems(app)}")
    close_discarding(app)
    print("problem:", problem)
    return failures


def scroll_into_view(app, button_id, attempts=40):
    """Turns the wheel over the form until the control is in the window's height (the form scrolls)."""
    for _ in range(attempts):
        x, y = app.wait_stable("button " + button_id, settle=0.25)
        if 60 < y < 706:  # the window is 720 high: the form's last control sits at about 700
            return
        xdo("mousemove", 270, 400)
        time.sleep(0.1)
        xdo("click", 5 if y >= 706 else 4)
        time.sleep(0.2)
    raise AssertionError(f"{button_id} never came into view")


def counsel(binary, out_dir, case):
    app = open_editor(binary, out_dir, case, "editor_counsel")
    failures = []
    app.click_until("tab.decision", "button add_counsel")
    scroll_into_view(app, "field.treatment.tools.roller")
    if "button field.treatment.roller_needles.540" not in app.positions:
        app.click("field.treatment.tools.roller")
    scroll_into_view(app, "field.treatment.roller_needles.540")
    app.click("field.treatment.roller_needles.540")
    scroll_into_view(app, "add_counsel")
    app.click("add_counsel")
    # A statement with no words yet is a problem, shown live: Save stays off until it is filled.
    app.wait_line("problem counsel.0.text")
    scroll_into_view(app, "field.counsel.0.text")
    type_into(app, "field.counsel.0.text", "Call the clinic if a rash or swelling appears")
    scroll_into_view(app, "field.counsel.0.source")
    type_into(app, "field.counsel.0.source", "our guidance")
    scroll_into_view(app, "add_counsel")
    app.click("add_counsel")
    scroll_into_view(app, "field.counsel.1.wrong")
    app.click("field.counsel.1.wrong")
    scroll_into_view(app, "field.counsel.1.harmful")
    app.click("field.counsel.1.harmful")
    type_into(app, "field.counsel.1.text", "Scrub the area to clear the spots")
    scroll_into_view(app, "field.counsel.1.why")
    type_into(app, "field.counsel.1.why", "scrubbing irritates freshly needled skin")
    scroll_into_view(app, "field.counsel.1.source")
    type_into(app, "field.counsel.1.source", "our guidance")
    time.sleep(0.3)
    screenshot(os.path.join(out_dir, "editor_counsel.png"))
    saved = save_and_validate(app, binary, case, failures)
    said = [(c.get("text"), c.get("right"), c.get("harmful", False), c.get("why", ""), c.get("source"))
            for c in saved.get("counsel", [])]
    expected = [("Call the clinic if a rash or swelling appears", True, False, "", "our guidance"),
                ("Scrub the area to clear the spots", False, True, "scrubbing irritates freshly needled skin",
                 "our guidance")]
    if said != expected:
        failures.append(f"the statements were not saved as entered: {said}")
    treatment = saved.get("treatment", {})
    if "roller" not in treatment.get("tools", []) or treatment.get("roller_needles") != 540:
        failures.append(f"the 540-needle roller was not saved as the one given: {treatment}")
    return failures


def unsaved(binary, out_dir, case):
    app = open_editor(binary, out_dir, case, "editor_unsaved")
    failures = []
    # "Also acceptable" offers only the other decisions, never the expected one itself (proceed).
    app.click_until("tab.decision", "button field.decision.acceptable.defer")
    offered = sorted(k.split(".")[-1] for k in app.positions if k.startswith("button field.decision.acceptable."))
    if offered != ["decline", "defer", "proceed_modified"]:
        failures.append(f"'Also acceptable' offers {offered}, not the three decisions other than the expected one")
    app.click_until("tab.patient", "button field.patient.name")
    type_into(app, "field.patient.name", "Ada Byron")
    # Closing with the change unsaved asks; "Keep editing" keeps the window and the change.
    close("Pinpoint - case editor")
    app.wait_line("close_asked")
    time.sleep(0.3)
    screenshot(os.path.join(out_dir, "editor_unsaved_question.png"))
    app.click("close_keep")
    app.wait_line("close_kept")
    if app.proc.poll() is not None:
        failures.append("Keep editing closed the editor")
    app.click("save")
    app.wait_line("saved ")
    # A change after saving: "Saved" gives way to saying the case changed since.
    type_into(app, "field.patient.name", "Ada Lovelace")
    app.wait_line("status changed since saved")
    close_discarding(app)
    with open(case, "rb") as f:
        name = tomllib.load(f)["patient"]["name"]
    if name != "Ada Byron":
        failures.append(f"the file holds {name!r}: the change discarded at closing was written, or the save was lost")
    return failures


def no_display(binary, case):
    """Without a display: one line that says so, exit 2, no file, no crash."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    run = subprocess.run([binary, "edit", case], capture_output=True, text=True, env=env, timeout=60)
    failures = []
    if run.returncode != 2 or "cannot open the editor window" not in run.stderr or os.path.exists(case):
        failures.append(f"without a display: exit {run.returncode}, stderr {run.stderr!r}")
    return failures


def main():
    binary, out_dir, which = sys.argv[1], sys.argv[2], sys.argv[3]
    if which == "no_display":
        case = os.path.join(tempfile.mkdtemp(prefix="pinpoint-editor-test-"), "new-case.toml")
        failures = no_display(binary, case)
        for f in failures:
            print("FAIL:", f)
        return 1 if failures else 0
    need_display()
    os.makedirs(out_dir, exist_ok=True)
    width, height = display_size()
    if width < 1280 or height < 720:
        print("the editor test needs a 1280x720 display")
        return 77
    case = os.path.join(tempfile.mkdtemp(prefix="pinpoint-editor-test-"), "new-case.toml")
    key_repeat(False)  # each key typed once, however loaded the machine
    try:
        if which == "start":
            os.chdir(os.path.dirname(case))  # the editor's new file goes to the working folder
            failures = start_screen(binary, out_dir, os.path.dirname(case))
        else:
            tests = {"build": build, "age": age, "new_forms": new_forms, "weights": weights, "counsel": counsel,
                     "unsaved": unsaved}
            failures = tests[which](binary, out_dir, case)
    finally:
        key_repeat(True)
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
