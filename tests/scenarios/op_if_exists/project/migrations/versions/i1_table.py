"""table with an index

Revision ID: ia0000000001
Revises: 
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ia0000000001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('items', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('name', sa.String(20)), sa.Column('flag', sa.Boolean()))
    op.create_index('ix_items_name', 'items', ['name'])


def downgrade():
    op.drop_table('items', if_exists=True)
