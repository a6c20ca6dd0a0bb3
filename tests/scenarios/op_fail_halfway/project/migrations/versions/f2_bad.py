"""fails halfway

Revision ID: ff0000000002
Revises: ff0000000001
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ff0000000002'
down_revision = 'ff0000000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('t2', sa.Column('id', sa.Integer(), primary_key=True))
    op.add_column('t1', sa.Column('note', sa.String(20)))
    op.execute("INSERT INTO t2 (id) VALUES (1)")
    op.execute("UPDATE t1 SET note = 'x'")
    op.execute("INSERT INTO missing_table (id) VALUES (1)")


def downgrade():
    op.drop_table('t2')
