"""other databases' types and variants on SQLite

Revision ID: d00000000001
Revises: 
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql, postgresql, mssql
from sqlalchemy.dialects.mysql import LONGTEXT


revision = 'd00000000001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'things',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('doc', postgresql.JSONB(astext_type=sa.Text())),
        sa.Column('uid', postgresql.UUID(as_uuid=True)),
        sa.Column('kind', postgresql.ENUM('a', 'bbb', name='kind_enum')),
        sa.Column('at', mysql.DATETIME(fsp=6)),
        sa.Column('body', sa.String(10).with_variant(LONGTEXT(), 'mysql')),
        sa.Column('short', sa.Text().with_variant(sa.String(5), 'sqlite')),
        sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')),
        sa.Column('ratio', postgresql.DOUBLE_PRECISION()),
        sa.Column('label', mssql.NVARCHAR(10)),
        sa.Column('ident', sa.Uuid()),
        sa.Column('span', sa.Interval()),
        sa.Column('big', mysql.BIGINT()),
        sa.Column('coll', sa.String(length=1500, collation='rtrim')),
        sa.Column('coll2', sa.Text(collation='NOCASE')),
        sa.Column('coll3', sa.String(collation=None)),
        sa.Column('multi', sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mysql', 'mariadb').with_variant(sa.String(7), 'sqlite')),
    )
    op.add_column('things', sa.Column('extra', sa.Integer().with_variant(mysql.TINYINT(1), 'mysql')))


def downgrade():
    op.drop_table('things')
