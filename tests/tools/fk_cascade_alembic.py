"""Runs real Alembic on tests/check/projects/fk_cascade with PRAGMA foreign_keys=ON (its
env.py sets it on every connection), after seeding at the first revision, and records what
happened to the child rows in tests/check/fk_cascade_alembic.json: the golden that
`crates/cli/tests/check.rs` compares `check`'s count against.

    .venv/bin/python tests/tools/fk_cascade_alembic.py
"""
import json
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROJECT = ROOT / "tests/check/projects/fk_cascade"
GOLDEN = ROOT / "tests/check/fk_cascade_alembic.json"
ALEMBIC = pathlib.Path(sys.executable).with_name("alembic")


def alembic(cwd, *args):
    return subprocess.run([str(ALEMBIC), "-c", "alembic.ini", *args], cwd=cwd, capture_output=True, text=True)


def books(db):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM books").fetchone()[0]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp) / "fk_cascade"
        shutil.copytree(PROJECT, work)
        db = work / "test.db"
        first = alembic(work, "upgrade", "c0c000000001")
        assert first.returncode == 0, first.stderr
        with sqlite3.connect(db) as conn:
            conn.executescript((work / "seed.sql").read_text())
        before = books(db)
        run = alembic(work, "upgrade", "head")
        after = books(db)
        with sqlite3.connect(db) as conn:
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    record = {
        "command": "alembic upgrade head (PRAGMA foreign_keys=ON in env.py)",
        "exit_code": run.returncode,
        "version_after": version,
        "books_before": before,
        "books_after": after,
    }
    GOLDEN.write_text(json.dumps(record, indent=2) + "\n")
    print(json.dumps(record))


if __name__ == "__main__":
    main()
