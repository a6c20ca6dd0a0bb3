#!/usr/bin/env python3
"""`alembic-playground check` against pytest-alembic's built-in tests `test_single_head_revision`,
`test_upgrade` and `test_up_down_consistency`, on the same generated 1,000-revision chain, in
one run, as a ratio (BENCHMARKS.md, "`check` against pytest-alembic").

    cargo build --release -p alembic-playground
    .venv/bin/python tests/tools/check_vs_pytest_alembic.py

The chain is the one of `crates/cli/benches/upgrade.rs` (same ids, file names, header, the
`ro_linear` scenario's alembic.ini and env.py, the same upgrade bodies), with the inverse
downgrade in every revision: both tools run every downgrade, and a `pass` would make the
re-upgrade fail. env.py gets pytest-alembic's documented change (use the engine it hands over
in `config.attributes["connection"]`); `check` reads env.py's `context.configure(...)`
keywords only, so the change means nothing to it.

Each side runs in a fresh process, wall time from start to exit, the two alternating; both on
an in-memory SQLite (`check`: its throwaway database; pytest-alembic: an `alembic_engine`
fixture on `sqlite:///`). The script fails unless `check` reports the whole chain checked with
no finding and pytest-alembic passes its three tests having applied every revision (counted by
a wrapper on Alembic's `HeadMaintainer.update_to_step`, one call per migration step applied).

Environment: WORKLOADS (default "columns tables"), REVISIONS (1000), RUNS (3 per side),
OURS (the binary; default target/release/alembic-playground), KEEP=1 keeps the generated
directory (its path is printed).
"""
import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "tests/scenarios/ro_linear/project"
PY = pathlib.Path(sys.executable)


def upgrade_body(workload: str, i: int) -> str:
    """`upgrade_body` of crates/cli/benches/upgrade.rs, for its `columns` and `tables`."""
    if workload == "columns" and i >= 10:
        t = i % 10
        return (
            f"    op.add_column('t{t}', sa.Column('c{i}', sa.Integer(), nullable=True))\n"
            f"    op.execute(\"INSERT INTO t{t} (name, c{i}) VALUES ('row {i}', {i})\")\n"
        )
    return (
        f"    op.create_table('t{i}', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('name', sa.String(50)))\n"
        f"    op.execute(\"INSERT INTO t{i} (id, name) VALUES (1, 'row {i}')\")\n"
    )


def downgrade_body(workload: str, i: int) -> str:
    """What undoes `upgrade_body` (upgrade.rs has `pass`: it never downgrades)."""
    if workload == "columns" and i >= 10:
        t = i % 10
        return f"    op.execute(\"DELETE FROM t{t} WHERE c{i} = {i}\")\n    op.drop_column('t{t}', 'c{i}')\n"
    return f"    op.drop_table('t{i}')\n"


ONLINE_ENGINE = '''    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
'''

# pytest-alembic's documented env.py change: run on the engine the test hands over.
ONLINE_ENGINE_PYTEST_ALEMBIC = '''    connectable = config.attributes.get("connection", None)
    if connectable is None:
        connectable = engine_from_config(
            config.get_section(config.config_ini_section, {}),
            prefix="sqlalchemy.",
            poolclass=pool.NullPool,
        )
'''


def write_project(root: pathlib.Path, revisions: int, workload: str) -> None:
    """`write_project` of crates/cli/benches/upgrade.rs, with real downgrades."""
    versions = root / "migrations/versions"
    versions.mkdir(parents=True)
    shutil.copy(TEMPLATE / "alembic.ini", root / "alembic.ini")
    env_py = (TEMPLATE / "migrations/env.py").read_text()
    assert ONLINE_ENGINE in env_py, "the ro_linear env.py changed: update ONLINE_ENGINE"
    (root / "migrations/env.py").write_text(env_py.replace(ONLINE_ENGINE, ONLINE_ENGINE_PYTEST_ALEMBIC))
    for i in range(revisions):
        down = "None" if i == 0 else f"'{i - 1:012x}'"
        text = (
            f'"""step {i}"""\nfrom alembic import op\nimport sqlalchemy as sa\n\n'
            f"revision = '{i:012x}'\ndown_revision = {down}\nbranch_labels = None\ndepends_on = None\n\n\n"
            f"def upgrade():\n{upgrade_body(workload, i)}\n\n"
            f"def downgrade():\n{downgrade_body(workload, i)}"
        )
        (versions / f"{i:012x}_step.py").write_text(text)


PYTEST_INI = """[pytest]
pytest_alembic_include = single_head_revision, upgrade, up_down_consistency
pytest_alembic_tests_path = conftest.py
"""

CONFTEST = '''import json
import os

import alembic.runtime.migration
import pytest
import sqlalchemy


@pytest.fixture
def alembic_config():
    return {{"file": {ini!r}}}


@pytest.fixture
def alembic_engine():
    engine = sqlalchemy.create_engine("sqlite:///")  # in memory
    try:
        yield engine
    finally:
        engine.dispose()


# Proof of the walk: migration steps applied, per test and direction (one call per step).
STEPS = {{}}
TEST = [None]
_update_to_step = alembic.runtime.migration.HeadMaintainer.update_to_step


def _counting(self, step):
    key = f"{{TEST[0]}} {{'up' if step.is_upgrade else 'down'}}"
    STEPS[key] = STEPS.get(key, 0) + 1
    return _update_to_step(self, step)


alembic.runtime.migration.HeadMaintainer.update_to_step = _counting


def pytest_runtest_setup(item):
    TEST[0] = item.name


def pytest_sessionfinish(session, exitstatus):
    with open(os.environ["STEPS_FILE"], "w") as f:
        json.dump(STEPS, f)
'''


