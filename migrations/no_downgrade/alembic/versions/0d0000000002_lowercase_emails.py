"""lower-case every email

Revision ID: 0d0000000002
Revises: 0d0000000001
Create Date: 2024-03-01 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0d0000000002'
down_revision: Union[str, Sequence[str], None] = '0d0000000001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.execute("UPDATE users SET email = lower(email)")


def downgrade() -> None:
    # The original spelling is gone: there is nothing to restore.
    pass
