"""ok"""
from alembic import op
import sqlalchemy as sa

revision = "p1p1p1p1p1p1"
down_revision = None


def upgrade():
    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    pass
