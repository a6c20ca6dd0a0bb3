from alembic import op

def upgrade():
    key = lambda row: row["id"]
    names = [c.name for c in columns if c.nullable]
    lookup = {k: v for k, v in pairs}
    unique = {x for x in names}
    total = sum(x * 2 for x in range(3))
    op.execute("SELECT 1")
