"""core: add accounts.plan

Revision ID: c0e000000002
Revises: c0e000000001
Create Date: 2024-03-01 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'c0e000000002'
down_revision: Union[str, Sequence[str], None] = 'c0e000000001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("accounts", sa.Column("plan", sa.String(20), nullable=False, server_default="free"))


def downgrade() -> None:
    op.drop_column("accounts", "plan")
