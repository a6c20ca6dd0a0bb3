"""invoice item quantity must be positive

Revision ID: 00fcc1dec30e
Revises: 0061d943ec32
Create Date: 2026-11-27 16:34:15.667815

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '00fcc1dec30e'
down_revision: Union[str, Sequence[str], None] = '0061d943ec32'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('invoice_items', schema=None) as batch_op:
        batch_op.create_check_constraint('ck_invoice_items_quantity_positive', 'quantity > 0')


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('invoice_items', schema=None) as batch_op:
        batch_op.drop_constraint('ck_invoice_items_quantity_positive', type_='check')
