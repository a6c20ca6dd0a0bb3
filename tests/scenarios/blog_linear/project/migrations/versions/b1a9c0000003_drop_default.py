"""drop is_featured server default (batch)

Revision ID: b1a9c0000003
Revises: b1a9c0000002
Create Date: 2024-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b1a9c0000003'
down_revision = 'b1a9c0000002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('posts') as batch_op:
        batch_op.alter_column('is_featured', server_default=None)


def downgrade():
    with op.batch_alter_table('posts') as batch_op:
        batch_op.alter_column('is_featured', server_default='false')
