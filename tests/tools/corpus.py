#!/usr/bin/env python3
"""Runs the published Alembic histories of real projects on real Alembic and on our CLI.

For every project in PROJECTS (pinned versions) this:
  1. downloads the released wheel from PyPI (`pip download NAME==VERSION --no-deps`) into
     corpus/wheels/ and unpacks it into corpus/src/<project>/ (corpus/ is gitignored);
  2. builds a runnable Alembic project twice (work/<project>/real and .../ours): a copy of the
     project's migrations folder whose env.py is replaced by a minimal generic one
     (target_metadata=None; the project's own context.configure keyword arguments that matter
     on SQLite, e.g. render_as_batch=True, copied literally: the projects' env.py files
     import the project itself), the original kept beside it as env.py.orig, and an
     alembic.ini with sqlalchemy.url = sqlite:///%(here)s/test.db;
  3. runs real Alembic in corpus/venvs/<project> (a venv with NAME==VERSION installed, with
     alembic==1.20.1 and sqlalchemy==2.1.9 when the project's requirements allow them; the
     revision files import the project) and our CLI side by side on: `upgrade head`,
     `downgrade base`, `upgrade +1` repeatedly from base until real Alembic reaches head,
     `downgrade -1` repeatedly back to base, and `upgrade head --sql`;
  4. compares each step: exit code, stdout, the FAILED message, the version table, the schema
     (sqlite_master; a CREATE TABLE's constraint clauses compared as a set).

After a step whose database differs, our side's database is replaced by a copy of real
Alembic's (resync), so each later step measures one revision on its own rather than the
consequences of an earlier difference. A project whose first revision fails on real Alembic
with "no such table" (it expects tables created by the application's create_all) is seeded
with the project's own base schema when the project provides one (SEEDS); otherwise it is
reported.

It is a measuring tool: the exit code is always 0.

usage: tests/tools/corpus.py [--project NAME ...] [--cli PATH] [--keep] [--no-resync]
                             [--max-steps N] [--json FILE]
"""
import argparse
import collections
import json
import os
import pathlib
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile

REPO = pathlib.Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
ALEMBIC_PIN = ["alembic==1.20.1", "sqlalchemy==2.1.9"]

# name: PyPI distribution and pinned version, the migrations folder inside the wheel
# (script_location), the versions folder when it is not <script>/versions, the keyword
# arguments of the project's own context.configure(...) on SQLite that change what runs
# (copied from its env.py), and whether the revision files import the project (then real
# Alembic needs a venv with it installed).
PROJECTS = {
    "mlflow": dict(
        dist="mlflow", version="3.18.0", script="mlflow/store/db_migrations",
        configure={"render_as_batch": True},
        seed="mlflow", imports_project=True),
    "mlflow-auth": dict(
        dist="mlflow", version="3.18.0", script="mlflow/server/auth/db/migrations",
        configure={"render_as_batch": True}, venv="mlflow", imports_project=True),
    "airflow": dict(
        dist="apache-airflow-core", version="3.3.2", script="airflow/migrations",
        configure={"render_as_batch": True, "transaction_per_migration": True,
                   "version_table": "alembic_version"},
        imports_project=True),
    "prefect": dict(
        dist="prefect", version="3.9.1", script="prefect/server/database/_migrations",
        versions="versions/sqlite",
        configure={"render_as_batch": True, "transaction_per_migration": True},
        imports_project=True),
    "aim-storage": dict(
        dist="aim", version="3.29.1", script="aim/storage/migrations",
        configure={}, imports_project=False),
    "aim-web": dict(
        dist="aim", version="3.29.1", script="aim/web/migrations",
        configure={}, imports_project=False),
    "dagster": dict(
        dist="dagster", version="1.13.29", script="dagster/_core/storage/alembic",
        configure={"render_as_batch": True}, imports_project=True),
    "zenml": dict(
        dist="zenml", version="0.98.0", script="zenml/zen_stores/migrations",
        configure={"render_as_batch": True}, imports_project=True),
    "jupyterhub": dict(
        dist="jupyterhub", version="6.1.1", script="jupyterhub/alembic",
        configure={"transaction_per_migration": True}, imports_project=True),
    "meltano": dict(
        dist="meltano", version="4.4.1", script="meltano/migrations",
        configure={}, imports_project=True),
    "ihatemoney": dict(
        dist="ihatemoney", version="7.2.1", script="ihatemoney/migrations",
        configure={}, imports_project=True),
    "nbgrader": dict(
        dist="nbgrader", version="0.9.6", script="nbgrader/alembic",
        configure={}, imports_project=True),
    "optuna": dict(
        dist="optuna", version="5.1.0", script="optuna/storages/_rdb/alembic",
        configure={"render_as_batch": True}, imports_project=True),
}

