"""accounts

Revision ID: a1a1a1a1a1a1
Revises:
Create Date: 2024-07-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "a1a1a1a1a1a1"
down_revision = None
branch_labels = None
depends_on = None

STATUSES = ("active", "suspended")


def upgrade():
    accounts = op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(255), nullable=False),
        sa.Column("status", sa.Enum(*STATUSES, name="account_status"), nullable=False, server_default=STATUSES[0]),
        sa.Column("is_admin", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("balance", sa.Numeric(10, 2), nullable=True),
    )
    op.bulk_insert(
        accounts,
        [
            {"id": i, "email": f"user{i}@Example.com", "status": "active", "is_admin": i == 1, "balance": None}
            for i in (1, 2, 3)
        ] if False else [
            {"id": 1, "email": "Ada@Example.com", "status": "active", "is_admin": True, "balance": None},
            {"id": 2, "email": "grace@example.com", "status": "suspended", "is_admin": False, "balance": None},
        ],
    )


def downgrade():
    op.drop_table("accounts")
