"""data migration through get_bind

Revision ID: e00000000002
Revises: e00000000001
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e00000000002'
down_revision = 'e00000000001'
branch_labels = None
depends_on = None


def upgrade():
    conn = op.get_bind()
    total = conn.execute(sa.text("SELECT sum(balance) FROM accounts")).scalar()
    rows = conn.execute(sa.text("SELECT id, name, balance FROM accounts ORDER BY id")).fetchall()
    for row in rows:
        conn.execute(sa.text("INSERT INTO audit (note) VALUES (:note)"), {"note": f"{row.name}={row[2]} of {total}"})
    first = conn.execute(sa.text("SELECT id, name FROM accounts WHERE id = :i"), {"i": 1}).fetchone()
    op.execute(sa.text("INSERT INTO audit (note) VALUES (:n)").bindparams(n=first._mapping['name'].upper()))
    for ident, name in conn.execute(sa.text("SELECT id, name FROM accounts WHERE id > 1")):
        conn.execute(sa.text("UPDATE accounts SET name = :n WHERE id = :i"), [{"n": name + '!', "i": ident}])


def downgrade():
    op.execute("DELETE FROM audit WHERE id > 1")
    op.execute("UPDATE accounts SET name = rtrim(name, '!')")
