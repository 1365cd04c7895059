#!/usr/bin/env python3
"""Writes a man page (roff, gzip -9n) for `pinpoint` and for each of its subcommands, from the built
binary's own --help text: the pages say what the program says, and a new option reaches them with the
next build. pinpoint.1 also gains the environment variables and files, which --help does not list.

    man_from_help.py --binary build/pinpoint --version 0.1.0 --out build/packaging/man

The help text comes from CLI11: a description, a `Usage:` line, then groups (`Options:`, `Positionals:`,
`Subcommands:`, ...) of two-space-indented entries whose descriptions start at column 30.
"""
import argparse
import gzip
import os
import re
import subprocess
import sys

COLUMN = 30  # CLI11's default column for the descriptions

# --help prints defaults that depend on who runs it (the home folder, where the data is); the pages
# show what an installed package's user would see.
HELP_ENVIRONMENT = {
    "HOME": "~",
    "PINPOINT_SHARE_DIR": "/usr/share/pinpoint",
    "LANG": "C.UTF-8",
    "PATH": "/usr/bin:/bin",
}

ENVIRONMENT_SECTION = [
    ("PINPOINT_SHARE_DIR", "The folder holding assets/ and scenarios/. By default the binary finds it from where "
                           "it is installed: PREFIX/bin/pinpoint reads PREFIX/share/pinpoint."),
    ("PINPOINT_ASSETS", "The data files (zones, tools, rubric, conditions, rating items, skin tones); default "
                        "PINPOINT_SHARE_DIR/assets."),
    ("PINPOINT_SCENARIOS", "The scenario library that sessions are scored against; default PINPOINT_SHARE_DIR/scenarios."),
    ("PINPOINT_MODEL", "The head model; default /usr/share/assimp/models/Collada/human.zae (assimp-testmodels)."),
    ("PINPOINT_DATA_DIR", "What Pinpoint keeps for the user: sessions, the centre's SQLite file; default "
                          "$XDG_DATA_HOME/pinpoint, else ~/.local/share/pinpoint."),
    ("PINPOINT_KEY_DIR", "The session-signing key, the trusted recorders and station.toml; default "
                         "$XDG_CONFIG_HOME/pinpoint, else ~/.config/pinpoint."),
    ("PINPOINT_CACHE_DIR", "The built head surface and density cache; default $XDG_CACHE_HOME/pinpoint, "
                           "else ~/.cache/pinpoint."),
    ("PINPOINT_CENTRE_TOKEN", "A station's token for the centre, instead of --token."),
]


def run_help(binary, path):
    env = dict(HELP_ENVIRONMENT)
    result = subprocess.run([binary, *path, "--help"], env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"man_from_help: `pinpoint {' '.join(path)} --help` exited {result.returncode}: {result.stderr}")
    return result.stdout


def parse_help(text):
    """(description lines, usage tail after the program name, [(group, [(name, description)])])."""
    lines = text.rstrip("\n").split("\n")
    usage_at = next(i for i, line in enumerate(lines) if line.startswith("Usage:"))
    description = [line for line in lines[:usage_at]]
    usage = lines[usage_at][len("Usage:"):].strip()
    groups = []
    i = usage_at + 1
    while i < len(lines):
        line = lines[i]
        header = re.fullmatch(r"(\S.*):", line)
        if header:
            groups.append((header.group(1), []))
        elif line.startswith("  ") and not line.startswith(" " * COLUMN) and groups:
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if len(line.rstrip()) >= COLUMN and following.startswith(" " * COLUMN) and len(line[2:].strip()) >= COLUMN - 2:
                name, desc = line.strip(), ""  # a name too long for its column: the description follows
            else:
                name, desc = line[2:COLUMN].strip(), line[COLUMN:].strip()
            groups[-1][1].append([name, desc])
        elif line.startswith(" " * COLUMN) and groups and groups[-1][1]:
            entry = groups[-1][1][-1]
            entry[1] = (entry[1] + "\n" + line.strip()).strip("\n")
        i += 1
    return description, usage, groups