def write_pytest_dir(root: pathlib.Path, project: pathlib.Path) -> None:
    root.mkdir()
    (root / "pytest.ini").write_text(PYTEST_INI)
    (root / "conftest.py").write_text(CONFTEST.format(ini=str(project / "alembic.ini")))


def run_ours(ours: pathlib.Path, project: pathlib.Path, revisions: int) -> float:
    start = time.perf_counter()
    out = subprocess.run([ours, "-c", "alembic.ini", "check"], cwd=project, capture_output=True, text=True)
    took = time.perf_counter() - start
    summary = f"check: 0 errors, 0 warnings, 0 notes ({revisions} revisions checked)"
    if out.returncode != 0 or summary not in out.stdout + out.stderr:
        sys.exit(f"check did not pass the whole chain cleanly (exit {out.returncode}):\n{out.stdout}{out.stderr}")
    return took


def run_pytest(pytest_dir: pathlib.Path, revisions: int) -> tuple[float, dict[str, float]]:
    steps_file = pytest_dir / "steps.json"
    steps_file.unlink(missing_ok=True)
    cmd = [PY, "-m", "pytest", "--test-alembic", "-v", "-p", "no:cacheprovider", "--durations=0", "--durations-min=0"]
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=pytest_dir, capture_output=True, text=True, env={**os.environ, "STEPS_FILE": str(steps_file)})
    took = time.perf_counter() - start
    text = out.stdout + out.stderr
    tests = ["test_single_head_revision", "test_upgrade", "test_up_down_consistency"]
    passed = all(re.search(rf"::{t} PASSED", text) for t in tests)
    if out.returncode != 0 or not passed or not re.search(r"\b3 passed\b", text):
        sys.exit(f"pytest-alembic did not pass its three tests (exit {out.returncode}):\n{text}")
    steps = json.loads(steps_file.read_text())
    n = revisions
    want = {"test_upgrade up": n, "test_up_down_consistency up": 2 * n, "test_up_down_consistency down": n}
    if steps != want:
        sys.exit(f"pytest-alembic applied {steps}, expected {want}")
    # `--durations`: "1.23s call     conftest.py::test_upgrade" (setup/teardown lines too).
    per_test: dict[str, float] = {}
    for secs, name in re.findall(r"^([\d.]+)s \w+ +\S*::(test_\w+)", text, re.M):
        per_test[name] = per_test.get(name, 0.0) + float(secs)
    return took, per_test


def fmt_ms(s: float) -> str:
    return f"{s * 1e3:,.0f} ms"


def main() -> None:
    revisions = int(os.environ.get("REVISIONS", "1000"))
    runs = int(os.environ.get("RUNS", "3"))
    workloads = os.environ.get("WORKLOADS", "columns tables").split()
    ours = pathlib.Path(os.environ.get("OURS", ROOT / "target/release/alembic-playground"))
    if not ours.exists():
        sys.exit(f"{ours} is missing: cargo build --release -p alembic-playground")
    import alembic
    import pytest
    import pytest_alembic  # noqa: F401  (fails early when the venv lacks it)
    import sqlalchemy
    from importlib.metadata import version

    base = pathlib.Path("/dev/shm") if pathlib.Path("/dev/shm").is_dir() else pathlib.Path(tempfile.gettempdir())
    work = pathlib.Path(tempfile.mkdtemp(prefix="check-vs-pytest-alembic-", dir=base))
    print(
        f"{revisions} revisions; files in {work}; {runs} runs per side, alternating; alembic {alembic.__version__}, "
        f"sqlalchemy {sqlalchemy.__version__}, pytest {pytest.__version__}, pytest-alembic {version('pytest-alembic')}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    rows = []
    try:
        for workload in workloads:
            project = work / f"{workload}/project"
            write_project(project, revisions, workload)
            pytest_dir = work / f"{workload}/pytest"
            write_pytest_dir(pytest_dir, project)
            t_ours, t_py, per_tests = [], [], []
            for r in range(runs):
                t_ours.append(run_ours(ours, project, revisions))
                took, per_test = run_pytest(pytest_dir, revisions)
                t_py.append(took)
                per_tests.append(per_test)
                print(f"  {workload} run {r + 1}: check {fmt_ms(t_ours[-1])}, pytest-alembic {fmt_ms(took)} "
                      f"({', '.join(f'{k} {v:.2f} s' for k, v in per_test.items())})", flush=True)
            mo, mp = statistics.median(t_ours), statistics.median(t_py)
            split = {k: statistics.median(p[k] for p in per_tests) for k in per_tests[0]}
            rows.append((workload, mo, min(t_ours), max(t_ours), mp, min(t_py), max(t_py), split))
        print(f"\nload average {os.getloadavg()[0]:.1f}; median (min–max) of {runs}")
        print("| workload | alembic-playground check | pytest-alembic, 3 tests | ratio | pytest-alembic per test (median) |")
        print("|---|---|---|---|---|")
        for workload, mo, lo_o, hi_o, mp, lo_p, hi_p, split in rows:
            parts = "; ".join(f"`{k}` {v:.2f} s" for k, v in split.items())
            print(f"| {workload} | {fmt_ms(mo)} ({fmt_ms(lo_o)}–{fmt_ms(hi_o)}) | {fmt_ms(mp)} ({fmt_ms(lo_p)}–{fmt_ms(hi_p)}) "
                  f"| {mp / mo:.1f}× | {parts} |")
    finally:
        if os.environ.get("KEEP") == "1":
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
