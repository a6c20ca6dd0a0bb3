revision = "abc"
down_revision = "def

def upgrade():
    pass
