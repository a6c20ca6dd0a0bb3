#!/usr/bin/env python3
"""Runs real Alembic on every test scenario and writes its transcript.json golden.

Each scenario directory under tests/scenarios/ holds project/ (a real Alembic project),
or is itself a project (the examples in migrations/), plus commands.txt (one command line per line; `!sql <stmt>` runs a statement straight on the
SQLite file; `#` starts a comment) and, written here, transcript.json: for every command
Alembic's exit code, stdout, FAILED message, migration log, warnings, what an 80-column
terminal showed (`terminal`: stdout and stderr merged in the order written), and the database
afterwards (alembic_version rows, schema, data). The Rust test suite compares our CLI with
these files and needs no Python.

usage: tests/tools/refresh_goldens.py [SCENARIO_DIR ...]   (default: all)
Alembic comes from .venv (set-up installs alembic==1.20.1, sqlalchemy==2.1.9)."""
import json
import os
import pathlib
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]
ALEMBIC = os.environ.get("ALEMBIC", str(REPO / ".venv" / "bin" / "alembic"))
SCENARIO_ROOTS = [REPO / "tests" / "scenarios", REPO / "migrations"]


def read_commands(path: pathlib.Path) -> list[str]:
    lines = [line.strip() for line in path.read_text().splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def db_state(db: pathlib.Path) -> dict:
    if not db.exists():
        return {"db_exists": False, "alembic_version": None, "schema": {}, "data": {}}
    con = sqlite3.connect(db)
    try:
        master = con.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        tables, indexes, data = {}, {}, {}
        for kind, name, tbl, sql in master:
            if kind == "table" and not name.startswith("sqlite_"):
                tables[name] = {
                    "sql": sql,
                    "columns": [list(r) for r in con.execute(f'PRAGMA table_info("{name}")')],
                    "indexes": [
                        {"name": r[1], "unique": r[2], "origin": r[3], "partial": r[4],
                         "columns": [c[2] for c in con.execute(f'PRAGMA index_info("{r[1]}")')]}
                        for r in con.execute(f'PRAGMA index_list("{name}")')
                    ],
                    "foreign_keys": [list(r) for r in con.execute(f'PRAGMA foreign_key_list("{name}")')],
                }
                if name != "alembic_version":
                    data[name] = [[encode(v) for v in row] for row in con.execute(f'SELECT * FROM "{name}"')]
            elif kind == "index":
                indexes[name] = {"table": tbl, "sql": sql}
        version = None
        if "alembic_version" in tables:
            version = [r[0] for r in con.execute("SELECT version_num FROM alembic_version")]
        return {"db_exists": True, "alembic_version": version,
                "schema": {"tables": tables, "indexes": indexes}, "data": data}
    finally:
        con.close()


def encode(value):
    return {"blob": value.hex()} if isinstance(value, bytes) else value


def run_sql(db: pathlib.Path, stmt: str) -> dict:
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.executescript(stmt)
        return {"exit_code": 0, "stdout": "", "error": None}
    except sqlite3.Error as e:
        return {"exit_code": 1, "stdout": "", "error": str(e)}
    finally:
        con.close()


def exception_line(err_lines: list[str]) -> str | None:
    """The `Type: message` line of a traceback (SQLAlchemy adds lines after it)."""
    for line in reversed(err_lines):
        if re.match(r"^[A-Za-z_][\w.]*: ", line) and "Warning" not in line.split(":")[0]:
            return line
    return err_lines[-1] if err_lines else None


# Runs Alembic's console script in-process with stdout and stderr each copied, as written, to
# the file named by TERMINAL_COPY: the two streams merged as a terminal shows them (a pipe
# would buffer stdout and print it after stderr).
TEE = """
import os, sys
copy = open(os.environ["TERMINAL_COPY"], "w", buffering=1)
class Tee:
    def __init__(self, stream): self.stream = stream
    def write(self, text): copy.write(text); return self.stream.write(text)
    def flush(self): copy.flush(); self.stream.flush()
    def __getattr__(self, name): return getattr(self.stream, name)
sys.stdout, sys.stderr = Tee(sys.stdout), Tee(sys.stderr)
sys.argv[0] = "alembic"
from alembic.config import main
main(prog="alembic")
"""


def run_alembic(project: pathlib.Path, argv: list[str]) -> dict:
    # The terminal copy is kept out of the project (the command may list its files).
    terminal_copy = project.parent / "terminal.txt"
    env = dict(os.environ, PYTHONHASHSEED="0", COLUMNS="80", TERMINAL_COPY=str(terminal_copy))
    python = pathlib.Path(ALEMBIC).parent / "python"
    proc = subprocess.run([python, "-c", TEE, "-c", "alembic.ini", *argv], cwd=project,
                          capture_output=True, text=True, env=env)
    stdout = proc.stdout.replace(str(project), "<PROJECT>")
    stderr = proc.stderr.replace(str(project), "<PROJECT>")
    terminal = terminal_copy.read_text().replace(str(project), "<PROJECT>")
    error = None
    for line in stdout.splitlines():
        if line.startswith("FAILED: "):
            error = line[len("FAILED: "):]
    err_lines = stderr.splitlines()
    return {
        "exit_code": proc.returncode,
        "stdout": stdout,
        "error": error,
        "exception": exception_line(err_lines) if proc.returncode == 1 else None,
        "migration_log": [m.group(1) for m in
                          (re.match(r"INFO  \[alembic\.runtime\.migration\] (Running .*)", l)
                           for l in err_lines) if m],
        "warnings": [m.group(1) for m in (re.search(r"(\w*Warning: .*)", l) for l in err_lines) if m],
        "terminal": terminal,
    }


def refresh(scenario: pathlib.Path) -> None:
    version = subprocess.run([ALEMBIC, "--version"], capture_output=True, text=True).stdout.strip()
    steps = []
    with tempfile.TemporaryDirectory() as tmp:
        project = pathlib.Path(tmp) / "project"
        source = scenario / "project" if (scenario / "project").is_dir() else scenario
        shutil.copytree(source, project, ignore=shutil.ignore_patterns("transcript.json", "*.db"))
        db = project / "test.db"
        for command in read_commands(scenario / "commands.txt"):
            if command.startswith("!sql "):
                result = run_sql(db, command[5:])
            else:
                result = run_alembic(project, shlex.split(command))
            steps.append({"command": command, **result, **db_state(db)})
    transcript = {"format": 1, "oracle": version, "steps": steps}
    (scenario / "transcript.json").write_text(json.dumps(transcript, indent=1, sort_keys=True) + "\n")
    print(f"refreshed {scenario.relative_to(REPO)}: {len(steps)} steps")


def main() -> None:
    dirs = [pathlib.Path(a).resolve() for a in sys.argv[1:]] or sorted(
        p for root in SCENARIO_ROOTS for p in root.iterdir() if (p / "commands.txt").exists())
    for d in dirs:
        refresh(d)


if __name__ == "__main__":
    main()
