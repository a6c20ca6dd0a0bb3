"""lowercase user emails

Revision ID: a686a70f172a
Revises: 6a78dd6fc67a
Create Date: 2026-11-27 16:33:39.324140

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'a686a70f172a'
down_revision: Union[str, Sequence[str], None] = '6a78dd6fc67a'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.execute("UPDATE users SET email = lower(email) WHERE email != lower(email)")


def downgrade() -> None:
    """Downgrade schema."""
    # Nothing to undo: the original case is not kept.
    pass
