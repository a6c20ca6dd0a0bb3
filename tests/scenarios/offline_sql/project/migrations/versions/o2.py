"""seed and add column

Revision ID: 0ff100000002
Revises: 0ff100000001
Create Date: 2024-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0ff100000002'
down_revision = '0ff100000001'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('accounts', sa.Column('email', sa.String(120), nullable=True))
    accounts = sa.table('accounts', sa.column('id', sa.Integer), sa.column('name', sa.String), sa.column('email', sa.String))
    op.bulk_insert(accounts, [
        {'id': 1, 'name': 'alice', 'email': 'a@example.com'},
        {'id': 2, 'name': "o'brien", 'email': None},
    ])
    op.execute("UPDATE accounts SET email = name || '@example.org' WHERE email IS NULL")


def downgrade():
    op.execute("DELETE FROM accounts WHERE id IN (1, 2)")
    op.drop_column('accounts', 'email')
