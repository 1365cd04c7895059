#!/usr/bin/env python3
"""The centre's web dashboard in a real browser (headless Chromium through Selenium).

    centre_web_browser_test.py PINPOINT CENTRE_WEB_SEED

Starts `pinpoint centre serve` on a new SQLite store at a free port, seeds it (people, a history of
scored and reviewed sessions: centre_web_seed; two demo sessions re-signed as trainees' and sent with
the real `pinpoint upload`, scored by the centre), then logs in through the real form as a trainee, an
assessor, an instructor and an administrator, opens every page each may see at 1366x768 (a laptop)
and 768x1024 (a tablet), checks what is shown and what is not, checks that no page is wider than the
screen, submits the instructor's mark form and assign form, and saves a screenshot of every page to
$PINPOINT_CENTRE_SCREENSHOTS (default: a folder in the test's temporary folder, printed).
Fails (never skips) when Chromium, chromedriver or Selenium is missing. Every wait has a limit.
"""
import json
import os
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))
import centre_launch  # noqa: E402

PASSWORD = "correct horse battery"
SIZES = {"laptop": (1366, 768), "tablet": (768, 1024)}


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


def run(args, timeout=120, env=None, stdin=None):
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env, stdin=stdin)
    if done.returncode != 0:
        fail(" ".join(args) + " exited " + str(done.returncode) + ": " + done.stderr)
    return done.stdout


def start_centre(pinpoint, db, keys, log):
    try:
        return centre_launch.start_centre(pinpoint, db, keys, log)
    except AssertionError as e:
        fail(str(e))


def wait_for_reports(db, keys, seconds=180):
    until = time.time() + seconds
    while time.time() < until:
        with sqlite3.connect(db, timeout=10) as c:
            marks = ",".join("?" * len(keys))
            n = c.execute("SELECT COUNT(DISTINCT s.session_key) FROM score_reports r JOIN sessions s ON s.id = r.session_id "
                          "WHERE s.session_key IN (" + marks + ")", keys).fetchone()[0]
        if n == len(keys):
            return
        time.sleep(0.5)
    fail("the centre did not score the uploaded sessions within %d s" % seconds)


