"""rename invoices.notes to memo

Revision ID: 43587e75df88
Revises: 9ddfe36b8a1b
Create Date: 2026-11-27 16:33:50.136037

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '43587e75df88'
down_revision: Union[str, Sequence[str], None] = '9ddfe36b8a1b'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('invoices', schema=None) as batch_op:
        batch_op.alter_column('notes', new_column_name='memo', existing_type=sa.TEXT(), existing_nullable=True)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('invoices', schema=None) as batch_op:
        batch_op.alter_column('memo', new_column_name='notes', existing_type=sa.TEXT(), existing_nullable=True)
