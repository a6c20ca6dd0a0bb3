'''single-quoted docstring'''
from alembic import op
revision = '00400000'
down_revision = ('003',)
def upgrade():
    pass
