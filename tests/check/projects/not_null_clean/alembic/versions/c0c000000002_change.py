"""add a required column with a default

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
    op.add_column("users", sa.Column("role", sa.String(20), nullable=False, server_default="member"))


def downgrade() -> None:
    op.drop_column("users", "role")
