"""a savepoint after DML

Revision ID: tc3000000003
Revises: tc0000000000
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'tc3000000003'
down_revision = 'tc0000000000'
branch_labels = None
depends_on = None


def upgrade():
    op.execute('INSERT INTO t (id) VALUES (30)')
    op.execute('savepoint b')
    op.execute('INSERT INTO t (id) VALUES (31)')
    op.execute('ROLLBACK TRANSACTION TO SAVEPOINT b')
    op.execute('RELEASE SAVEPOINT b')
    op.execute('INSERT INTO t (id) VALUES (32)')


def downgrade():
    pass
