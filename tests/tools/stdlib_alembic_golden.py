"""Runs real Alembic on crates/engine/tests/stdlib_project (a revision using json, uuid,
datetime, time, textwrap and logging) and writes what it printed on stderr — the migration
log in the ini's logging configuration, with the revision's own records — and the row it
wrote (its `payload`; the id and time depend on the machine's randomness and clock) to
`alembic_upgrade.txt`, which crates/engine/tests/stdlib_in_revisions.rs compares with ours.

    .venv/bin/python tests/tools/stdlib_alembic_golden.py
"""

import pathlib
import shutil
import sqlite3
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROJECT = ROOT / "crates" / "engine" / "tests" / "stdlib_project"
ALEMBIC = pathlib.Path(sys.executable).with_name("alembic")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp) / "project"
        shutil.copytree(PROJECT, work, ignore=shutil.ignore_patterns("*.txt", "__pycache__"))
        run = subprocess.run([str(ALEMBIC), "upgrade", "head"], cwd=work, capture_output=True, text=True, check=True)
        row = sqlite3.connect(work / "stdlib.db").execute("SELECT payload FROM event").fetchone()
    out = PROJECT / "alembic_upgrade.txt"
    out.write_text("stderr:\n" + run.stderr + "payload:\n" + row[0] + "\n")
    print("wrote", out.relative_to(ROOT))


if __name__ == "__main__":
    main()
