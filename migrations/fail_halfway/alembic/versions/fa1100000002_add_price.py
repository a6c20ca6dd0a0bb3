"""add price, then fail

Revision ID: fa1100000002
Revises: fa1100000001
Create Date: 2024-03-01 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'fa1100000002'
down_revision: Union[str, Sequence[str], None] = 'fa1100000001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("items", sa.Column("price_cents", sa.Integer(), nullable=True))
    op.create_table("price_history", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("UPDATE items SET price_cents = 100")
    # A typo: the table is called items. Everything above must be undone.
    op.execute("UPDATE itemz SET price_cents = price_cents * 2")


def downgrade() -> None:
    op.drop_table("price_history")
    op.drop_column("items", "price_cents")
