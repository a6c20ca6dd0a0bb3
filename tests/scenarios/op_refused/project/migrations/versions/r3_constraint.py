"""constraint outside batch

Revision ID: ee0000000003
Revises: ee0000000001
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ee0000000003'
down_revision = 'ee0000000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_unique_constraint('uq_items_name', 'items', ['name'])


def downgrade():
    pass
