"""add, rename and drop columns

Revision ID: d00000000002
Revises: d00000000001
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd00000000002'
down_revision = 'd00000000001'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('books', sa.Column('pages', sa.Integer(), nullable=True))
    op.add_column('books', sa.Column('published', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('books', sa.Column('slug', sa.String(50), server_default=sa.text("'x'"), index=True))
    op.alter_column('books', 'isbn', new_column_name='isbn13', existing_type=sa.String(13))
    op.rename_table('authors', 'writers')
    op.drop_column('books', 'pages')


def downgrade():
    op.rename_table('writers', 'authors')
    op.alter_column('books', 'isbn13', new_column_name='isbn')
    op.drop_index('ix_books_slug', table_name='books')
    op.drop_column('books', 'slug')
    op.drop_column('books', 'published')
