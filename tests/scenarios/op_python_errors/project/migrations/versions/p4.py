"""undefined name"""
from alembic import op
import sqlalchemy as sa

revision = "p4p4p4p4p4p4"
down_revision = 'p3p3p3p3p3p3'


def upgrade():
    op.execute(undefined_name)


def downgrade():
    pass