# Python run in the project's venv with the database URL as argv[1]: creates the schema the
# project's first revision expects (what the application does before its first upgrade).
SEEDS = {
    # mlflow.store.db.utils._initialize_tables: InitialBase.metadata.create_all(engine),
    # then upgrade from the first revision.
    "mlflow": (
        "import sys, sqlalchemy\n"
        "from mlflow.store.tracking.dbmodels.initial_models import Base\n"
        "Base.metadata.create_all(sqlalchemy.create_engine(sys.argv[1]))\n"),
}

INI = """[alembic]
script_location = %(here)s/migrations
{version_locations}sqlalchemy.url = sqlite:///%(here)s/test.db

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARNING
handlers = console
qualname =

[logger_sqlalchemy]
level = WARNING
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = INFO
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
datefmt = %H:%M:%S
"""

ENV_PY = '''"""Generic env.py written by tests/tools/corpus.py: the project's own env.py (kept as
env.py.orig) imports the project; the keyword arguments below are copied from it."""
from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

target_metadata = None


def run_migrations_offline():
    url = config.get_main_option("sqlalchemy.url")
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,{kwargs}
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {{}}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,{kwargs}
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
'''


def log(msg: str) -> None:
    print(msg, flush=True)


# ---------------------------------------------------------------------------- fetching

def fetch_source(name: str, spec: dict) -> pathlib.Path | None:
    """The unpacked wheel's root (corpus/src/<dist>-<version>)."""
    root = CORPUS / "src" / f"{spec['dist']}-{spec['version']}"
    if (root / ".unpacked").exists():
        return root
    wheels = CORPUS / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    pattern = re.sub(r"[-_.]+", "_", spec["dist"]).lower() + "-" + spec["version"] + "-"
    found = [w for w in wheels.glob("*.whl") if w.name.lower().startswith(pattern)]
    if not found:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "download", f"{spec['dist']}=={spec['version']}",
             "--no-deps", "--only-binary=:all:", "-d", str(wheels)],
            capture_output=True, text=True)
        found = [w for w in wheels.glob("*.whl") if w.name.lower().startswith(pattern)]
        if not found:
            log(f"  [{name}] pip download failed: {proc.stderr.strip()[-300:]}")
            return None
    root.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(found[0]) as z:
        z.extractall(root)
    (root / ".unpacked").write_text(found[0].name + "\n")
    return root


