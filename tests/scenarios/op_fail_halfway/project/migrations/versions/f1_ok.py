"""ok

Revision ID: ff0000000001
Revises: 
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ff0000000001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('t1', sa.Column('id', sa.Integer(), primary_key=True))
    op.execute("INSERT INTO t1 (id) VALUES (1)")


def downgrade():
    op.drop_table('t1')
