"""merge left and right

Revision ID: dddd00000004
Revises: bbbb00000003, cccc00000003
Create Date: 2024-05-01 12:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'dddd00000004'
down_revision: Union[str, Sequence[str], None] = ('bbbb00000003', 'cccc00000003')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    pass


def downgrade() -> None:
    """Downgrade schema."""
    pass