def ensure_venv(name: str, spec: dict) -> tuple[pathlib.Path | None, str]:
    """corpus/venvs/<venv>: the project installed with pip. Returns (alembic path, note)."""
    vname = spec.get("venv", name)
    venv = CORPUS / "venvs" / vname
    alembic = venv / "bin" / "alembic"
    done = venv / ".installed"
    if done.exists():
        return (alembic if alembic.exists() else None), done.read_text().strip()
    if (venv / ".failed").exists():
        return None, (venv / ".failed").read_text().strip()
    venv.parent.mkdir(parents=True, exist_ok=True)
    log(f"  [{name}] creating venv {venv.relative_to(REPO)} (pip install {spec['dist']}=={spec['version']})")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    req = f"{spec['dist']}=={spec['version']}"
    proc = subprocess.run(pip + [req, *ALEMBIC_PIN], capture_output=True, text=True)
    note = "alembic 1.20.1, sqlalchemy 2.1.9"
    if proc.returncode != 0:
        proc = subprocess.run(pip + [req], capture_output=True, text=True)
        note = "the project's own alembic/sqlalchemy pins"
    if proc.returncode != 0 or not alembic.exists():
        msg = f"pip install {req} failed: {proc.stderr.strip()[-300:]}"
        (venv / ".failed").write_text(msg + "\n")
        return None, msg
    versions = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import alembic, sqlalchemy; print(alembic.__version__, sqlalchemy.__version__)"],
        capture_output=True, text=True).stdout.split()
    note = f"alembic {versions[0]}, sqlalchemy {versions[1]}" if len(versions) == 2 else note
    done.write_text(note + "\n")
    return alembic, note


def build_project(dest: pathlib.Path, src: pathlib.Path, spec: dict, sys_path: pathlib.Path | None = None) -> None:
    """sys_path: a folder put on the ini's prepend_sys_path (where the project's package is)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    mig = dest / "migrations"
    shutil.copytree(src / spec["script"], mig, ignore=shutil.ignore_patterns("__pycache__"))
    if (mig / "env.py").exists():
        (mig / "env.py").rename(mig / "env.py.orig")
    kwargs = "".join(f"\n        {k}={v!r}," for k, v in spec["configure"].items())
    (mig / "env.py").write_text(ENV_PY.format(kwargs=kwargs))
    if not (mig / "script.py.mako").exists():
        (mig / "script.py.mako").write_text("")
    vl = ""
    if spec.get("versions"):
        vl = f"version_locations = %(here)s/migrations/{spec['versions']}\n"
    if sys_path is not None:
        vl += f"prepend_sys_path = {sys_path}\n"
    (dest / "alembic.ini").write_text(INI.replace("{version_locations}", vl))


# ---------------------------------------------------------------------------- running

def exception_line(err: str) -> str | None:
    for line in reversed(err.splitlines()):
        if re.match(r"^[A-Za-z_][\w.]*: ", line) and "Warning" not in line.split(":")[0]:
            return line
    return None


def run(cmd: list[str], cwd: pathlib.Path, env: dict, timeout: int = 600) -> dict:
    t = time.monotonic()
    try:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)
        code, out, err = proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired:
        code, out, err = -9, "", f"timeout after {timeout}s"
    return finish(code, out, err, cwd, t)


def finish(code: int, out: str, err: str, cwd: pathlib.Path, t: float) -> dict:
    out = out.replace(str(cwd), "<PROJECT>")
    err = err.replace(str(cwd), "<PROJECT>")
    failed = None
    for line in out.splitlines():
        if line.startswith("FAILED: "):
            failed = line[len("FAILED: "):]
    if failed is None and code not in (0,):
        exc = exception_line(err)
        if exc:
            failed = re.sub(r"^sqlalchemy\.exc\.\w+: ", "", exc)
        else:
            failed = (err.strip().splitlines() or ["(no message)"])[-1]
    return {"exit": code, "stdout": out, "failed": failed, "stderr": err,
            "seconds": round(time.monotonic() - t, 2)}


# Real Alembic as one long-lived process per project: importing a project's package (which
# every revision file does) takes seconds to tens of seconds; importing it once per command
# would make a 100-revision walk take hours. Each command still runs as `alembic -c
# alembic.ini ARGS` does (alembic.config.main: a fresh Config, ScriptDirectory and engine;
# the revision files are executed again), with stdout/stderr captured; a traceback is exit 1,
# FAILED: is exit 255 as from the command line.
DRIVER = r"""
import contextlib, io, json, os, sys, traceback
from alembic.config import main
proto = os.fdopen(os.dup(1), "w")
for line in sys.stdin:
    argv = json.loads(line)
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(argv=argv, prog="alembic")
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            code &= 0xFF
        except BaseException:
            traceback.print_exc(file=err)
            code = 1
    proto.write(json.dumps({"exit": code, "stdout": out.getvalue(), "stderr": err.getvalue()}) + "\n")
    proto.flush()
