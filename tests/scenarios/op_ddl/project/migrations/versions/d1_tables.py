"""create tables

Revision ID: d00000000001
Revises: 
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd00000000001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'authors',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('name', sa.String(100), nullable=False, unique=True),
        sa.Column('email', sa.Unicode(200), index=True),
        sa.Column('rating', sa.Numeric(10, 2), server_default='0'),
        sa.Column('score', sa.Float()),
        sa.Column('joined', sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column('born', sa.Date()),
        sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column('bio', sa.Text()),
        sa.Column('kind', sa.Enum('staff', 'guest', name='author_kind')),
        sa.Column('meta', sa.JSON()),
        sa.Column('uid', sa.Uuid()),
        sa.Column('avatar', sa.LargeBinary()),
        sa.Column('big', sa.BigInteger()),
        sa.Column('small', sa.SmallInteger()),
        sa.Column('at', sa.TIMESTAMP()),
        sa.Column('code', sa.VARCHAR(10)),
        sa.CheckConstraint('score >= 0', name='ck_authors_score'),
    )
    op.create_table(
        'books',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), sa.ForeignKey('authors.id', ondelete='CASCADE'), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('isbn', sa.String(13)),
        sa.PrimaryKeyConstraint('id', name='pk_books'),
        sa.UniqueConstraint('isbn', name='uq_books_isbn'),
        sa.Index('ix_books_title_lower', sa.text('lower(title)')),
    )
    op.create_index('ix_books_author', 'books', ['author_id', 'title'])
    op.create_index(op.f('ix_books_isbn_partial'), 'books', ['isbn'], unique=True, sqlite_where=sa.text('isbn IS NOT NULL'))


def downgrade():
    op.drop_index('ix_books_isbn_partial', table_name='books')
    op.drop_index('ix_books_author', table_name='books')
    op.drop_table('books')
    op.drop_table('authors')
