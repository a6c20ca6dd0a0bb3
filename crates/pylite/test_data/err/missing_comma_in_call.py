def upgrade():
    op.create_table("t",
        sa.Column("id", sa.Integer(), primary_key=True)
        sa.Column("name", sa.String(50)),
    )
