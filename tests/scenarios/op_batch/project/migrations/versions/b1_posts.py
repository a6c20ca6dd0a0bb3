"""posts

Revision ID: ba0000000001
Revises: 
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ba0000000001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'users',
        sa.Column('id', sa.Integer(), primary_key=True),
    )
    op.create_table(
        'posts',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('title', sa.String(200), nullable=False),
        sa.Column('views', sa.String(20)),
        sa.Column('author_id', sa.Integer()),
        sa.Column('is_featured', sa.Boolean(), nullable=False, server_default='false'),
    )
    op.create_index('ix_posts_title', 'posts', ['title'])
    op.execute("INSERT INTO users (id) VALUES (1)")
    op.execute("INSERT INTO posts (id, title, views, author_id) VALUES (1, 'a', '12', 1), (2, 'b', NULL, NULL)")


def downgrade():
    op.drop_table('posts')
    op.drop_table('users')
