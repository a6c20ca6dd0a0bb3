# The shape of Apache Airflow's revision 0101 `_begin_nested_transaction` (a yield in a
# `with` under an `if`, then a `return`; a yield in a `try` whose handler re-raises), with
# stand-in connection objects that print what they are asked.
import contextlib


class Savepoint:
    def commit(self):
        print("savepoint commit")

    def rollback(self):
        print("savepoint rollback")


class Begin:
    def __enter__(self):
        print("engine begin")
        return Conn("other")

    def __exit__(self, t, v, tb):
        print("engine end, failed:", t is not None)


class Dialect:
    def __init__(self, name):
        self.name = name


class Conn:
    def __init__(self, dialect):
        self.dialect = Dialect(dialect)
        self.engine = self

    def begin(self):
        return Begin()

    def begin_nested(self):
        print("begin nested")
        return Savepoint()

    def execute(self, sql):
        print("execute", sql)
        if "bad" in sql:
            raise ValueError("bad statement")


@contextlib.contextmanager
def _begin_nested_transaction(conn):
    if conn.dialect.name != "sqlite":
        with conn.engine.begin() as new_conn:
            yield new_conn
        return
    try:
        savepoint = conn.begin_nested()
        yield conn
    except Exception:
        savepoint.rollback()
        raise
    savepoint.commit()


def batches(rows, size):
    batch = []
    for row in rows:
        if row % 2:
            batch.append(row)
            if len(batch) == size:
                yield batch
                batch = []
    if batch:
        yield batch


for dialect in ["sqlite", "postgresql"]:
    conn = Conn(dialect)
    for batch in batches(range(10), 2):
        try:
            with _begin_nested_transaction(conn) as c:
                for row in batch:
                    c.execute("UPDATE t SET x = %d" % row if row != 7 else "bad")
        except ValueError as e:
            print("batch failed:", e)
