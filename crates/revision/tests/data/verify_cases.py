"""Rerun the revision case tables on real Alembic's RevisionMap and report mismatches.

Usage: python verify_cases.py [--fill] [files...]   (default: revision_cases.json extra_cases.json)
  --fill  writes Alembic's answer into cases whose "expect" is null (how extra cases are made).
Needs alembic==1.20.1 and sqlalchemy (e.g. /opt/alembic-venv/bin/python).
Python set order shows in `labels` and `current`; those are compared as sets.
A case marked `"nondeterministic": "<why>"` records one of several answers Alembic gives
depending on Python set order (string hashing, object addresses); when the first run
differs, it is rerun in fresh processes under other PYTHONHASHSEED values and object
layouts, and passes if any of them gives the recorded answer.
"""
import json, os, subprocess, sys, warnings

import sqlalchemy as sa
from alembic.runtime import migration
from alembic.script.revision import Revision, RevisionError, RevisionMap

HERE = os.path.dirname(os.path.abspath(__file__))
UNORDERED = {"labels", "current"}


def build(graph):
    revs = []
    for n in graph:
        down = tuple(n["down"]) or None
        if down and len(down) == 1:
            down = down[0]
        deps = tuple(n["depends_on"]) or None
        revs.append(Revision(n["rev"], down, dependencies=deps, branch_labels=tuple(n["labels"]) or None))
    m = RevisionMap(lambda: revs)
    m._revision_map  # force the build (errors surface here)
    return m


class _Impl:
    def _exec(self, *a, **k):
        return None


class _Ctx:
    impl = _Impl()
    as_sql = True
    _version = sa.Table("alembic_version", sa.MetaData(), sa.Column("version_num", sa.String(32)))


def rows_after(m, current, revs, is_upgrade):
    hm = migration.HeadMaintainer(_Ctx(), current)
    for r in revs:
        step = migration.RevisionStep.__new__(migration.RevisionStep)
        step.revision_map, step.revision, step.is_upgrade = m, r, is_upgrade
        hm.update_to_step(step)
    return sorted(hm.heads)


def run(case):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = build(case["graph"])
        a, op = case["args"], case["op"]
        if op == "heads":
            return list(m.heads), None
        if op == "bases":
            return list(m.bases), None
        if op == "labels":
            return sorted(m.get_revision(a["rev"]).branch_labels), None
        if op == "current":
            return sorted(r.revision for r in m._get_all_current(tuple(a["rows"]))), None
        if op == "resolve":
            if a.get("single"):
                r = m.get_revision(a["id"])
                return ([r.revision] if r else []), None
            return [r.revision for r in m.get_revisions(a["id"]) if isinstance(r, Revision)], None
        if op == "upgrade_path":
            cur = tuple(a["current"])
            revs = list(reversed(list(m.iterate_revisions(a["target"], cur, implicit_base=True))))
            return [r.revision for r in revs], rows_after(m, cur, revs, True)
        if op == "downgrade_path":
            cur = tuple(a["current"])
            revs = list(m.iterate_revisions(cur, a["target"], select_for_downgrade=True))
            return [r.revision for r in revs], rows_after(m, cur, revs, False)
        if op == "history":
            base, head, cur = a.get("base") or "", a.get("head") or "", tuple(a.get("current", []))
            if head == "current":
                head = cur
            elif base == "current":
                base = cur
            revs = m.iterate_revisions(head or "heads", base or "base", inclusive=True, assert_relative_length=False)
            return [r.revision for r in revs], None
        raise ValueError(op)


def answer(case):
    try:
        return run(case)
    except RevisionError as e:
        return {"error": str(e)}, None
    except Exception as e:  # Alembic crashes: AssertionError, KeyError ...
        return {"error": type(e).__name__ + (": %s" % e if str(e) else "")}, None


def matches(case, got, after):
    exp = case["expect"]
    if isinstance(exp, dict):
        return isinstance(got, dict) and exp["error"] in got["error"]
    if case["op"] in UNORDERED:
        exp, got = sorted(exp), sorted(got) if isinstance(got, list) else got
    if got != exp:
        return False
    return "heads_after" not in case or sorted(case["heads_after"]) == after


def rerun_matches(path, case, attempts=40):
    """Reruns one case in fresh processes (other hash seeds and object layouts)."""
    for k in range(attempts):
        env = dict(os.environ, PYTHONHASHSEED=str(k))
        out = subprocess.run([sys.executable, os.path.abspath(__file__), "--one", path, case["id"], str(k)],
                             env=env, capture_output=True, text=True).stdout
        got, after = json.loads(out)
        if matches(case, got, after):
            return True
    return False


def one(path, case_id, layout):
    junk = [object() for _ in range(int(layout) * 7)]  # shifts object addresses (set order)
    case = next(c for c in json.load(open(path))["cases"] if c["id"] == case_id)
    print(json.dumps(answer(case)))
    del junk


def main():
    if sys.argv[1:2] == ["--one"]:
        return one(*sys.argv[2:5])
    fill = "--fill" in sys.argv
    files = [f for f in sys.argv[1:] if not f.startswith("--")] or ["revision_cases.json", "extra_cases.json"]
    bad = 0
    for f in files:
        path = f if os.path.isabs(f) else os.path.join(HERE, f)
        data = json.load(open(path))
        for case in data["cases"]:
            got, after = answer(case)
            if fill and case.get("expect") is None:
                case["expect"] = got
                if after is not None and not isinstance(got, dict):
                    case["heads_after"] = after
                continue
            if not matches(case, got, after) and not (case.get("nondeterministic") and rerun_matches(path, case)):
                bad += 1
                print("MISMATCH %s/%s: expected %s%s, alembic %s%s" % (
                    f, case["id"], json.dumps(case["expect"]), " heads_after=%s" % case.get("heads_after") if "heads_after" in case else "",
                    json.dumps(got), " heads_after=%s" % after if after is not None else ""))
        if fill:
            json.dump(data, open(path, "w"), indent=1)
            open(path, "a").write("\n")
        print("%s: %d cases checked" % (f, len(data["cases"])))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
