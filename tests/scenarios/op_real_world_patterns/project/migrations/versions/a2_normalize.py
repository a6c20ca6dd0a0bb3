"""normalize emails in a data migration

Revision ID: a2a2a2a2a2a2
Revises: a1a1a1a1a1a1
Create Date: 2024-07-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "a2a2a2a2a2a2"
down_revision = "a1a1a1a1a1a1"
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        pass
    rows = bind.execute(sa.text("SELECT id, email FROM accounts ORDER BY id")).fetchall()
    for row in rows:
        bind.execute(
            sa.text("UPDATE accounts SET email = :email WHERE id = :id"),
            {"email": row.email.lower(), "id": row.id},
        )
    op.execute(
        sa.text("UPDATE accounts SET balance = :b WHERE status = :s").bindparams(b=0, s="active")
    )


def downgrade():
    pass
