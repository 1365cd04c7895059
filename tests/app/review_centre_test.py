"""App test: `pinpoint review` opened from a centre's link (pinpoint://review/KEY?centre=URL), driven
with real input (xdotool). A real `pinpoint centre serve` on a SQLite file holds a demo session a
station uploaded and an administrator (added to the store with an Argon2id hash made by libsodium,
through ctypes). Started as from a browser (no terminal, no login in the environment), the window asks
for a sign-in: a wrong password is refused in the dialog, the right one opens the downloaded session;
a rating, Pass and Save: the window says the centre has the review, and the centre's store holds it,
signed off as passed, by that person.
"""
import ctypes
import ctypes.util
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))
from centre_launch import start_centre  # noqa: E402
from app_driver import App, close_window, display_size, need_display, screenshot, xdo  # noqa: E402

PASSWORD = "correct horse battery"


def argon2id(password):
    """libsodium's crypto_pwhash_str with its interactive limits, as the centre's hashPassword makes it."""
    sodium = ctypes.CDLL(ctypes.util.find_library("sodium") or "libsodium.so.23")
    if sodium.sodium_init() < 0:
        raise AssertionError("libsodium did not start")
    sodium.crypto_pwhash_opslimit_interactive.restype = ctypes.c_ulonglong
    sodium.crypto_pwhash_memlimit_interactive.restype = ctypes.c_size_t
    sodium.crypto_pwhash_str.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulonglong, ctypes.c_ulonglong,
                                         ctypes.c_size_t]
    out = ctypes.create_string_buffer(128)
    raw = password.encode()
    if sodium.crypto_pwhash_str(out, raw, len(raw), sodium.crypto_pwhash_opslimit_interactive(),
                                sodium.crypto_pwhash_memlimit_interactive()) != 0:
        raise AssertionError("crypto_pwhash_str failed")
    return out.value.decode()


def run(binary, *args):
    return subprocess.run([binary, *args], check=True, capture_output=True, text=True).stdout


def main():
    binary, out_dir = sys.argv[1], sys.argv[2]
    need_display()
    os.makedirs(out_dir, exist_ok=True)
    width, height = display_size()
    folder = tempfile.mkdtemp(prefix="pinpoint-review-centre-test-")
    db = os.path.join(folder, "centre.sqlite")
    token = run(binary, "centre", "add-station", "bay-1", "--db", db).strip()
    centre_log = open(os.path.join(out_dir, "review_centre_server.log"), "w")
    centre, url = start_centre(binary, db, os.path.join(folder, "keys"), centre_log)
    port = url.rsplit(":", 1)[1]
    failures = []
    try:
        session = os.path.join(folder, "demo.pps")
        run(binary, "demo", "--zones", "forehead", "--out", session)
        run(binary, "upload", session, "--centre", url, "--token", token)
        with open(session) as f:
            key = json.loads(f.readline())["h"]
        store = sqlite3.connect(db, timeout=30)
        store.execute("INSERT INTO people (login, display_name, role, password_hash, cohort, created_ms) "
                      "VALUES ('asha', 'Asha', 'admin', ?, '', 0)", (argon2id(PASSWORD),))
        store.commit()

        os.environ.pop("PINPOINT_CENTRE_USER", None)
        os.environ.pop("PINPOINT_CENTRE_PASSWORD", None)
        link = f"pinpoint://review/{key}?centre={urllib.parse.quote(url, safe='')}"
        app = App(binary, [link, "--assessor", "Dr Test", "--size", f"{min(width, 1280)}x{min(height, 720)}"],
                  os.path.join(out_dir, "review_centre.log"), subcommand=("review",), new_session=True)
        # The sign-in dialog: a wrong password first, then the right one.
        app.wait_for("screen signin", 120)
        app.wait_stable("button signin_ok")
        app.click("signin_user")
        xdo("type", "--delay", "60", "asha")
        app.click("signin_password")
        xdo("type", "--delay", "60", "not the password")
        screenshot(os.path.join(out_dir, "review_centre_signin.png"))
        for attempt in range(3):  # a press shorter than a slow frame is lost (see Return below): press again
            app.click("signin_ok")
            try:
                app.wait_line("signin sent", 20)
                break
            except AssertionError:
                if attempt == 2:
                    raise
        refused = app.wait_line("signin Wrong", 30)
        app.wait_stable("button signin_ok")
        app.click("signin_password")
        xdo("type", "--delay", "60", PASSWORD)
        # Return held until the dialog says it took the answer: ImGui 1.86 sees a key only as up or down
        # at each frame, so a tap shorter than a frame (a slow frame, under load) was lost and the
        # dialog waited for ever.
        xdo("keydown", "Return")
        try:
            app.wait_line("signin sent", 30, count=2)
        finally:
            xdo("keyup", "Return")
        app.wait_line("score ", 120)
        app.wait_for("screen review", 120)
        app.wait_stable("button save")
        items = sorted({k[len("button rate_"):-2] for k in app.positions if k.startswith("button rate_")})
        app.click(f"rate_{items[0]}_4")
        app.wait_line(f"rated {items[0]} 4", 10)
        app.click("signoff_pass")
        app.click("save")
        saved = app.wait_line("saved ", 20)
        sent = app.wait_line("centre ", 60)
        time.sleep(0.5)
        screenshot(os.path.join(out_dir, "review_centre.png"))
        close_window("Pinpoint - review")
        rc = app.finish()

        print(refused, "|", saved, "|", sent)
        if rc != 0:
            failures.append(f"the review exited with {rc}")
        if sent != "centre sent":
            failures.append(f"the window did not report the review as sent: {sent}")
        if not saved.endswith(os.path.join("centre-sessions", f"127.0.0.1_{port}", f"{key}.review.json")):
            failures.append(f"the review was not saved beside the downloaded session: {saved}")
        rows = store.execute("SELECT r.sign_off, p.login, r.ratings_json FROM reviews r JOIN people p ON p.id = r.assessor_id "
                             "JOIN sessions s ON s.id = r.session_id WHERE s.session_key = ?", (key,)).fetchall()
        if len(rows) != 1:
            failures.append(f"the centre holds {len(rows)} reviews of the session, not 1")
        elif rows[0][0] != "pass" or rows[0][1] != "asha" or json.loads(rows[0][2])["ratings"][0] != {"item": items[0], "score": 4}:
            failures.append(f"the stored review is not the one saved: {rows[0]}")
        store.close()
    finally:
        centre.send_signal(signal.SIGTERM)
        try:
            centre.wait(timeout=20)
        except subprocess.TimeoutExpired:
            centre.kill()
        shutil.rmtree(folder, ignore_errors=True)
    if failures:
        for f in failures:
            print("FAIL:", f)
        raise SystemExit(1)
    print("ok")


if __name__ == "__main__":
    main()
