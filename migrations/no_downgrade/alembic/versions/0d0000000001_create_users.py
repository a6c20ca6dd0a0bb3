"""create users

Revision ID: 0d0000000001
Revises: 
Create Date: 2024-03-01 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0d0000000001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(200), nullable=False),
    )
    op.execute("INSERT INTO users (id, email) VALUES (1, 'Ada@Example.com'), (2, 'grace@example.COM')")


def downgrade() -> None:
    op.drop_table("users")
