"""fk column outside batch

Revision ID: ee0000000006
Revises: ee0000000001
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ee0000000006'
down_revision = 'ee0000000001'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('items', sa.Column('parent_id', sa.Integer(), sa.ForeignKey('items.id')))


def downgrade():
    pass
