"""if_exists / if_not_exists, as Airflow, Prefect and Meltano use them

Revision ID: ia0000000002
Revises: ia0000000001
Create Date: 2024-05-01 12:00:00.000000

"""
from contextlib import suppress

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ia0000000002'
down_revision = 'ia0000000001'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_items_name', table_name='items', if_exists=True)
    op.drop_index('ix_never_there', table_name='items', if_exists=True)
    op.create_index('ix_items_name', 'items', ['name'], if_not_exists=True)
    op.create_index('ix_items_name', 'items', ['name'], if_not_exists=True)
    op.drop_table('roles_users', if_exists=True)
    with suppress(sa.exc.DatabaseError):  # mysql does not support drop if exists index
        op.drop_index('ix_missing', table_name='items')
    schema = op.get_context().version_table_schema
    op.execute(sa.text(f"UPDATE items SET name = '{schema}'"))


def downgrade():
    op.drop_index('ix_items_name', table_name='items', if_exists=True)
    op.create_index('ix_items_name', 'items', ['name'])
