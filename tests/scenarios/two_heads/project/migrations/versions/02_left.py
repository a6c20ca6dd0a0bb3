"""left branch

Revision ID: bbbb00000002
Revises: aaaa00000001
Create Date: 2024-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'bbbb00000002'
down_revision = 'aaaa00000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('left_t', sa.Column('id', sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table('left_t')
