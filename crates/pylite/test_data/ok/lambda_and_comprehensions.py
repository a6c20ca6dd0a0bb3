from alembic import op


def upgrade():
    key = lambda row: row["id"]
    noargs = lambda: 0
    full = lambda a, b=1, *c, d, e=2, **f: (a, b, c, d, e, f)
    names = [c.name for c in columns if c.nullable if c.name]
    lookup = {k: v for k, v in pairs}
    unique = {x for x in names}
    total = sum(x * 2 for x in range(3))
    nested = [(i, j) for i in range(3) for j in range(i) if (k := i + j) > 1]
    gen = (x for x in names)
    op.execute("SELECT 1")
