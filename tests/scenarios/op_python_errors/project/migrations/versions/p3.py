"""typo in op"""
from alembic import op
import sqlalchemy as sa

revision = "p3p3p3p3p3p3"
down_revision = 'p2p2p2p2p2p2'


def upgrade():
    op.create_tabel("u")


def downgrade():
    pass
