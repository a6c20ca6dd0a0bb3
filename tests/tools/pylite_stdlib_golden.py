"""Writes the expected output of pylite's standard-library cases from CPython.

Each `crates/pylite/tests/stdlib/NAME.py` is run by this Python (3.11) with what pylite's
test host provides fixed the same way: the clock (`time.time()` = 1765000000.25), the
randomness (`os.urandom`: bytes counting up from 0, continuing across calls), `__name__`
("revision"), and a log handler printing `LOG <LEVEL> [<logger>] <message>` for every
record. Its stdout becomes `NAME.out`, which `crates/pylite/tests/stdlib_golden.rs` compares
with pylite's. Rerun after changing a case:

    .venv/bin/python tests/tools/pylite_stdlib_golden.py
"""

import contextlib
import io
import logging
import os
import pathlib
import sys
import time

CASES = pathlib.Path(__file__).resolve().parents[2] / "crates" / "pylite" / "tests" / "stdlib"
CLOCK = 1765000000.25


class PrintHandler(logging.Handler):
    def emit(self, record):
        print(f"LOG {record.levelname} [{record.name}] {record.getMessage()}")


def fixed_randomness():
    counter = [0]

    def urandom(n):
        out = bytes((counter[0] + i) % 256 for i in range(n))
        counter[0] += n
        return out

    return urandom


def run(path):
    time.time = lambda: CLOCK
    os.urandom = fixed_randomness()
    root = logging.getLogger()
    root.handlers = [PrintHandler()]
    root.setLevel(logging.DEBUG)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(path.read_text(), str(path), "exec"), {"__name__": "revision"})
    return out.getvalue()


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("run with Python 3.11 (the .venv's), the version pylite follows")
    for path in sorted(CASES.glob("*.py")):
        path.with_suffix(".out").write_text(run(path))
        print("wrote", path.with_suffix(".out").relative_to(CASES.parents[3]))


if __name__ == "__main__":
    main()
