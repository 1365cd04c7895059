"""Drives the real simulator window with real X input (xdotool) and reads its --test-hooks lines.

Shared by the app tests. Needs an X display (Xvfb in CI), xdotool, xwd and ImageMagick's convert.
"""
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time

SKIP = 77  # CTest SKIP_RETURN_CODE


def need_display():
    if not os.environ.get("DISPLAY"):
        print("no DISPLAY: skipped (run under xvfb-run, as scripts/test does)")
        raise SystemExit(SKIP)
    for tool in ("xdotool", "xwd"):
        if not shutil.which(tool):
            print(f"{tool} is missing: skipped (scripts/setup installs it)")
            raise SystemExit(SKIP)


def display_size():
    out = subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), int(out[1])


def screenshot(path):
    xwd = subprocess.run(["xwd", "-root", "-silent"], capture_output=True, check=True).stdout
    subprocess.run(["/usr/bin/convert", "xwd:-", path], input=xwd, check=True)


def read_ppm(path):
    """(width, height, bytes RGB) of a picture, through ImageMagick."""
    size = subprocess.run(["/usr/bin/identify", "-format", "%w %h", path], capture_output=True, text=True,
                          check=True).stdout.split()
    data = subprocess.run(["/usr/bin/convert", path, "-depth", "8", "rgb:-"], capture_output=True, check=True).stdout
    return int(size[0]), int(size[1]), data


class App:
    def __init__(self, binary, args, log_path, subcommand=(), new_session=False):
        """`new_session`: started without a controlling terminal, as from a browser's link."""
        self.log = open(log_path, "w")
        self.history = []  # every hook line, in order
        self.proc = subprocess.Popen([binary, *subcommand, "--test-hooks", *args], stdout=subprocess.PIPE,
                                     stderr=self.log, text=True, stdin=subprocess.DEVNULL if new_session else None,
                                     start_new_session=new_session)
        self.lines = queue.Queue()
        self.positions = {}
        self.screen = None
        self.session = None
        self.score_line = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            line = line.strip()
            self.history.append(line)
            self.log.write("hook: " + line + "\n")
            self.log.flush()
            parts = line.split(" ")
            if parts[0] in ("button", "point", "size") and len(parts) == 4:
                self.positions[parts[0] + " " + parts[1]] = (int(parts[2]), int(parts[3]))
            elif parts[0] == "screen":
                self.screen = parts[1]
                self.positions = {k: v for k, v in self.positions.items() if k.startswith("size ")}
            elif parts[0] == "session":
                self.session = line[len("session "):]
            elif parts[0] == "score":
                self.score_line = line
            self.lines.put(line)

    def wait_for(self, what, timeout=60.0):
        """Waits until `what` ('screen NAME', 'button ID', 'point NAME') is known; returns its position."""
        end = time.time() + timeout
        while time.time() < end:
            if self.proc.poll() is not None:
                raise AssertionError(f"the app exited ({self.proc.returncode}) while waiting for {what}")
            if what.startswith("screen ") and self.screen == what.split(" ", 1)[1]:
                return None
            if what in self.positions:
                time.sleep(0.1)  # let it settle (a control may move once as the panel lays out)
                return self.positions[what]
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what} (screen {self.screen})")

    def wait_stable(self, what, settle=0.6, timeout=60.0):
        """Like wait_for, then waits until the position has not changed for `settle` seconds."""
        pos = self.wait_for(what, timeout)
        end = time.time() + timeout
        while time.time() < end:
            time.sleep(settle)
            now = self.positions.get(what)
            if now == pos:
                return pos
            pos = now
        raise AssertionError(f"{what} never settled")

    def wait_line(self, prefix, timeout=60.0, count=1):
        """Waits for `count` hook lines starting with `prefix`; returns the latest such line."""
        end = time.time() + timeout
        while time.time() < end:
            found = [l for l in self.history if l.startswith(prefix)]
            if len(found) >= count:
                return found[-1]
            if self.proc.poll() is not None:
                raise AssertionError(f"the app exited ({self.proc.returncode}) while waiting for '{prefix}'")
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for a '{prefix}' line")

    def wait_for_size(self, width, height, timeout=30.0):
        end = time.time() + timeout
        while self.positions.get("size window") != (width, height):
            if time.time() > end:
                raise AssertionError(f"the window did not become {width}x{height}: {self.positions.get('size window')}")
            time.sleep(0.05)
        time.sleep(0.3)  # a frame or two at the new size, so the controls report where they are now

    def click(self, button_id):
        # A control moves when the panel lays out again (a choice reveals more); under load the app
        # reports its new place a few frames late, so wait until it has stopped moving.
        x, y = self.wait_stable("button " + button_id, settle=0.25)
        xdo("mousemove", x, y)
        time.sleep(0.15)
        xdo("mousedown", 1)
        time.sleep(0.1)
        xdo("mouseup", 1)
        time.sleep(0.2)

    def click_until(self, button_id, what, attempts=3, timeout=20.0):
        """Clicks a button and waits until `what` ('screen NAME', 'button ID') appears. Under heavy load
        (the fuzzers beside the app tests on two cores) a frame can outlast the driver's settle time
        and a click land where the button was a frame before; the click is then repeated. Only for a
        button that is safe to click twice (one that opens a screen or a tab)."""
        for attempt in range(attempts):
            self.click(button_id)
            try:
                return self.wait_for(what, timeout)
            except AssertionError:
                if attempt + 1 == attempts or self.proc.poll() is not None:
                    raise
                self.log.write(f"driver: {button_id} did not bring {what}; clicking again\n")

    def click_to(self, button_id, screen, attempts=3, timeout=20.0):
        """Clicks a button that leads to another screen, and waits for that screen (see click_until)."""
        return self.click_until(button_id, "screen " + screen, attempts, timeout)

    def finish(self, timeout=30):
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise


