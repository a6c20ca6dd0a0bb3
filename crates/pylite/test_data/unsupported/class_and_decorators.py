import sqlalchemy as sa

@contextmanager
def helper():
    yield sa

class Model(Base):
    id = sa.Column(sa.Integer, primary_key=True)

def upgrade():
    pass
