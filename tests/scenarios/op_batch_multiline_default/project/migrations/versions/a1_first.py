"""batch copy of multi-line parenthesized server defaults (Prefect's GenerateUUID on SQLite)

Revision ID: a1
Revises:
Create Date: 2026-01-01 00:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "t",
        sa.Column("id", sa.CHAR(36), server_default=sa.text("(\n    (\n        lower(hex(randomblob(4)))\n        || '-'\n    )\n    )"), nullable=False),
        sa.Column("v", sa.Integer()),
        sa.Column("w", sa.Integer(), server_default=sa.text("(1 + 2)")),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("t") as b:
        b.add_column(sa.Column("x", sa.Integer()))
        b.alter_column("v", nullable=False, existing_type=sa.Integer())


def downgrade():
    op.drop_table("t")
