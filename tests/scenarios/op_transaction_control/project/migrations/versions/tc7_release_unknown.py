"""RELEASE of no savepoint

Revision ID: tc7000000007
Revises: tc0000000000
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'tc7000000007'
down_revision = 'tc0000000000'
branch_labels = None
depends_on = None


def upgrade():
    op.execute('INSERT INTO t (id) VALUES (70)')
    op.execute('RELEASE nosuch')


def downgrade():
    pass
