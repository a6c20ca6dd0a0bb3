"""core: index accounts.name

Revision ID: c0e000000003
Revises: c0e000000002
Create Date: 2024-03-01 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'c0e000000003'
down_revision: Union[str, Sequence[str], None] = 'c0e000000002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index("ix_accounts_name", "accounts", ["name"])


def downgrade() -> None:
    op.drop_index("ix_accounts_name", table_name="accounts")
