"""Random revision-graph cases for the case tables (a copy of the generator behind random-*).

Usage:
    python3 gen_random_cases.py N SEED OUT.json [PROFILE] [MAX_NODES]
    /opt/alembic-venv/bin/python verify_cases.py --fill OUT.json      # Alembic 1.20.1 answers
    REVISION_CASES_FILE=OUT.json cargo test -p revision --test cases external
    (REVISION_CASES_REPORT=fails.txt also writes every failing id with its message to a file)

PROFILE "orig" (the default) reproduces the original generator exactly (graphs of 1..9
revisions, single labels, few dependencies); "rich" draws bigger graphs (1..MAX_NODES,
default 14) with more merges, several parents, dependencies on ids and on branch labels,
several labels per revision, ids sharing prefixes (partial matching), and identifiers such
as `L@-2`, `L@head-1`, `rev+2`, `rev-2`, `head-2`, `base+2`, `L@rev+1`, `+0`, `-0`,
prefixes of ids and labels, and history ranges with relative and labelled bounds.

Python set order makes a few Alembic answers vary from run to run (a merge's version-table
update can hit a KeyError; branch-label claim order; several dependencies). Running
`verify_cases.py` on a filled file under a few PYTHONHASHSEED values shows which cases are
affected; keep only stable cases in the committed tables.
"""
import json, random, sys

rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
N = int(sys.argv[1])
PROFILE = sys.argv[4] if len(sys.argv) > 4 else "orig"
MAX_NODES = int(sys.argv[5]) if len(sys.argv) > 5 else 14


def graph():
    n = rnd.randint(1, 9)
    ids = []
    nodes = []
    labels_used = 0
    for k in range(n):
        rid = "r%d%s" % (k, rnd.choice(["", "x", "abc"]))
        down = []
        if ids and rnd.random() < 0.85:
            down = [rnd.choice(ids)]
            if len(ids) > 1 and rnd.random() < 0.2:
                o = rnd.choice(ids)
                if o not in down: down.append(o)
        deps = []
        if ids and rnd.random() < 0.15:
            d = rnd.choice(ids)
            if d not in down: deps.append(d)
        labels = []
        if rnd.random() < 0.2:
            labels_used += 1
            labels.append("lbl%d" % labels_used)
        nodes.append({"rev": rid, "down": down, "labels": labels, "depends_on": deps})
        ids.append(rid)
    # load order = sorted file names: shuffle a bit
    if rnd.random() < 0.3: rnd.shuffle(nodes)
    return nodes


def ident(g):
    ids = [n["rev"] for n in g]
    labs = [l for n in g for l in n["labels"]]
    c = rnd.random()
    pool = ["head", "heads", "base", "-1", "-2", "+1", "+2", "r", "r1", "r0abc"] + ids + [l + "@head" for l in labs] + [l + "@heads" for l in labs] + [l + "@base" for l in labs] + [l + "@-1" for l in labs] + [l + "@+1" for l in labs] + [i + "+1" for i in ids] + [i + "-1" for i in ids] + [i + "@head" for i in ids] + [l + "@" + i for l in labs for i in ids] + ["head-1", "heads-1", "base+1", "base-1", "head+0"]
    return rnd.choice(pool)


def rich_graph():
    n = rnd.randint(1, MAX_NODES)
    ids, nodes, labels_used = [], [], 0
    stem = rnd.choice(["r", "ab", "rev"])
    for k in range(n):
        rid = "%s%d%s" % (stem, k, rnd.choice(["", "x", "abc", "abcd", "f00d"]))
        if rid in ids:
            rid += "z"
        down = []
        p_root = rnd.choice([0.05, 0.15, 0.3])
        if ids and rnd.random() > p_root:
            # Prefer recent revisions (long chains) but reach back sometimes (branches).
            down = [ids[-1] if rnd.random() < 0.5 else rnd.choice(ids)]
            if len(ids) > 1 and rnd.random() < 0.3:
                for _ in range(rnd.choice([1, 1, 2])):
                    o = rnd.choice(ids)
                    if o not in down: down.append(o)
        deps = []
        if ids and rnd.random() < 0.3:
            for _ in range(rnd.choice([1, 1, 2])):
                if rnd.random() < 0.3 and labels_used:
                    # a dependency on a branch label (it must already be declared)
                    cands = [l for x in nodes for l in x["labels"]]
                    d = rnd.choice(cands)
                else:
                    d = rnd.choice(ids)
                if d not in down and d not in deps: deps.append(d)
        labels = []
        if rnd.random() < 0.3:
            for _ in range(rnd.choice([1, 1, 1, 2])):
                labels_used += 1
                labels.append(rnd.choice(["lbl", "app", "feat"]) + str(labels_used))
        nodes.append({"rev": rid, "down": down, "labels": labels, "depends_on": deps})
        ids.append(rid)
    if rnd.random() < 0.3:
        rnd.shuffle(nodes)
    return nodes


