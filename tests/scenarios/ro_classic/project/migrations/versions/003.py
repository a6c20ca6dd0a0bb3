"""Third, with a docstring
that spans lines."""
revision = '003'
down_revision = "002"

def upgrade():
    pass
