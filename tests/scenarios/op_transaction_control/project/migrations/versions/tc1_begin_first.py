"""BEGIN before any DML: pysqlite starts the transaction

Revision ID: tc1000000001
Revises: tc0000000000
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'tc1000000001'
down_revision = 'tc0000000000'
branch_labels = None
depends_on = None


def upgrade():
    op.execute('BEGIN')
    op.create_table('tb', sa.Column('id', sa.Integer(), primary_key=True))
    op.execute('INSERT INTO tb (id) VALUES (1)')


def downgrade():
    pass