class Browser:
    def __init__(self, url, shots):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        options = webdriver.ChromeOptions()
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                  "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1366,768"):
            options.add_argument(a)
        options.binary_location = shutil.which("chromium")
        self.driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(10)
        self.url, self.shots, self.problems = url, shots, []

    def size(self, name):
        width, height = SIZES[name]
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def open(self, path):
        self.driver.get(self.url + path)
        return self.driver.page_source

    def text(self):
        return self.driver.find_element("tag name", "body").text

    def shot(self, name):
        """The whole page, not only what fits on the screen, and whether it is wider than the screen."""
        metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        content = metrics["cssContentSize"]
        viewport = metrics["cssLayoutViewport"]
        if content["width"] > viewport["clientWidth"] + 1:
            self.problems.append("%s: the page is %d px wide on a %d px screen" % (name, content["width"], viewport["clientWidth"]))
        import base64
        data = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": viewport["clientWidth"], "height": min(content["height"], 4000), "scale": 1}})
        with open(os.path.join(self.shots, name + ".png"), "wb") as f:
            f.write(base64.b64decode(data["data"]))

    def wait_for(self, condition, what, seconds=15):
        """Waits (at most `seconds`) after a click until `condition(driver)` holds."""
        from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
        from selenium.webdriver.support.ui import WebDriverWait
        try:  # the page may be half replaced while it is asked
            WebDriverWait(self.driver, seconds, poll_frequency=0.1,
                          ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(condition)
        except TimeoutException:
            fail(what + " (at " + self.driver.current_url + ")")

    def login(self, login):
        self.driver.delete_all_cookies()
        self.open("/login")
        self.driver.find_element("id", "login").send_keys(login)
        self.driver.find_element("id", "password").send_keys(PASSWORD)
        self.driver.find_element("css selector", "form.box button[type=submit]").click()
        self.wait_for(lambda d: d.current_url.rstrip("/") == self.url, login + " could not log in")

    def logout(self):
        self.open("/")  # the last page may be a "Not found", which has no bar
        self.driver.find_element("css selector", "nav.top form button").click()
        self.wait_for(lambda d: "/login" in d.current_url, "logging out did not go to the login form")

    def quit(self):
        self.driver.quit()


def check(condition, message):
    if not condition:
        fail(message)


def visit(b, login, pages, hidden_from):
    """Each page at both sizes: shown with its heading and what it must say, screenshot taken."""
    for size in SIZES:
        b.size(size)
        for path, name, must in pages:
            b.open(path)
            text = b.text()
            check("Not found" not in b.driver.title, "%s: %s answered not found" % (login, path))
            for words in must:
                check(words in text, "%s: %s does not show %r" % (login, path, words))
            b.shot("%s_%s_%s" % (login, name, size))
    b.size("laptop")
    for path in hidden_from:
        b.open(path)
        check(b.driver.title == "Not found", "%s may not see %s, yet it was shown (%s)" % (login, path, b.driver.title))


def main():
    if len(sys.argv) != 3:
        fail("usage: centre_web_browser_test.py PINPOINT CENTRE_WEB_SEED")
    pinpoint, seed = sys.argv[1], sys.argv[2]
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        fail("chromium and chromedriver are needed: scripts/setup installs chromium and chromium-driver")
    try:
        import selenium  # noqa: F401
    except ImportError:
        fail("python3-selenium is needed (scripts/setup installs it), for " + sys.executable)
    signal.alarm(280)  # the whole test, whatever hangs
    tmp = tempfile.mkdtemp(prefix="pinpoint-centre-web-")
    shots = os.environ.get("PINPOINT_CENTRE_SCREENSHOTS") or os.path.join(tmp, "screenshots")
    os.makedirs(shots, exist_ok=True)
    print("screenshots in " + shots, flush=True)
    db, demo, keys = os.path.join(tmp, "centre.sqlite"), os.path.join(tmp, "demo.pps"), os.path.join(tmp, "keys")
    run([pinpoint, "demo", "--zones", "forehead", "--out", demo], timeout=180)
    made = json.loads(run([seed, db, demo, tmp, PASSWORD]))
    station = run([pinpoint, "centre", "add-station", "bay-2", "--db", db]).strip()
    run([pinpoint, "centre", "add-person", "nia", "--role", "trainee", "--cohort", "autumn", "--name", "Nia Nash", "--db", db],
        env=dict(os.environ, PINPOINT_PASSWORD=PASSWORD))
    log = open(os.path.join(tmp, "centre.log"), "w")
    centre, url = start_centre(pinpoint, db, keys, log)
    b = None
    try:
        for trainee in ("anna", "cara"):
            run([pinpoint, "upload", os.path.join(tmp, trainee + ".pps"), "--centre", url],
                env=dict(os.environ, PINPOINT_CENTRE_TOKEN=station))
        uploaded = made["uploaded"]
        wait_for_reports(db, [uploaded["anna"], uploaded["cara"]])
        b = Browser(url, shots)

        b.open("/queue")
        check("/login" in b.driver.current_url, "not logged in, /queue did not go to the login form")
        b.shot("login_laptop")

        anna_uploaded, ben_first, cara_uploaded = uploaded["anna"], made["ben"][0], uploaded["cara"]
        b.login("anna")
        visit(b, "anna", [("/", "home", ["Anna Ames", "My sessions"]),
                          ("/trainees/anna", "progress", ["progress", "forehead-basic"]),
                          ("/sessions/" + anna_uploaded, "session", ["Score", "Witnessed by the centre", "Open in pinpoint review"]),
                          ("/scenarios/forehead-basic", "scenario", ["sessions recorded"])],
              ["/sessions/" + ben_first, "/sessions/" + cara_uploaded, "/trainees/ben", "/cohorts/spring", "/queue", "/assessment"])
        b.open("/")
        check("Ben Bell" not in b.text() and "Mark expert" not in b.driver.page_source, "anna's home shows another trainee")
        b.open("/sessions/" + anna_uploaded)
        link = b.driver.find_element("link text", "Open in pinpoint review").get_attribute("href")
        check(link.startswith("pinpoint://review/" + anna_uploaded + "?centre=http%3A%2F%2F127.0.0.1%3A"), "review link: " + link)
        b.logout()

        b.login("asa")
        visit(b, "asa", [("/", "home", ["Asa Ash", "My review queue"]),
                         ("/queue", "queue", ["Review queue of Asa Ash", "Ben Bell"]),
                         ("/assessment", "assessment", ["Assessment quality"]),
                         ("/cohorts/spring", "cohort", ["Anna Ames", "Ben Bell"]),
                         ("/sessions/" + anna_uploaded, "session", ["Score"])],
              ["/sessions/" + cara_uploaded, "/cohorts/autumn", "/trainees/cara"])
        check("/queue/assign" not in b.open("/queue"), "an assessor was offered the assign form")
        b.logout()

        b.login("ida")
        visit(b, "ida", [("/", "home", ["Ida Ince", "spring"]),
                         ("/cohorts/spring", "cohort", ["Anna Ames", "Ben Bell", "Devika Ramanathan-Oyelaran"]),
                         ("/trainees/dev", "progress", ["Devika"]),
                         ("/queue", "queue", ["Sessions awaiting review", "Assign assessors"]),
                         ("/assessment", "assessment", ["Assessment quality"]),
                         ("/sessions/" + anna_uploaded, "session", ["Contrasting groups", "Not marked."])],
              ["/sessions/" + cara_uploaded, "/cohorts/autumn"])
        b.open("/sessions/" + anna_uploaded)
        b.driver.find_element("css selector", "button[value=expert]").click()
        b.wait_for(lambda d: "Marked expert." in b.text(), "the mark form did not mark the session")
        b.shot("ida_session_marked_laptop")
        with sqlite3.connect(db, timeout=10) as c:
            mark = c.execute("SELECT m.mark FROM session_marks m JOIN sessions s ON s.id = m.session_id WHERE s.session_key = ?",
                             (anna_uploaded,)).fetchone()
        check(mark == ("expert",), "the mark was not stored: %r" % (mark,))
        b.open("/queue")
        forms = b.driver.find_elements("css selector", "form[action='/queue/assign']")
        check(forms, "no assign form on the instructor's queue")
        form = forms[0]
        key = form.find_element("name", "session").get_attribute("value")
        selects = form.find_elements("tag name", "select")
        from selenium.webdriver.support.ui import Select
        if len(selects) == 2:
            Select(selects[0]).select_by_value("asa")
            Select(selects[1]).select_by_value("alf")
        else:
            Select(selects[0]).select_by_value("alf")
        form.find_element("tag name", "button").click()
        b.wait_for(lambda d: d.find_elements("css selector", "form[action='/queue/assign'] input[value='%s']" % key) == [],
                   "assigning did not go back to the queue with the session assigned")
        with sqlite3.connect(db, timeout=10) as c:
            who = [r[0] for r in c.execute("SELECT p.login FROM assignments a JOIN sessions s ON s.id = a.session_id "
                                           "JOIN people p ON p.id = a.assessor_id WHERE s.session_key = ?", (key,))]
        check("alf" in who, "the assignment was not stored: %r" % who)
        b.logout()

        b.login("root")
        visit(b, "root", [("/", "home", ["Rita Root", "autumn", "spring"]),
                          ("/cohorts/autumn", "cohort", ["Cara Cole", "Nia Nash"]),
                          ("/trainees/cara", "progress", ["Cara Cole"]),
                          ("/scenarios/forehead-basic", "scenario", ["sessions recorded", "Most common critical errors", "tissue_injury"]),
                          ("/queue", "queue", ["Sessions awaiting review"]),
                          ("/assessment", "assessment", ["Assessment quality"]),
                          ("/sessions/" + cara_uploaded, "session", ["Score", "Cara Cole", "received by the centre"])],
              ["/sessions/0123456789abcdef", "/trainees/nobody"])
        b.logout()
        b.open("/")
        check("/login" in b.driver.current_url, "after logging out the home page was still shown")
        if b.problems:
            fail("pages wider than the screen:\n  " + "\n  ".join(b.problems))
        print("ok: %d screenshots in %s" % (len(os.listdir(shots)), shots), flush=True)
    finally:
        if b:
            b.quit()
        centre.send_signal(signal.SIGTERM)
        try:
            centre.wait(timeout=10)
        except subprocess.TimeoutExpired:
            centre.kill()
        log.close()
        # Only the screenshots stay (and the centre's log, to read when it failed).
        for name in os.listdir(tmp):
            path = os.path.join(tmp, name)
            if path != shots and name != "centre.log":
                shutil.rmtree(path, ignore_errors=True) if os.path.isdir(path) else os.remove(path)


if __name__ == "__main__":
    main()
