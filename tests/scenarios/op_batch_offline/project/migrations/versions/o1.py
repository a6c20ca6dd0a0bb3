"""posts

Revision ID: 0c0000000001
Revises: 
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0c0000000001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('posts', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('flag', sa.Boolean(), server_default='false'))


def downgrade():
    op.drop_table('posts')
