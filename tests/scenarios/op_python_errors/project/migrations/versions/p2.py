"""raises"""
from alembic import op
import sqlalchemy as sa

revision = "p2p2p2p2p2p2"
down_revision = 'p1p1p1p1p1p1'


def upgrade():
    op.execute("INSERT INTO t (id) VALUES (1)")
    raise ValueError("refusing to run on this data")


def downgrade():
    pass
