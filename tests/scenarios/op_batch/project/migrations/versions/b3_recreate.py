"""batch move and copy

Revision ID: ba0000000003
Revises: ba0000000002
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ba0000000003'
down_revision = 'ba0000000002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('posts', recreate='auto') as batch_op:
        batch_op.alter_column('is_featured', server_default=None)
        batch_op.alter_column('views', type_=sa.Integer(), existing_type=sa.String(20))
        batch_op.alter_column('title', new_column_name='headline', nullable=True, existing_type=sa.String(200))
        batch_op.alter_column('summary', server_default='')
        batch_op.add_column(sa.Column('created', sa.DateTime(), server_default=sa.text("'2024-01-01 00:00:00'")))
        batch_op.create_unique_constraint('uq_posts_headline', ['headline'])
        batch_op.create_foreign_key('fk_posts_author', 'users', ['author_id'], ['id'], ondelete='SET NULL')
        batch_op.create_check_constraint('ck_posts_views', 'views >= 0')


def downgrade():
    with op.batch_alter_table('posts') as batch_op:
        batch_op.drop_constraint('ck_posts_views', type_='check')
        batch_op.drop_constraint('fk_posts_author', type_='foreignkey')
        batch_op.drop_constraint('uq_posts_headline', type_='unique')
        batch_op.drop_column('created')
        batch_op.alter_column('summary', server_default=None)
        batch_op.alter_column('headline', new_column_name='title', nullable=False)
        batch_op.alter_column('views', type_=sa.String(20))
        batch_op.alter_column('is_featured', server_default='false')
