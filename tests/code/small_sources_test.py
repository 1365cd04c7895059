"""Keeps the sources small enough to read (issue 22, item 3): no file under src/ over 400 lines, and no
function over 80 lines except those listed in long_functions.txt, which are still to be split. The
list can only shrink: a listed function that has been split (or renamed) fails the test until its
line is removed, so the list always says what is left.

    small_sources_test.py SOURCE_ROOT
"""
import os
import re
import sys

MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 80

# A function's first line at the left margin (namespaces are not indented): a return type and name,
# its parameters, and the opening brace at the end of the line (the house style, clang-format's).
DEFINITION = re.compile(r"^[A-Za-z_][\w:<>,*&\s]*?[\w:~]+\(.*\)\s*(const)?\s*(noexcept)?\s*(->\s*[\w:<>]+\s*)?\{\s*$")
NOT_FUNCTIONS = ("namespace", "struct", "class", "enum", "if ", "for ", "while ", "switch ", "union", "extern")


def functions(lines):
    """(name line, first line number, length) of each function defined at the left margin."""
    found = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not DEFINITION.match(line) or line.startswith(NOT_FUNCTIONS):
            i += 1
            continue
        depth = 0
        end = i
        for j in range(i, len(lines)):
            depth += lines[j].count("{") - lines[j].count("}")
            if depth <= 0:
                end = j
                break
        name = line.split("(")[0].split()[-1]
        found.append((name, i + 1, end - i + 1))
        i = end + 1
    return found


def main():
    root = sys.argv[1]
    listed_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "long_functions.txt")
    listed = set()
    for entry in open(listed_path):
        entry = entry.split("#")[0].strip()
        if entry:
            listed.add(entry)
    failures = []
    long_now = set()
    for folder, _, names in os.walk(os.path.join(root, "src")):
        for name in sorted(names):
            if not name.endswith((".cpp", ".h")):
                continue
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root)
            lines = open(path, encoding="utf-8").read().split("\n")
            count = len(lines) - (1 if lines and lines[-1] == "" else 0)
            if count > MAX_FILE_LINES:
                failures.append(f"{relative}: {count} lines, more than {MAX_FILE_LINES}: split it by what its parts do")
            for function, first, length in functions(lines):
                if length <= MAX_FUNCTION_LINES:
                    continue
                key = f"{relative} {function}"
                long_now.add(key)
                if key not in listed:
                    failures.append(f"{relative}:{first}: {function} is {length} lines, more than {MAX_FUNCTION_LINES}")
    for key in sorted(listed - long_now):
        failures.append(f"long_functions.txt lists '{key}', which is no longer over {MAX_FUNCTION_LINES} lines "
                        "(or no longer there): remove its line")
    for f in failures:
        print("FAIL:", f)
    print(f"{len(long_now)} functions over {MAX_FUNCTION_LINES} lines, all listed" if not failures else "")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
