"""batch

Revision ID: 0c0000000002
Revises: 0c0000000001
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0c0000000002'
down_revision = '0c0000000001'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE posts SET flag = 'true'")
    with op.batch_alter_table('posts') as batch_op:
        batch_op.alter_column('flag', server_default=None)


def downgrade():
    with op.batch_alter_table('posts') as batch_op:
        batch_op.alter_column('flag', server_default='false')
