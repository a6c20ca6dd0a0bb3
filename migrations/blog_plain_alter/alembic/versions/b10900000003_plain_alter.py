"""drop is_featured server default (plain alter)

Revision ID: b10900000003
Revises: b10900000002
Create Date: 2024-03-01 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'b10900000003'
down_revision: Union[str, Sequence[str], None] = 'b10900000002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Works on PostgreSQL; SQLite has no ALTER COLUMN, so this fails there.
    op.alter_column("posts", "is_featured", server_default=None)


def downgrade() -> None:
    op.alter_column("posts", "is_featured", server_default="false")
