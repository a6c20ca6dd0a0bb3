"""name becomes username, renamed in place

Revision ID: c0c000000002
Revises: c0c000000001
Create Date: 2024-03-01 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'c0c000000002'
down_revision: Union[str, Sequence[str], None] = 'c0c000000001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.alter_column("users", "name", new_column_name="username")


def downgrade() -> None:
    op.alter_column("users", "username", new_column_name="name")
