"""unique email, slug column

Revision ID: a3a3a3a3a3a3
Revises: a2a2a2a2a2a2
Create Date: 2024-07-03 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "a3a3a3a3a3a3"
down_revision = "a2a2a2a2a2a2"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("accounts", recreate="always") as batch_op:
        batch_op.create_unique_constraint("uq_accounts_email", ["email"])
        batch_op.add_column(sa.Column("slug", sa.String(100), nullable=True))
    op.execute("UPDATE accounts SET slug = replace(email, '@', '-at-')")
    op.create_index(op.f("ix_accounts_slug"), "accounts", ["slug"], unique=True)


def downgrade():
    op.drop_index(op.f("ix_accounts_slug"), table_name="accounts")
    with op.batch_alter_table("accounts") as batch_op:
        batch_op.drop_constraint("uq_accounts_email", type_="unique")
        batch_op.drop_column("slug")
