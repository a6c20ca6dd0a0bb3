"""root

Revision ID: aaaa00000001
Revises: 
Create Date: 2024-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'aaaa00000001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('root_t', sa.Column('id', sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table('root_t')
