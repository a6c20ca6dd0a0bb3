def upgrade():
    with op.batch_alter_table("t") as batch_op
        batch_op.drop_column("x")
