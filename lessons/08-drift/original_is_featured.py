"""add is_featured

Revision ID: b10900000002
Revises: b10900000001
Create Date: 2024-03-01 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'b10900000002'
down_revision: Union[str, Sequence[str], None] = 'b10900000001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # NOT NULL on a table that has rows: the server default fills them in.
    op.add_column(
        "posts",
        sa.Column("is_featured", sa.Boolean(), nullable=False, server_default="false"),
    )


def downgrade() -> None:
    with op.batch_alter_table("posts") as batch_op:
        batch_op.drop_column("is_featured")
