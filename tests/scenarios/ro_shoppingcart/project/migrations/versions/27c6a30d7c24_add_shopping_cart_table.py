"""add shopping cart table

Revision ID: 27c6a30d7c24
Revises: 1975ea83b712
Create Date: 2024-05-01 12:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '27c6a30d7c24'
down_revision: Union[str, Sequence[str], None] = '1975ea83b712'
branch_labels: Union[str, Sequence[str], None] = 'shoppingcart'
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    pass


def downgrade() -> None:
    """Downgrade schema."""
    pass
