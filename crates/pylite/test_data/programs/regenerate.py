"""Rewrites each NAME.out next to NAME.py with what CPython printed running it.

Run with CPython 3.11: `python3 crates/pylite/test_data/programs/regenerate.py`. An uncaught
exception ends the output with `error: ` and the traceback's last line, as the test prints
pylite's error message.
"""
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).resolve().parent
for program in sorted(here.glob("*.py")):
    if program.name == "regenerate.py":
        continue
    run = subprocess.run([sys.executable, str(program)], capture_output=True, text=True, cwd=here)
    out = run.stdout
    if run.returncode != 0:
        out += "error: " + run.stderr.strip().splitlines()[-1] + "\n"
    program.with_suffix(".out").write_text(out)
    print(program.name, "exit", run.returncode)
