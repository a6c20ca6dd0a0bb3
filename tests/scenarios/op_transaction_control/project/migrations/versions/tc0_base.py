"""a table

Revision ID: tc0000000000
Revises: 
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'tc0000000000'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('t', sa.Column('id', sa.Integer(), primary_key=True))
    op.execute('INSERT INTO t (id) VALUES (1)')


def downgrade():
    pass
