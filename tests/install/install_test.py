#!/usr/bin/env python3
"""The Debian package, installed into a throw-away root and run from there (ctest label `install`).

CPack makes pinpoint_VERSION_ARCH.deb from the built tree, `dpkg -x` unpacks it into a temporary
folder (never the machine's /usr), and the unpacked binary runs with no PINPOINT_SHARE_DIR,
PINPOINT_ASSETS or PINPOINT_SCENARIOS: it must find its data relative to itself. It checks
--version, `validate` on the shipped library, `demo` + `score`, `render` on lavapipe, `centre serve`
on SQLite answering /api/v1/health, and `systemd-analyze verify` on the unit.

    install_test.py --cpack-config BUILD/CPackConfig.cmake --cpack cpack --version 0.1.0
                    --source-dir SRC --cache-dir BUILD/test-cache
"""
import argparse
import glob
import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

LAVAPIPE = "/usr/share/vulkan/icd.d/lvp_icd.x86_64.json"
# A scenario the careful practitioner treats (so scoring re-derives punctures), on one small zone.
DEMO_SCENARIO = "acne-scars-cheeks.toml"


class Failure(Exception):
    pass


def step(name):
    """Prints a step's name and, on the way out, how long it took."""
    class Timer:
        def __enter__(self):
            self.start = time.monotonic()
            print(f"install test: {name} ...", flush=True)

        def __exit__(self, kind, value, trace):
            if kind is None:
                print(f"install test: {name}: ok ({time.monotonic() - self.start:.1f} s)", flush=True)
    return Timer()


def run(argv, env=None, cwd=None, timeout=300, expect=0):
    result = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)
    if expect is not None and result.returncode != expect:
        raise Failure(f"`{' '.join(argv)}` exited {result.returncode} (expected {expect})\n"
                      f"--- stdout\n{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-4000:]}")
    return result


def make_package(args, scratch):
    out = os.path.join(scratch, "package")
    run([args.cpack, "-G", "DEB", "--config", args.cpack_config, "-B", out], timeout=600)
    debs = glob.glob(os.path.join(out, "*.deb"))
    if len(debs) != 1:
        raise Failure(f"cpack made {debs}, not one .deb")
    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    expected = f"pinpoint_{args.version}_{arch}.deb"
    if os.path.basename(debs[0]) != expected:
        raise Failure(f"the package is {os.path.basename(debs[0])}, not {expected}")
    return debs[0]


def check_control(deb):
    depends = run(["dpkg-deb", "--field", deb, "Depends"]).stdout
    # dpkg-shlibdeps ran: the C library and the libraries the binary links are there with versions.
    for needed in ("libc6 (>=", "libvulkan1", "libsqlite3-0", "libsodium23", "assimp-testmodels"):
        if needed not in depends:
            raise Failure(f"Depends lacks {needed}: {depends}")
    print(f"install test: Depends: {depends.strip()}")


def check_contents(root, source_dir):
    expected = [
        "usr/bin/pinpoint",
        "usr/share/pinpoint/assets/zones.toml", "usr/share/pinpoint/assets/conditions.toml",
        "usr/share/pinpoint/scenarios/default.toml",
        "usr/share/applications/pinpoint.desktop", "usr/share/applications/pinpoint-review.desktop",
        "usr/share/man/man1/pinpoint.1.gz", "usr/share/man/man1/pinpoint-score.1.gz",
        "usr/share/man/man1/pinpoint-centre-serve.1.gz",
        "usr/lib/systemd/system/pinpoint-centre.service", "usr/lib/sysusers.d/pinpoint.conf",
        "usr/share/doc/pinpoint/copyright", "usr/share/doc/pinpoint/changelog.gz",
        "usr/share/doc/pinpoint/examples/pinpoint-centre.nginx",
    ]
    missing = [path for path in expected if not os.path.isfile(os.path.join(root, path))]
    if missing:
        raise Failure(f"the package lacks {missing}")
    for found in glob.glob(os.path.join(root, "**", "pinpoint-data-dir"), recursive=True):
        raise Failure(f"the package carries a build folder's marker: {found}")
    with open(os.path.join(root, "usr/bin/pinpoint"), "rb") as binary:
        if source_dir.encode() in binary.read():
            raise Failure(f"the installed binary still holds the source path {source_dir}")


def clean_environment(scratch, cache_dir):
    """The environment the unpacked binary runs in: nothing that tells it where its data is."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PINPOINT_", "XDG_"))}
    home = os.path.join(scratch, "home")
    os.makedirs(home)
    env.update(HOME=home, PINPOINT_CACHE_DIR=cache_dir, PINPOINT_KEY_DIR=os.path.join(scratch, "keys"),
               VK_ICD_FILENAMES=LAVAPIPE)
    return env


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise Failure(f"{path} is not a PNG")
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def wait_for_listening(process, seconds):
    """The port from the centre's `listening on http://127.0.0.1:PORT` line; fails if it exits first."""
    pattern = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + seconds
    seen = ""
    while time.monotonic() < deadline:
        if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
            break
        line = process.stdout.readline()
        if not line:  # end of output: the centre stopped
            raise Failure(f"the centre stopped before it listened (exit {process.wait()}): {seen}")
        seen += line
        match = pattern.search(line)
        if match:
            return int(match.group(1))
    raise Failure(f"the centre did not say where it listens within {seconds} s: {seen}")


