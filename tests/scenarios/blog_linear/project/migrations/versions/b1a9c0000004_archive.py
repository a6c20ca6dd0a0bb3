"""archive deleted posts, drop deleted_at

Revision ID: b1a9c0000004
Revises: b1a9c0000003
Create Date: 2024-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b1a9c0000004'
down_revision = 'b1a9c0000003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'post_archive',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('title', sa.String(200), nullable=False),
        sa.Column('deleted_at', sa.DateTime(), nullable=False),
    )
    op.execute(
        "INSERT INTO post_archive (id, title, deleted_at) "
        "SELECT id, title, deleted_at FROM posts WHERE deleted_at IS NOT NULL"
    )
    op.execute("DELETE FROM posts WHERE deleted_at IS NOT NULL")
    with op.batch_alter_table('posts') as batch_op:
        batch_op.drop_column('deleted_at')


def downgrade():
    # re-adds the column, but the archived rows are NOT moved back
    op.add_column('posts', sa.Column('deleted_at', sa.DateTime(), nullable=True))
    op.drop_table('post_archive')
