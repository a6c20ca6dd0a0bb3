#!/usr/bin/env python3
"""Keeps published Alembic histories of open-source projects as golden scenarios.

For every history in HISTORIES this writes tests/scenarios/real_<name>/:
  project/migrations/versions/  the project's revision files, verbatim, from its released
                                wheel on PyPI (fetched by tests/tools/corpus.py into corpus/);
  project/<package files>       the project's own modules the revision files import (VENDOR),
                                verbatim, found through the ini's prepend_sys_path;
  project/alembic.ini, env.py   the corpus tool's generic ones (the project's env.py imports
                                the whole application) with its context.configure arguments;
  NOTICE.md + LICENSE*          where the files come from and the project's licence, verbatim;
  commands.txt                  upgrade head, down to base, and every step up and down.
then runs tests/tools/refresh_goldens.py on them, which records what real Alembic 1.20.1 does
(transcript.json). crates/cli/tests/scenarios.rs compares our CLI with it.

usage: tests/tools/make_real_histories.py [NAME ...]   (default: all)
"""
import pathlib
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import corpus  # noqa: E402  (the same folder)

REPO = corpus.REPO
SCENARIOS = REPO / "tests" / "scenarios"

# name: the corpus project (corpus.PROJECTS), the project's modules the revision files
# import (paths inside the wheel, copied verbatim), and the licence's name.
HISTORIES = {
    "aim_web": dict(project="aim-web", vendor=[], licence="Apache-2.0"),
    # Its first downgrade drops a constraint outside batch mode, which SQLite refuses (real
    # Alembic too): the history goes up step by step; going down is the last, failing step.
    "aim_storage": dict(project="aim-storage", vendor=[], licence="Apache-2.0", goes_down=False),
}


def revisions(versions: pathlib.Path) -> int:
    return sum(1 for p in versions.glob("*.py") if p.name != "__init__.py")


def commands(n: int, goes_down: bool) -> str:
    lines = ["# Written by tests/tools/make_real_histories.py: the whole history up and down,",
             "# then every step on its own."]
    if not goes_down:
        lines = ["# Written by tests/tools/make_real_histories.py: every step up, then the",
                 "# history's first downgrade, which fails."]
    lines += ["heads", "history", "upgrade head --sql"]
    if goes_down:
        lines += ["upgrade head", "current", "downgrade base", "current"]
    lines += ["upgrade +1", "current"] * n
    if goes_down:
        lines += ["downgrade -1", "current"] * n
    else:
        lines += ["#! diverges: schema data -- Alembic (pysqlite) keeps the DDL that ran before the "
                  "failing statement; we roll the whole migration back",
                  "downgrade -1", "current"]
    return "\n".join(lines) + "\n"


def make(name: str, history: dict) -> pathlib.Path:
    spec = corpus.PROJECTS[history["project"]]
    src = corpus.fetch_source(history["project"], spec)
    if src is None:
        sys.exit(f"{name}: could not fetch {spec['dist']}=={spec['version']}")
    dest = SCENARIOS / f"real_{name}"
    if dest.exists():
        shutil.rmtree(dest)
    project = dest / "project"
    vendor = history["vendor"]
    corpus.build_project(project, src, spec, sys_path=pathlib.Path("%(here)s") if vendor else None)
    # Only the history and what it needs: the project's env.py, README, helpers stay out.
    mig = project / "migrations"
    for p in mig.iterdir():
        if p.name not in ("versions", "env.py", "script.py.mako"):
            shutil.rmtree(p) if p.is_dir() else p.unlink()
    env_py = mig / "env.py"
    env_py.write_text(env_py.read_text().replace(" (kept as\nenv.py.orig)", "\n(not kept here)"))
    for rel in vendor:
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / rel, project / rel)
    info = next(src.glob("*.dist-info"))
    licences = sorted(p for p in info.rglob("*") if p.is_file() and p.name.upper().startswith(("LICENSE", "LICENCE", "NOTICE", "COPYING")))
    for p in licences:
        shutil.copyfile(p, dest / p.name)
    (dest / "NOTICE.md").write_text(
        f"# {history['project']}: a real Alembic history\n\n"
        f"`project/migrations/versions/` holds the revision files of `{spec['dist']}` "
        f"{spec['version']} (PyPI wheel, `{spec['script']}/versions`), unchanged"
        + (", and the project's modules they import: " + ", ".join(f"`{v}`" for v in vendor) if vendor else "")
        + f".\nThey are distributed under the {history['licence']} licence: "
        + ", ".join(f"`{p.name}`" for p in licences)
        + " (copied from the wheel).\n\n"
        "`alembic.ini` and `env.py` are generic ones written by `tests/tools/make_real_histories.py` "
        "(the project's own `env.py` imports the whole application); its `context.configure` "
        f"arguments that matter on SQLite are kept: {spec['configure'] or 'none'}.\n")
    (dest / "commands.txt").write_text(commands(revisions(mig / "versions"), history.get("goes_down", True)))
    return dest


def main() -> None:
    names = sys.argv[1:] or list(HISTORIES)
    made = [make(n, HISTORIES[n]) for n in names]
    subprocess.run([sys.executable, str(REPO / "tests" / "tools" / "refresh_goldens.py"), *map(str, made)], check=True)


if __name__ == "__main__":
    main()
