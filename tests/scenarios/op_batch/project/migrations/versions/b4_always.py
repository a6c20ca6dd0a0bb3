"""recreate always, then drop

Revision ID: ba0000000004
Revises: ba0000000003
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ba0000000004'
down_revision = 'ba0000000003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('posts', recreate='always') as batch_op:
        batch_op.drop_index('ix_posts_summary')
        batch_op.drop_column('summary')


def downgrade():
    with op.batch_alter_table('posts') as batch_op:
        batch_op.add_column(sa.Column('summary', sa.Text(), nullable=False, server_default=''))
        batch_op.create_index('ix_posts_summary', ['summary'])
