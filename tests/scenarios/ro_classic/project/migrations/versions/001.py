# a hand-written revision without a docstring
from alembic import op
import sqlalchemy as sa

revision = "001"  # the id
down_revision = None
branch_labels = None
depends_on = None

def upgrade():
    pass

def downgrade():
    pass