def start_case(binary, out_dir, scenario_file, name):
    """The simulator on one of the shipped scenarios (scenarios/`scenario_file`), in a window as large
    as the display allows up to 1280x720, recording into a throw-away folder; waits for the start
    screen. Returns the app and that folder. Its log is OUT_DIR/`name`.log."""
    source = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    need_display()
    os.makedirs(out_dir, exist_ok=True)
    width, height = display_size()
    sessions = tempfile.mkdtemp(prefix=f"pinpoint-{name}-test-")
    scenario = os.path.join(source, "scenarios", scenario_file)
    app = App(binary, ["--validation", "--sessions-dir", sessions, "--trainee", f"{name} test", "--scenario", scenario,
                       "--size", f"{min(width, 1280)}x{min(height, 720)}"], os.path.join(out_dir, f"{name}.log"))
    app.wait_for("screen start")
    return app, sessions


def walk_to_treatment(app, questions=("medication", "cold_sores"),
                      steps=("cleanse", "numbing_applied", "numbing_removed", "disinfect"), at_intake=None):
    """From the start screen to treatment the careful way: ask `questions`, proceed, tick `steps`,
    keep the default device. `at_intake` (if given) is called once the questions are asked."""
    app.click_to("start", "intake")
    for q in questions:
        app.click("ask_" + q)
    if at_intake:
        at_intake()
    app.click_to("to_decision", "decision")
    app.click("choice_proceed")
    app.click_to("decide", "protocol")
    for step in steps:
        app.click("step_" + step)
    app.click_to("to_tools", "tools")
    app.click_to("to_treatment", "treatment")


def xdo(*args):
    subprocess.run(["xdotool", *[str(a) for a in args]], check=True)


def glide(points, pause=0.03):
    """Moves the pointer through `points` ((x, y) pairs), `pause` seconds at each: one xdotool run for
    the whole path, so a long drag is paced by its pauses, not by starting a process per point."""
    commands = []
    for x, y in points:
        commands += ["mousemove", x, y, "sleep", pause]
    if commands:
        xdo(*commands)


def stroke_across(x, y, length=120, release=True):
    """Presses the left button at (x, y) and drags it `length` pixels to the right, as a trainee needling
    a line; with release=False the button is left down (a test that kills the app mid-stroke)."""
    xdo("mousemove", x, y)
    time.sleep(0.3)
    xdo("mousedown", 1)
    glide([(x + i, y) for i in range(0, length + 1, 4)])
    if release:
        xdo("mouseup", 1)


def key_repeat(on):
    """Turns the X server's key autorepeat on or off. Off while a test types: under load a key can stay
    down past the repeat delay between xdotool's press and release, and the server then types it twice
    ("ago  and"). Through libX11 with ctypes, as close_window."""
    import ctypes
    import ctypes.util

    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    for name in ("XAutoRepeatOn", "XAutoRepeatOff", "XFlush", "XCloseDisplay"):
        getattr(x11, name).argtypes = [ctypes.c_void_p]
    display = x11.XOpenDisplay(None)
    if not display:
        raise AssertionError("cannot open the X display to set key repeat")
    (x11.XAutoRepeatOn if on else x11.XAutoRepeatOff)(display)
    x11.XFlush(display)
    x11.XCloseDisplay(display)


def close_window(title):
    """Asks the windows titled `title` to close as a window manager's close button does: a
    WM_DELETE_WINDOW message (Xvfb runs no window manager, and `xdotool windowclose` destroys the
    window instead of asking). Sent through libX11 with ctypes."""
    import ctypes
    import ctypes.util

    ids = subprocess.run(["xdotool", "search", "--name", title], capture_output=True, text=True, check=True).stdout.split()

    class ClientMessage(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                    ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                    ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]

    class Event(ctypes.Union):  # XEvent: 24 longs
        _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]

    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    display = x11.XOpenDisplay(None)
    if not display:
        raise AssertionError("cannot open the X display to send WM_DELETE_WINDOW")
    for window in ids:
        event = Event()
        event.xclient.type = 33  # ClientMessage
        event.xclient.window = int(window)
        event.xclient.message_type = x11.XInternAtom(display, b"WM_PROTOCOLS", 0)
        event.xclient.format = 32
        event.xclient.data[0] = x11.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
        x11.XSendEvent(display, int(window), 0, 0, ctypes.byref(event))
    x11.XFlush(display)
    x11.XCloseDisplay(display)
    return len(ids)
