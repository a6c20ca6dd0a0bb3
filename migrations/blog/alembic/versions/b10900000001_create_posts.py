"""create posts

Revision ID: b10900000001
Revises: 
Create Date: 2024-03-01 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'b10900000001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "posts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    )
    op.execute(
        "INSERT INTO posts (id, title, body, deleted_at) VALUES "
        "(1, 'Hello', 'first post', NULL), "
        "(2, 'Spam', 'deleted post', '2024-02-02 03:04:05'), "
        "(3, 'World', 'second post', NULL)"
    )


def downgrade() -> None:
    op.drop_table("posts")
