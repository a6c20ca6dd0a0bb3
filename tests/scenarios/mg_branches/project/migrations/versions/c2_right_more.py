"""right more

Revision ID: cccc00000003
Revises: cccc00000002
Create Date: 2024-05-01 12:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'cccc00000003'
down_revision: Union[str, Sequence[str], None] = 'cccc00000002'
branch_labels: Union[str, Sequence[str], None] = 'right'
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    pass


def downgrade() -> None:
    """Downgrade schema."""
    pass
