"""merge alice and bob

Revision ID: 3e76e0000003
Revises: a11ce0000002, b0b000000002
Create Date: 2024-03-01 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '3e76e0000003'
down_revision: Union[str, Sequence[str], None] = ('a11ce0000002', 'b0b000000002')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
