"""single statements"""
from alembic import op
import sqlalchemy as sa

revision = "e1e1e1e1e1e1"
down_revision = None


def upgrade():
    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("note", sa.Text))
    op.execute("INSERT INTO t (id, note) VALUES (1, 'semicolon');")
    op.execute("""
        -- a comment first
        INSERT INTO t (id, note) VALUES (2, 'comment')
    """)
    op.execute("INSERT INTO t (id, note) VALUES (3, '50% off')")
    op.execute(sa.text("INSERT INTO t (id, note) VALUES (4, 'colon: not a bind')"))


def downgrade():
    pass
