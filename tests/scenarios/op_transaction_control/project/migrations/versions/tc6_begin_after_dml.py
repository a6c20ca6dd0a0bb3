"""BEGIN after DML

Revision ID: tc6000000006
Revises: tc0000000000
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'tc6000000006'
down_revision = 'tc0000000000'
branch_labels = None
depends_on = None


def upgrade():
    op.execute('INSERT INTO t (id) VALUES (60)')
    op.execute('BEGIN')


def downgrade():
    pass
