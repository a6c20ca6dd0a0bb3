"""two statements in one execute"""
from alembic import op
import sqlalchemy as sa

revision = "e2e2e2e2e2e2"
down_revision = 'e1e1e1e1e1e1'


def upgrade():
    op.execute("INSERT INTO t (id, note) VALUES (5, 'a'); INSERT INTO t (id, note) VALUES (6, 'b')")


def downgrade():
    pass