def roff_text(text):
    """Plain text as roff: backslashes escaped, a line never starting with a control character."""
    out = []
    for line in text.replace("\\", "\\e").split("\n"):
        line = line.strip()
        if line.startswith((".", "'")):
            line = "\\&" + line
        out.append(line)
    return "\n".join(out)


def roff_name(text):
    """An option or command name: minus signs as \\- so that they copy and search as typed."""
    return roff_text(text).replace("-", "\\-")


def page_name(path):
    return "-".join(["pinpoint", *path])


def write_page(out_dir, version, binary, path, summary):
    """Writes the page of `pinpoint PATH...` and those of its subcommands; their file names."""
    description, usage, groups = parse_help(run_help(binary, path))
    command = " ".join(["pinpoint", *path])
    words = usage.split()
    # The usage line starts with the program as it was run (a build folder's path): keep what follows the command.
    tail = words[len(path) + 1:] if len(words) > len(path) else []
    title = page_name(path).upper()
    page = [f'.TH {roff_name(title)} 1 "" "pinpoint {version}" "Pinpoint manual"',
            ".SH NAME", f"{roff_name(page_name(path))} \\- {roff_text(summary)}",
            ".SH SYNOPSIS", f".B {roff_name(command)}"]
    if tail:
        page.append(roff_text(" ".join(tail)))
    body = [line for line in description if line.strip()]
    if body:
        page += [".SH DESCRIPTION", roff_text("\n".join(body))]
    subcommands = []
    for group, entries in groups:
        if group == "Subcommands":
            subcommands = entries
            continue
        page.append(".SH " + roff_text(("ARGUMENTS" if group == "Positionals" else group).upper()))
        for name, desc in entries:
            page += [".TP", f"\\fB{roff_name(name)}\\fR", roff_text(desc) if desc else "\\&"]
    if subcommands:
        page.append(".SH COMMANDS")
        for name, desc in subcommands:
            page += [".TP", f"\\fB{roff_name(command + ' ' + name)}\\fR", roff_text(desc) if desc else "\\&",
                     f"See \\fB{roff_name(page_name([*path, name]))}\\fR(1)."]
    if not path:
        page.append(".SH ENVIRONMENT")
        for name, desc in ENVIRONMENT_SECTION:
            page += [".TP", f"\\fB{roff_name(name)}\\fR", roff_text(desc)]
        page += [".SH FILES", ".TP", "\\fI/usr/share/pinpoint\\fR",
                 "Assets and the scenario library, found relative to the binary.",
                 ".TP", "\\fI/usr/lib/systemd/system/pinpoint\\-centre.service\\fR",
                 "The training centre as a service (state in /var/lib/pinpoint)."]
    see_also = ["pinpoint"] if path else []
    if len(path) > 1:
        see_also.append(page_name(path[:-1]))
    see_also += [page_name([*path, name]) for name, _ in subcommands]
    if see_also:
        page += [".SH SEE ALSO", ",\n".join(f".BR {roff_name(name)} (1)" for name in see_also)]
    name = page_name(path) + ".1.gz"
    with open(os.path.join(out_dir, name), "wb") as raw:
        # mtime 0 and no file name inside: the same help text gives the same bytes (gzip -9n).
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as z:
            z.write(("\n".join(page) + "\n").encode("utf-8"))
    written = [name]
    for sub, desc in subcommands:
        written += write_page(out_dir, version, binary, [*path, sub], desc)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for old in os.listdir(args.out):  # a removed subcommand's page must not linger
        if old.endswith(".1.gz"):
            os.remove(os.path.join(args.out, old))
    written = write_page(args.out, args.version, args.binary, [], "microneedling training simulator and its tools")
    print(f"man_from_help: {len(written)} pages in {args.out}")

if __name__ == "__main__":
    main()
