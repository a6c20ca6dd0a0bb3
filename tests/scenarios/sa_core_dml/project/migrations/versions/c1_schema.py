"""tables and seed rows

Revision ID: c00000000001
Revises: 
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = 'c00000000001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    users = op.create_table(
        'users',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('name', sa.String(50), nullable=False),
        sa.Column('active', sa.Boolean, nullable=True),
        sa.Column('score', sa.Integer, nullable=True),
    )
    op.create_table(
        'posts',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('user_id', sa.Integer, sa.ForeignKey('users.id')),
        sa.Column('title', sa.String(100)),
    )
    op.bulk_insert(users, [
        {'id': 1, 'name': 'ann', 'active': True, 'score': 10},
        {'id': 2, 'name': "o'hara", 'active': False, 'score': 20},
        {'id': 3, 'name': 'bob', 'active': None, 'score': None},
        {'id': 4, 'name': 'cy', 'active': True, 'score': 40},
    ])


def downgrade():
    op.drop_table('posts')
    op.drop_table('users')
