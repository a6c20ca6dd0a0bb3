# a hand-written revision without a docstring
from alembic import op
import sqlalchemy as sa

revision = "002"  # the id
down_revision = '001'
branch_labels = None
depends_on = None

def upgrade():
    op.execute('select 1')

def downgrade():
    op.execute('select 1')
