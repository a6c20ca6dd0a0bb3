"""billing: create invoices

Revision ID: b111000000a1
Revises: 
Create Date: 2024-03-01 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'b111000000a1'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = 'billing'
depends_on: Union[str, Sequence[str], None] = 'c0e000000002'


def upgrade() -> None:
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("invoices")
