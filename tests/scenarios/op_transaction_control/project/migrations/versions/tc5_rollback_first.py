"""ROLLBACK with no transaction open

Revision ID: tc5000000005
Revises: tc0000000000
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'tc5000000005'
down_revision = 'tc0000000000'
branch_labels = None
depends_on = None


def upgrade():
    op.execute('ROLLBACK')
    op.execute('INSERT INTO t (id) VALUES (50)')


def downgrade():
    pass
