"""seed

Revision ID: e00000000001
Revises: 
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e00000000001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    accounts = op.create_table(
        'accounts',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(50), nullable=False),
        sa.Column('balance', sa.Integer(), server_default='0'),
    )
    op.bulk_insert(accounts, [
        {'id': 1, 'name': 'alice', 'balance': 10},
        {'id': 2, 'name': "o'brien", 'balance': 20},
        {'id': 3, 'name': 'carol', 'balance': None},
    ])
    log = sa.table('audit', sa.column('id', sa.Integer), sa.column('note', sa.String))
    op.create_table('audit', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('note', sa.String(200)))
    op.bulk_insert(log, [{'note': 'seeded', 'id': 1}])
    op.execute("UPDATE accounts SET balance = 0 WHERE balance IS NULL")
    op.execute(sa.text("UPDATE accounts SET name = :n WHERE id = :i").bindparams(n='bob', i=2))


def downgrade():
    op.drop_table('audit')
    op.drop_table('accounts')
