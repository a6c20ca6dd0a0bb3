"""Several independent errors: each one is reported."""
from alembic import op

revision = 'abc
down_revision = None

def upgrade():
    op.add_column('t' sa.Column('x'))
    x = = 2

def downgrade()
    pass

y = 08