def rich_ident(g):
    ids = [n["rev"] for n in g]
    labs = [l for n in g for l in n["labels"]] or ["nolabel"]
    i, l, j = rnd.choice(ids), rnd.choice(labs), rnd.choice(ids)
    k = rnd.choice([1, 1, 2, 3])
    forms = [
        "head", "heads", "base", "-%d" % k, "+%d" % k, "+0", "-0",
        i, i[:rnd.randint(1, len(i))], l, l[:rnd.randint(1, len(l))],
        "%s+%d" % (i, k), "%s-%d" % (i, k), "head-%d" % k, "head+%d" % (k - 1),
        "heads-1", "base+%d" % k, "base-%d" % k, "%s@head" % l, "%s@heads" % l,
        "%s@base" % l, "%s@-%d" % (l, k), "%s@+%d" % (l, k), "%s@%s" % (l, j),
        "%s@%s+1" % (l, j), "%s@%s-1" % (l, j), "%s@head-1" % l, "%s@base+1" % l,
        "%s@head" % i, "%s@%s" % (i, j), "%s@heads" % i, "nosuch", "",
    ]
    return rnd.choice(forms)


def rich_cases():
    cases = []
    ops = ["heads", "bases", "resolve", "resolve", "upgrade_path", "upgrade_path", "upgrade_path",
           "downgrade_path", "downgrade_path", "downgrade_path", "history", "history", "history",
           "labels", "current"]
    for k in range(N):
        g = rich_graph()
        ids = [n["rev"] for n in g]
        op = rnd.choice(ops)
        rows = rnd.sample(ids, min(len(ids), rnd.choice([0, 1, 1, 1, 2, 3])))
        if op == "resolve":
            args = {"id": rich_ident(g)}
            if rnd.random() < 0.1:
                args["id"] = [rich_ident(g), rich_ident(g)]
            elif rnd.random() < 0.3:
                args["single"] = True
        elif op in ("upgrade_path", "downgrade_path"):
            args = {"current": rows, "target": rich_ident(g)}
        elif op == "history":
            base = rnd.choice(["", "", "base", "-1", "-2", "-3", "current", rich_ident(g), rich_ident(g)])
            head = rnd.choice(["", "", "heads", "head", "current", rich_ident(g), rich_ident(g)])
            if base == "current" and head == "current":
                head = ""
            args = {"base": base, "head": head, "current": rows}
        elif op == "labels":
            args = {"rev": rnd.choice(ids)}
        elif op == "current":
            args = {"rows": rows}
        else:
            args = {}
        cases.append({"id": "rich-%d" % k, "graph": g, "op": op, "args": args, "expect": None})
    return cases


def orig_cases():
    cases = []
    for k in range(N):
        g = graph()
        ids = [n["rev"] for n in g]
        op = rnd.choice(["heads", "bases", "resolve", "resolve", "upgrade_path", "upgrade_path", "upgrade_path", "downgrade_path", "downgrade_path", "downgrade_path", "history", "history", "labels", "current"])
        rows = rnd.sample(ids, min(len(ids), rnd.choice([0, 1, 1, 2])))
        if op == "resolve": args = {"id": ident(g)}
        elif op in ("upgrade_path", "downgrade_path"): args = {"current": rows, "target": ident(g)}
        elif op == "history":
            args = {"base": rnd.choice(["", "base", "-1", ident(g), "current"]), "head": rnd.choice(["", "heads", ident(g), "current"]), "current": rows}
        elif op == "labels": args = {"rev": rnd.choice(ids)}
        elif op == "current": args = {"rows": rows}
        else: args = {}
        if op == "resolve" and rnd.random() < 0.3: args["single"] = True
        cases.append({"id": "rand-%d" % k, "graph": g, "op": op, "args": args, "expect": None})
    return cases


cases = rich_cases() if PROFILE == "rich" else orig_cases()
json.dump({"description": "random (%s)" % PROFILE, "cases": cases}, open(sys.argv[3], "w"), indent=1)
