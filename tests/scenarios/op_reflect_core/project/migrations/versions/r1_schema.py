"""schema to reflect

Revision ID: r00000000001
Revises: 
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = 'r00000000001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "CREATE TABLE users (id INTEGER NOT NULL, name VARCHAR(50) NOT NULL, email VARCHAR(120), "
        "score NUMERIC(10, 2) DEFAULT '0', created DATETIME DEFAULT (CURRENT_TIMESTAMP), active BOOLEAN, "
        "PRIMARY KEY (id), CONSTRAINT uq_email UNIQUE (email), CHECK (score >= 0), "
        "CONSTRAINT ck_name CHECK (length(name) > 0))"
    )
    op.execute("CREATE INDEX ix_users_name ON users (name)")
    op.execute("CREATE UNIQUE INDEX ix_u2 ON users (name, email)")
    op.execute("CREATE INDEX ix_part ON users (score) WHERE score > 1")
    op.execute(
        "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER, body TEXT, kind varchar(255), "
        "FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE, "
        "CONSTRAINT fk_named FOREIGN KEY(id) REFERENCES users(id))"
    )
    op.execute("CREATE TABLE k (a INT, b TEXT, c DOUBLE PRECISION, d UUID, e, PRIMARY KEY (a, b), UNIQUE (b))")


def downgrade():
    op.drop_table('k')
    op.drop_table('posts')
    op.drop_table('users')
