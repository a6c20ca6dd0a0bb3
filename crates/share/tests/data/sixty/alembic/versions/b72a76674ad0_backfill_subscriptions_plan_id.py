"""backfill subscriptions.plan_id

Revision ID: b72a76674ad0
Revises: 2f0c7b703d5f
Create Date: 2026-11-27 16:33:52.539795

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'b72a76674ad0'
down_revision: Union[str, Sequence[str], None] = '2f0c7b703d5f'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.execute(
        "UPDATE subscriptions SET plan_id = "
        "(SELECT plans.id FROM plans WHERE plans.code = subscriptions.plan)"
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.execute("UPDATE subscriptions SET plan_id = NULL")
