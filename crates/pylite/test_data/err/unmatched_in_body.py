def upgrade():
    op.execute("x"))
