"""savepoints

Revision ID: tc2000000002
Revises: tc0000000000
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'tc2000000002'
down_revision = 'tc0000000000'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('ts', sa.Column('id', sa.Integer(), primary_key=True))
    op.execute('SAVEPOINT a')
    op.execute('INSERT INTO ts (id) VALUES (1)')
    op.execute('ROLLBACK TO a')
    op.execute('INSERT INTO ts (id) VALUES (2)')
    op.execute('RELEASE a')
    op.execute('INSERT INTO ts (id) VALUES (3)')


def downgrade():
    pass
