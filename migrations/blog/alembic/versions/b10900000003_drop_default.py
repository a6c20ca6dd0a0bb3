"""drop is_featured server default

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
    # SQLite cannot ALTER a column: batch mode recreates the table (move and copy).
    with op.batch_alter_table("posts") as batch_op:
        batch_op.alter_column("is_featured", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("posts") as batch_op:
        batch_op.alter_column("is_featured", server_default="false")
