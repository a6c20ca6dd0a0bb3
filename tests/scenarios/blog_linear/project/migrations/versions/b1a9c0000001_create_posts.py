"""create posts

Revision ID: b1a9c0000001
Revises: 
Create Date: 2024-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b1a9c0000001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'posts',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('title', sa.String(200), nullable=False),
        sa.Column('body', sa.Text(), nullable=True),
        sa.Column('deleted_at', sa.DateTime(), nullable=True),
    )
    op.execute(
        "INSERT INTO posts (id, title, body, deleted_at) VALUES "
        "(1, 'hello', 'first post', NULL), "
        "(2, 'spam', 'deleted post', '2024-01-02 03:04:05'), "
        "(3, 'world', 'second post', NULL)"
    )


def downgrade():
    op.drop_table('posts')
