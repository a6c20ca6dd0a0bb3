"""archive deleted posts, drop deleted_at

Revision ID: b10900000004
Revises: b10900000003
Create Date: 2024-03-01 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'b10900000004'
down_revision: Union[str, Sequence[str], None] = 'b10900000003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "post_archive",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
    )
    op.execute(
        "INSERT INTO post_archive (id, title, deleted_at) "
        "SELECT id, title, deleted_at FROM posts WHERE deleted_at IS NOT NULL"
    )
    op.execute("DELETE FROM posts WHERE deleted_at IS NOT NULL")
    with op.batch_alter_table("posts") as batch_op:
        batch_op.drop_column("deleted_at")


def downgrade() -> None:
    # Restores the column, but not the deleted posts: they stay in post_archive,
    # which is then dropped. Rehearse this before running it on real data.
    op.add_column("posts", sa.Column("deleted_at", sa.DateTime(), nullable=True))
    op.drop_table("post_archive")
