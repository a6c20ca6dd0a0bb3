"""add is_featured

Revision ID: b1a9c0000002
Revises: b1a9c0000001
Create Date: 2024-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b1a9c0000002'
down_revision = 'b1a9c0000001'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        'posts',
        sa.Column('is_featured', sa.Boolean(), nullable=False, server_default='false'),
    )


def downgrade():
    with op.batch_alter_table('posts') as batch_op:
        batch_op.drop_column('is_featured')
