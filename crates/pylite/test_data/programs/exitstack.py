# contextlib.ExitStack as Apache Airflow's revision 0082 uses it, and the module's other names.
import contextlib
from contextlib import AbstractContextManager, asynccontextmanager, closing


class Conn:
    def execute(self, sql):
        print("execute", sql)


conn = Conn()
exitstack = contextlib.ExitStack()
conn.execute("PRAGMA foreign_keys=OFF")
exitstack.callback(conn.execute, "PRAGMA foreign_keys=ON")
with exitstack:
    conn.execute("ALTER TABLE dag")
print("after")


@contextlib.contextmanager
def named(name):
    print("enter", name)
    try:
        yield name.upper()
    finally:
        print("exit", name)


with contextlib.ExitStack() as stack:
    print(stack.enter_context(named("a")))
    print(stack.enter_context(named("b")))
    stack.callback(print, "callback", "with", "args")
    print("body")

try:
    with contextlib.ExitStack() as stack:
        stack.enter_context(named("c"))
        stack.callback(print, "callback runs on error")
        raise ValueError("in body")
except ValueError as e:
    print("ValueError", e)

with contextlib.ExitStack() as stack:
    stack.enter_context(contextlib.suppress(KeyError))
    stack.enter_context(named("d"))
    raise KeyError("suppressed")
print("suppressed by an entered suppress")

stack = contextlib.ExitStack()
stack.enter_context(named("e"))
stack.close()
print("closed")


@asynccontextmanager
async def session():
    yield 1


print("async helper defined")
