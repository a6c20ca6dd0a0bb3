"""batch alter posts, seed data

Revision ID: 3a9f0c1d2e4b
Revises: 1975ea83b712, 5b6c7d8e9f00
Create Date: 2024-02-02 08:30:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.sql import table, column

revision = '3a9f0c1d2e4b'
down_revision = ('1975ea83b712', '5b6c7d8e9f00')
branch_labels = None
depends_on = None

TABLES = ['posts', 'comments']
LIMIT = 10_000
RATIO = 1.5e-3
MASK = 0xFF | 0o17 & 0b1010


def upgrade():
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title', sa.String(200), nullable=True))
        batch_op.alter_column('body', existing_type=sa.Text(), nullable=False)
        batch_op.drop_column('legacy')

    op.execute("UPDATE posts "
               "SET title = 'untitled' "
               'WHERE title IS NULL')
    op.execute(
        """
        INSERT INTO audit (msg) VALUES ('it''s done')
        """
    )
    accounts = table('accounts', column('id', sa.Integer), column('x', sa.String))
    op.bulk_insert(accounts, [
        {'id': 1, 'x': 'a'},
        {'id': 2, 'x': 'b\tc\n'},
        {"id": 3, "x": None},
    ])
    for name in TABLES:
        op.execute(f"DELETE FROM {name} WHERE id > {LIMIT:,d} -- {name!r}")
        op.execute("UPDATE %s SET n = %d" % (name, LIMIT))
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("PRAGMA foreign_keys=ON")
    elif bind.dialect.name in ("postgresql", "mysql"):
        pass
    else:
        raise NotImplementedError(f"dialect {bind.dialect.name}")
    n = 0
    while n < 3 and not False:
        n += 1
        if n == 2:
            continue
    else:
        n = -n
    x = y = n ** 2 // 3 % 4
    first, *rest = TABLES
    assert x is not None, "x must be set"
    del first
    label = 'big' if x >= 10 else 'small'
    flags = {'a', 'b'}
    empty = ()
    nested = TABLES[0][1:3], TABLES[::2], TABLES[-1]
    return None


def downgrade():
    with op.batch_alter_table("posts") as batch_op, op.batch_alter_table("users") as b2:
        batch_op.drop_column("title")
    with (
        op.batch_alter_table("a") as a,
        op.batch_alter_table("b") as b,
    ):
        pass
    try:
        op.drop_table("audit")
    except Exception as exc:
        raise RuntimeError("failed") from exc
    finally:
        pass
