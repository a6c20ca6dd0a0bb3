"""add a column

Revision ID: 27c6a30d7c24
Revises: ae1027a6acf
Create Date: 2026-11-27 13:48:08.207107

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '27c6a30d7c24'
down_revision: Union[str, Sequence[str], None] = 'ae1027a6acf'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    pass


def downgrade() -> None:
    """Downgrade schema."""
    pass