"""


class RealAlembic:
    def __init__(self, python: pathlib.Path, cwd: pathlib.Path, env: dict):
        self.cwd = cwd
        self.proc = subprocess.Popen([str(python), "-c", DRIVER], cwd=cwd, env=env, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)

    def run(self, argv: list[str]) -> dict:
        t = time.monotonic()
        self.proc.stdin.write(json.dumps(argv) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        got = json.loads(line) if line else {"exit": -1, "stdout": "", "stderr": "driver died"}
        return finish(got["exit"], got["stdout"], got["stderr"], self.cwd, t)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def normalise_sql(sql: str | None) -> str | None:
    """CREATE TABLE text with whitespace collapsed and table-constraint clauses sorted."""
    if sql is None:
        return None
    sql = re.sub(r"\s+", " ", sql).strip()
    m = re.match(r"(?is)^(CREATE TABLE [^(]*?)\s*\((.*)\)\s*(.*)$", sql)
    if not m:
        return sql
    head, body, tail = m.groups()
    parts, depth, cur, quote = [], 0, "", None
    for ch in body:
        if quote:
            cur += ch
            if ch == quote:
                quote = None
            continue
        if ch in "'\"`[":
            quote = "]" if ch == "[" else ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
            continue
        cur += ch
    parts.append(cur.strip())
    is_constraint = re.compile(r"(?i)^(CONSTRAINT|PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY)\b")
    cols = [p for p in parts if not is_constraint.match(p)]
    cons = sorted(p for p in parts if is_constraint.match(p))
    return f"{head.strip()} ({', '.join(cols + cons)}) {tail}".strip()


def db_state(db: pathlib.Path, version_table: str) -> dict:
    if not db.exists():
        return {"version": None, "schema": {}}
    con = sqlite3.connect(db)
    try:
        schema = {f"{t} {n}": normalise_sql(s) for t, n, s in con.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}
        version = None
        if f"table {version_table}" in schema:
            version = sorted(r[0] for r in con.execute(f'SELECT version_num FROM "{version_table}"'))
        return {"version": version, "schema": schema}
    finally:
        con.close()


def first_diff(a: str, b: str) -> tuple[str, str]:
    al, bl = a.splitlines(), b.splitlines()
    for i in range(max(len(al), len(bl))):
        x = al[i] if i < len(al) else "<end>"
        y = bl[i] if i < len(bl) else "<end>"
        if x != y:
            return f"line {i + 1}: {x[:160]}", f"line {i + 1}: {y[:160]}"
    return "", ""


def deliberate(real: dict, ours: dict, rs: dict, os_: dict) -> bool:
    """Only COMPATIBILITY.md's deliberate differences: a failed migration is rolled back
    completely where pysqlite keeps the DDL that ran before the failure (both crash with the
    same exception, exit 1), and where Alembic crashes outside a migration (a broken revision
    graph) we print the same message as `FAILED:` (exit 255)."""
    same_crash = (real["exit"] == 1 and real["failed"] is not None and real["failed"] == ours["failed"]
                  and rs["version"] == os_["version"])
    as_failed = (ours["exit"] == 255 and real["stdout"] == ""
                 and ours["stdout"].strip() == f"FAILED: {ours['failed']}")
    return same_crash and (as_failed or (ours["exit"] == 1 and real["stdout"] == ours["stdout"]))


def compare(real: dict, ours: dict, rs: dict, os_: dict) -> list[tuple[str, str, str]]:
    diffs = []
    if real["exit"] != ours["exit"]:
        diffs.append(("exit code", str(real["exit"]), str(ours["exit"])))
    if real["stdout"] != ours["stdout"]:
        a, b = first_diff(real["stdout"], ours["stdout"])
        diffs.append(("stdout", a, b))
    if (real["failed"] or "") != (ours["failed"] or ""):
        diffs.append(("FAILED message", (real["failed"] or "-")[:200], (ours["failed"] or "-")[:200]))
    if rs["version"] != os_["version"]:
        diffs.append(("version table", str(rs["version"]), str(os_["version"])))
    if rs["schema"] != os_["schema"]:
        keys = sorted(set(rs["schema"]) | set(os_["schema"]))
        bad = [k for k in keys if rs["schema"].get(k) != os_["schema"].get(k)]
        k = bad[0]
        diffs.append((f"schema ({len(bad)} objects; first: {k})",
                      str(rs["schema"].get(k, "<absent>"))[:200],
                      str(os_["schema"].get(k, "<absent>"))[:200]))
    return diffs


# A short, stable reason for a step's difference, for the summary.
REASONS = [
    (r"cannot import name '(\w+)' from '([\w.]+)'",
     lambda m, pkg: (f"import of the project's own package ({m.group(2)})"
                     if m.group(2).split(".")[0] == pkg else
                     f"sqlalchemy name not modelled: {m.group(2)}.{m.group(1)}"
                     if m.group(2).startswith("sqlalchemy") else
                     f"import from a module not modelled: {m.group(2)}")),
    (r"No module named '?([\w.]+)",
     lambda m, pkg: (f"import of the project's own package ({m.group(1)})"
                     if m.group(1).split(".")[0] == pkg else f"import of a module not modelled: {m.group(1)}")),
    (r"not supported in revision files: '([^']+)'", lambda m: f"unsupported construct: {m.group(1)[:60]}"),
    (r"has no attribute '(\w+)'", lambda m: f"attribute: {m.group(1)}"),
    (r"is not defined", lambda m: "name not defined"),
    (r"\(sqlite3\.OperationalError\) ([^\[]{0,60})", lambda m: f"sqlite: {m.group(1).strip()}"),
]


def reason(real: dict, ours: dict, diffs: list, pkg: str) -> str:
    what = diffs[0][0].split(" (")[0]
    if ours["failed"] and not real["failed"]:
        for pat, fn in REASONS:
            m = re.search(pat, ours["failed"])
            if m:
                return fn(m, pkg) if fn.__code__.co_argcount == 2 else fn(m)
        return "our failure: " + re.sub(r"\s+", " ", ours["failed"])[:70]
    if real["failed"] and not ours["failed"]:
        return "real Alembic fails, we do not: " + real["failed"][:60]
    if real["failed"] and ours["failed"]:
        return "both fail, different message"
    return f"both succeed, {what} differs"


# ---------------------------------------------------------------------------- a project

class Side:
    def __init__(self, root: pathlib.Path, cmd: list[str], env: dict):
        self.root, self.cmd, self.env = root, cmd, env
        self.db = root / "test.db"


def run_project(name: str, spec: dict, args) -> dict:
    res = {"project": name, "dist": spec["dist"], "version": spec["version"], "notes": [],
           "steps": 0, "identical": 0, "equivalent": 0, "differences": [], "reasons": collections.Counter()}
    log(f"== {name} ({spec['dist']} {spec['version']}, {spec['script']})")
    src = fetch_source(name, spec)
    if src is None:
        res["notes"].append("download failed")
        return res
    vdir = src / spec["script"] / spec.get("versions", "versions")
    res["revisions"] = len([p for p in vdir.glob("*.py") if p.name != "__init__.py"])
    alembic = REPO / ".venv" / "bin" / "alembic"
    if spec["imports_project"]:
        alembic, note = ensure_venv(name, spec)
        res["notes"].append(f"real Alembic in corpus/venvs/{spec.get('venv', name)} ({note})")
        if alembic is None:
            res["notes"].append("no venv: real-Alembic side skipped")
            log(f"  {res['notes'][-1]}")
            return res
    else:
        res["notes"].append("revision files import only alembic/sqlalchemy: real Alembic from .venv")
    res["notes"].append("generic env.py (the project's env.py imports the project); "
                        f"configure kwargs {spec['configure']}")
    work = CORPUS / "work" / name
    real_root, ours_root = work / "real", work / "ours"
    build_project(real_root, src, spec)
    # Real Alembic imports the project from its venv; our CLI reads the same package's
    # sources from the unpacked wheel, as a team's project would have them beside its ini.
    build_project(ours_root, src, spec, sys_path=src if spec["imports_project"] else None)
    home = work / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONHASHSEED="0", COLUMNS="200", HOME=str(home),
               AIRFLOW_HOME=str(home / "airflow"), PREFECT_HOME=str(home / "prefect"),
               MLFLOW_TRACKING_URI=f"sqlite:///{home}/mlflow.db", ZENML_CONFIG_PATH=str(home / "zenml"),
               DAGSTER_HOME=str(home / "dagster"), PYTHONDONTWRITEBYTECODE="1")
    (home / "dagster").mkdir(exist_ok=True)
    real = Side(real_root, ["-c", "alembic.ini"], env)
    driver = RealAlembic(alembic.parent / "python", real_root, env)
    ours = Side(ours_root, [str(args.cli), "-c", "alembic.ini"], env)
    vt = spec["configure"].get("version_table", "alembic_version")

    # The database every phase starts from: empty, or the project's base schema.
    start = work / "start.db"
    probe = driver.run(real.cmd + ["upgrade", "+1"])
    if probe["exit"] != 0 and "no such table" in (probe["failed"] or "") + probe["stderr"]:
        res["notes"].append(f"first revision fails on an empty database: {probe['failed'][:100]}")
        if name in SEEDS or spec.get("seed") in SEEDS:
            code = SEEDS[spec.get("seed", name)]
            py = alembic.parent / "python"
            p = subprocess.run([str(py), "-c", code, f"sqlite:///{start}"], capture_output=True,
                               text=True, env=env, cwd=work)
            if p.returncode == 0:
                res["notes"].append("seeded with the project's base schema (SEEDS)")
            else:
                res["notes"].append(f"seeding failed: {p.stderr.strip()[-200:]}")
        else:
            res["notes"].append("no way to create the project's base schema: not seeded")
    elif probe["exit"] != 0:
        res["notes"].append(f"first revision fails on real Alembic: {(probe['failed'] or '')[:100]}")
    for n in res["notes"]:
        log(f"  {n}")

    def reset():
        for side in (real, ours):
            if side.db.exists():
                side.db.unlink()
            if start.exists():
                shutil.copy(start, side.db)

    def step(label: str, argv: list[str]) -> dict:
        r = driver.run(real.cmd + argv)
        o = run(ours.cmd + argv, ours.root, env)
        rs, os_ = db_state(real.db, vt), db_state(ours.db, vt)
        diffs = compare(r, o, rs, os_)
        res["steps"] += 1
        mark = "="
        if diffs and deliberate(r, o, rs, os_):
            res["equivalent"] += 1
            diffs, mark = [], "~"
        elif diffs:
            why = reason(r, o, diffs, spec["script"].split("/")[0])
            res["reasons"][why] += 1
            res["differences"].append({"step": label, "reason": why, "diffs": diffs,
                                       "our_failed": o["failed"], "real_failed": r["failed"]})
            mark = "≠"
        else:
            res["identical"] += 1
        if rs != os_ and not args.no_resync:
            if real.db.exists():
                shutil.copy(real.db, ours.db)
            elif ours.db.exists():
                ours.db.unlink()
        log(f"  {mark} {label:<28} real {r['exit']:>3} {r['seconds']:>6}s  ours {o['exit']:>3} {o['seconds']:>6}s"
            + (f"  {diffs[0][0]}" if diffs else ""))
        return {"real": r, "ours": o, "rs": rs, "os": os_}

    reset()
    step("upgrade head", ["upgrade", "head"])
    step("downgrade base", ["downgrade", "base"])
    reset()
    limit = args.max_steps or 10**6
    i, prev = 0, None
    while i < limit:
        i += 1
        s = step(f"upgrade +1 (#{i})", ["upgrade", "+1"])
        if s["real"]["exit"] != 0 or s["rs"]["version"] == prev:
            break
        prev = s["rs"]["version"]
    j = 0
    while j < limit:
        j += 1
        s = step(f"downgrade -1 (#{j})", ["downgrade", "-1"])
        if s["real"]["exit"] != 0 or not s["rs"]["version"]:
            break
    reset()
    for side in (real, ours):
        if side.db.exists():
            side.db.unlink()
    step("upgrade head --sql", ["upgrade", "head", "--sql"])
    driver.close()
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return res


def report(res: dict, shown: int = 8) -> None:
    log(f"-- {res['project']}: {res['identical']}/{res['steps']} steps identical"
        f", {res['equivalent']} more equivalent (deliberate differences only)"
        f" ({res.get('revisions', '?')} revisions)")
    for d in res["differences"][:shown]:
        log(f"   {d['step']}: {d['reason']}")
        for what, a, b in d["diffs"][:3]:
            log(f"     {what}\n       real: {a}\n       ours: {b}")
        if d["our_failed"]:
            log(f"     our FAILED: {d['our_failed'][:300]}")
    if len(res["differences"]) > shown:
        log(f"   … {len(res['differences']) - shown} more differing steps")
    if res["reasons"]:
        log("   reasons: " + "; ".join(f"{n}× {r}" for r, n in res["reasons"].most_common(6)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--project", action="append", choices=sorted(PROJECTS),
                    help="limit the run to this project (repeatable)")
    default_cli = REPO / "target" / "release" / "alembic-playground"
    if not default_cli.exists():
        default_cli = REPO / "target" / "debug" / "alembic-playground"
    ap.add_argument("--cli", type=pathlib.Path, default=default_cli)
    ap.add_argument("--keep", action="store_true", help="keep corpus/work/<project>")
    ap.add_argument("--no-resync", action="store_true",
                    help="do not copy real Alembic's database over ours after a differing step")
    ap.add_argument("--max-steps", type=int, default=0, help="cap each relative walk")
    ap.add_argument("--json", type=pathlib.Path, help="write the results as JSON")
    args = ap.parse_args()
    args.cli = args.cli.resolve()
    if not args.cli.exists():
        log(f"no CLI at {args.cli}; build it or pass --cli")
        return
    results = []
    for name in args.project or list(PROJECTS):
        try:
            res = run_project(name, PROJECTS[name], args)
        except Exception as e:  # a measuring tool: record and go on
            res = {"project": name, "dist": PROJECTS[name]["dist"], "version": PROJECTS[name]["version"],
                   "notes": [f"tool error: {e!r}"], "steps": 0, "identical": 0, "equivalent": 0, "equivalent": 0, "differences": [],
                   "reasons": collections.Counter()}
        report(res)
        results.append(res)
    log("\n| project | version | revisions | steps identical / total | + equivalent | top reasons |")
    log("|---|---|---|---|---|---|")
    for r in results:
        top = "; ".join(f"{n}× {why}" for why, n in r["reasons"].most_common(3)) or "-"
        if not r["steps"]:
            top = "; ".join(r["notes"][-1:])
        log(f"| {r['project']} | {r['dist']} {r['version']} | {r.get('revisions', '?')} | "
            f"{r['identical']}/{r['steps']} | {r.get('equivalent', 0)} | {top} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=lambda o: dict(o)) + "\n")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
