"""rename column, new table with FK

Revision ID: 0ff100000003
Revises: 0ff100000002
Create Date: 2024-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0ff100000003'
down_revision = '0ff100000002'
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column('accounts', 'name', new_column_name='username', existing_type=sa.String(50))
    op.create_table(
        'sessions',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('account_id', sa.Integer(), sa.ForeignKey('accounts.id', ondelete='CASCADE'), nullable=False),
        sa.Column('token', sa.String(64), nullable=False, unique=True),
    )


def downgrade():
    op.drop_table('sessions')
    op.alter_column('accounts', 'username', new_column_name='name', existing_type=sa.String(50))
