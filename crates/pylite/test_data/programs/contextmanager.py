# contextlib.contextmanager with CPython's semantics, suppress and nullcontext.
from contextlib import contextmanager, nullcontext, suppress


class Op:
    def __init__(self):
        self.log = []

    def execute(self, sql):
        self.log.append(sql)


@contextmanager
def disable_sqlite_fkeys(op):
    if op.dialect == "sqlite":
        op.execute("PRAGMA foreign_keys=off")
        yield op
        op.execute("PRAGMA foreign_keys=on")
    else:
        yield op


op = Op()
op.dialect = "sqlite"
with disable_sqlite_fkeys(op) as o:
    print(o is op)
    op.execute("ALTER TABLE a")
    op.execute("ALTER TABLE b")
print(op.log)


@contextmanager
def savepoint(log):
    log.append("begin nested")
    try:
        yield "conn"
    except Exception:
        log.append("rollback")
        raise
    else:
        log.append("release")


log = []
with savepoint(log) as conn:
    log.append("work on " + conn)
print(log)

log = []
try:
    with savepoint(log):
        log.append("failing work")
        raise ValueError("boom")
except ValueError as e:
    print("propagated", e)
print(log)


@contextmanager
def swallowing():
    try:
        yield
    except KeyError:
        print("swallowed")


with swallowing():
    raise KeyError("k")
print("after swallowed")


@contextmanager
def no_yield():
    if False:
        yield


try:
    with no_yield():
        pass
except RuntimeError as e:
    print("RuntimeError", e)


@contextmanager
def two_yields():
    yield 1
    yield 2


try:
    with two_yields():
        pass
except RuntimeError as e:
    print("RuntimeError", e)

try:
    with two_yields():
        raise ValueError("v")
except ValueError as e:
    print("ValueError", e)


@contextmanager
def keeps_going():
    try:
        yield 1
    except ValueError:
        yield 2


try:
    with keeps_going():
        raise ValueError("v")
except RuntimeError as e:
    print("RuntimeError", e)


@contextmanager
def replaces():
    try:
        yield
    except ValueError:
        raise LookupError("replaced")


try:
    with replaces():
        raise ValueError("original")
except LookupError as e:
    print("LookupError", e)


def in_function():
    with savepoint([]) as c:
        return "returned through " + c


print(in_function())

for i in range(3):
    with swallowing():
        if i == 1:
            continue
        print("loop", i)

with suppress(KeyError, IndexError):
    [][1]
print("suppressed IndexError")
try:
    with suppress(KeyError):
        raise ValueError("not suppressed")
except ValueError as e:
    print("ValueError", e)

with nullcontext(5) as five:
    print(five)
with nullcontext() as nothing:
    print(nothing)


@contextmanager
def outer_cm(name):
    print("enter", name)
    yield name
    print("exit", name)


with outer_cm("a") as a, outer_cm("b") as b:
    print("body", a, b)


class Transaction:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    def __enter__(self):
        print("begin", self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        print("end", self.name, exc_type is not None)
        return self.swallow


with Transaction("t1") as t:
    print("inside", t.name)
with Transaction("t2", swallow=True):
    raise ValueError("swallowed by __exit__")
try:
    with Transaction("t3"):
        raise ValueError("kept")
except ValueError as e:
    print("ValueError", e)


def gen_with_cm():
    with Transaction("in generator"):
        yield 1
        yield 2
    print("generator done")


for x in gen_with_cm():
    print("item", x)
