"""default currency for old invoices

Revision ID: e85cb82d1621
Revises: 39d4c92d7972
Create Date: 2026-11-27 16:33:47.980153

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'e85cb82d1621'
down_revision: Union[str, Sequence[str], None] = '39d4c92d7972'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.execute("UPDATE invoices SET currency = 'EUR' WHERE currency IS NULL")


def downgrade() -> None:
    """Downgrade schema."""
    pass