def serve_centre(binary, env, scratch):
    argv = [binary, "centre", "serve", "--db", os.path.join(scratch, "centre.sqlite"),
            "--listen", "127.0.0.1:0", "--key-folder", os.path.join(scratch, "centre-keys")]
    # Its messages go to a file: a pipe nobody reads could fill and stall it.
    errors = open(os.path.join(scratch, "centre.err"), "w+")
    process = subprocess.Popen(argv, env=env, cwd=scratch, stdout=subprocess.PIPE, stderr=errors, text=True)
    try:
        try:
            port = wait_for_listening(process, 120)
        except Failure as failure:
            errors.seek(0)
            raise Failure(f"{failure}\n--- its standard error\n{errors.read()[-4000:]}") from None
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=30) as reply:
            body = reply.read().decode()
            if reply.status != 200:
                raise Failure(f"/api/v1/health answered {reply.status}: {body}")
        print(f"install test: /api/v1/health on port {port}: {body.strip()}")
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
        if code != 0:
            errors.seek(0)
            raise Failure(f"the centre exited {code} on SIGTERM: {errors.read()[-4000:]}")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        errors.close()


def verify_unit(root):
    """systemd-analyze verify on the unpacked unit, with the machine's own units beside it in the root
    (its dependencies must resolve) and the root's man pages for the Documentation= check."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        print("install test: SKIPPED systemd-analyze verify: systemd-analyze is not installed "
              "(scripts/setup installs systemd)")
        return
    units = os.path.join(root, "usr/lib/systemd/system")
    for system_units in ("/usr/lib/systemd/system", "/lib/systemd/system"):
        if os.path.isdir(system_units):
            for name in os.listdir(system_units):
                if not os.path.lexists(os.path.join(units, name)):
                    source = os.path.join(system_units, name)
                    if os.path.islink(source):
                        os.symlink(os.readlink(source), os.path.join(units, name))
                    elif os.path.isfile(source):
                        shutil.copy(source, units)
            break
    env = dict(os.environ, MANPATH=os.path.join(root, "usr/share/man"))
    # Documentation=man:... is checked by running man(1) on the root's pages, when man-db is there.
    man = [] if shutil.which("man") else ["--man=no"]
    if man:
        print("install test: man(1) is not installed: the unit's Documentation= page is not checked")
    result = run([analyze, "verify", *man, f"--root={root}", "pinpoint-centre.service"], env=env, expect=None)
    said = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or said:
        # verify exits 0 after an unknown key or a bad value, with a warning: any word from it fails.
        raise Failure(f"systemd-analyze verify (exit {result.returncode}): {said}")
    security = run([analyze, "security", "--offline=yes", f"--root={root}", "pinpoint-centre.service"], expect=None)
    exposure = [line for line in security.stdout.splitlines() if "Overall exposure" in line]
    if exposure:
        print("install test: systemd-analyze security: " + exposure[0].strip("→ ").strip())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cpack", required=True)
    parser.add_argument("--cpack-config", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--cache-dir", required=True)
    args = parser.parse_args()

    started = time.monotonic()
    # Outside the build folder: nothing above the unpacked binary may point back to the source tree.
    scratch = tempfile.mkdtemp(prefix="pinpoint-install-test-")
    try:
        with step("cpack -G DEB"):
            deb = make_package(args, scratch)
        print(f"install test: {os.path.basename(deb)}, {os.path.getsize(deb) / 1e6:.1f} MB")
        check_control(deb)
        root = os.path.join(scratch, "root")
        with step("dpkg -x into a throw-away root"):
            run(["dpkg", "-x", deb, root])
            check_contents(root, args.source_dir)
        binary = os.path.join(root, "usr/bin/pinpoint")
        shared = os.path.join(root, "usr/share/pinpoint")
        env = clean_environment(scratch, args.cache_dir)
        work = os.path.join(scratch, "work")  # the commands run here: no assets/ beside them to fall back on
        os.makedirs(work)

        with step("pinpoint --version"):
            said = run([binary, "--version"], env=env, cwd=work).stdout.strip()
            if said != f"pinpoint {args.version}":
                raise Failure(f"--version says {said!r}")
        with step("the binary resolves its data from where it is"):
            # `scenarios fetch --help` names the scenario folder in use.
            said = run([binary, "scenarios", "fetch", "--help"], env=env, cwd=work).stdout
            if os.path.join(shared, "scenarios") not in said:
                raise Failure(f"the unpacked binary does not use {shared}/scenarios: {said}")
        scenarios = sorted(glob.glob(os.path.join(shared, "scenarios", "*.toml")))
        with step(f"pinpoint validate on the {len(scenarios)} shipped scenarios"):
            said = run([binary, "validate", *scenarios], env=env, cwd=work).stdout
            if said.count(": ok") != len(scenarios):
                raise Failure(f"validate did not pass every scenario: {said}")
        session = os.path.join(work, "demo.pps")
        with step(f"pinpoint demo + score on {DEMO_SCENARIO}"):
            run([binary, "demo", "--scenario", os.path.join(shared, "scenarios", DEMO_SCENARIO), "--out", session],
                env=env, cwd=work)
            # No --scenario: score finds it by the session's id in the shipped library.
            report = json.loads(run([binary, "score", session, "--json"], env=env, cwd=work).stdout)
            if report.get("passed") is not True or report.get("punctures", {}).get("total", 0) <= 0:
                raise Failure(f"the careful demo did not pass: {json.dumps(report)[:2000]}")
        with step("pinpoint render (lavapipe, offscreen)"):
            picture = os.path.join(work, "head.png")
            run([binary, "render", "--size", "160x120", "--overlay", "zones", "--out", picture], env=env, cwd=work)
            if png_size(picture) != (160, 120):
                raise Failure(f"the render is {png_size(picture)}, not 160x120")
        with step("pinpoint centre serve on SQLite answers /api/v1/health"):
            serve_centre(binary, env, scratch)
        with step("systemd-analyze verify pinpoint-centre.service"):
            verify_unit(root)
    except (Failure, subprocess.TimeoutExpired) as failure:
        print(f"install test: FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"install test: passed in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
