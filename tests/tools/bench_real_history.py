#!/usr/bin/env python3
"""`upgrade head` of a real project's history (tests/scenarios/real_*), ours vs real Alembic.

Each side runs `upgrade head` on a fresh SQLite file RUNS times, alternating, in one run of
this script; prints the median and range of each and their ratio. By default the longest
real history kept in tests/scenarios/ (most revision files).

usage: tests/tools/bench_real_history.py [SCENARIO_DIR] [--runs N] [--cli PATH]
Needs `cargo build --release --bin alembic-playground` and .venv (set-up)."""
import argparse
import pathlib
import shutil
import statistics
import subprocess
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[2]


def longest() -> pathlib.Path:
    real = sorted(REPO.glob("tests/scenarios/real_*/project"))
    return max(real, key=lambda p: len(list((p / "migrations" / "versions").glob("*.py"))))


def timed(cmd: list[str], cwd: pathlib.Path) -> float:
    (cwd / "test.db").unlink(missing_ok=True)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return took


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", nargs="?", type=pathlib.Path)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--cli", type=pathlib.Path, default=REPO / "target" / "release" / "alembic-playground")
    args = ap.parse_args()
    project = (args.scenario / "project") if args.scenario else longest()
    revisions = len(list((project / "migrations" / "versions").glob("*.py")))
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp) / "project"
        shutil.copytree(project, work)
        sides = {"alembic-playground": [str(args.cli), "upgrade", "head"],
                 "alembic 1.20.1": [str(REPO / ".venv" / "bin" / "alembic"), "upgrade", "head"]}
        times = {name: [] for name in sides}
        for _ in range(args.runs):
            for name, cmd in sides.items():
                times[name].append(timed(cmd, work))
    print(f"`upgrade head` of {project.parent.name} ({revisions} revisions), {args.runs} runs each, alternating")
    print("| side | median | min–max |")
    print("|---|---|---|")
    for name, ts in times.items():
        print(f"| {name} | {statistics.median(ts) * 1000:.0f} ms | {min(ts) * 1000:.0f}–{max(ts) * 1000:.0f} ms |")
    ratio = statistics.median(times["alembic 1.20.1"]) / statistics.median(times["alembic-playground"])
    print(f"ratio (alembic / ours, medians): {ratio:.1f}×")


if __name__ == "__main__":
    main()
