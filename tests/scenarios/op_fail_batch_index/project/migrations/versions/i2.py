"""dropping an indexed column in batch

Revision ID: 1d0000000002
Revises: 1d0000000001
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1d0000000002'
down_revision = '1d0000000001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('posts') as batch_op:
        batch_op.drop_column('title')


def downgrade():
    pass
