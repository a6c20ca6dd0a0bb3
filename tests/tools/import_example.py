#!/usr/bin/env python3
"""Turns a scenario.json (description, revisions {file: text}, configure, commands) into a
test scenario directory: project/ (a real Alembic project) and commands.txt.

usage: import_example.py SCENARIO_JSON OUT_DIR"""
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from project_template import ALEMBIC_INI, SCRIPT_PY_MAKO, env_py  # noqa: E402


def main(src: str, out: str) -> None:
    scenario = json.loads(pathlib.Path(src).read_text())
    root = pathlib.Path(out)
    versions = root / "project" / "migrations" / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    (root / "project" / "alembic.ini").write_text(ALEMBIC_INI)
    (root / "project" / "migrations" / "env.py").write_text(env_py(scenario.get("configure") or {}))
    (root / "project" / "migrations" / "script.py.mako").write_text(SCRIPT_PY_MAKO)
    for name, text in scenario["revisions"].items():
        (versions / name).write_text(text)
    header = "".join(f"# {line}\n" for line in scenario.get("description", "").splitlines())
    (root / "commands.txt").write_text(header + "\n".join(scenario["commands"]) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
