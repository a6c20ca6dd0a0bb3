"""Writes the hazard projects of `alembic-playground check` (tests/check/projects/<name>/):
one real Alembic project per SQLite hazard, and a clean variant of each. Each has a seed.sql
(what `check --seed seed.sql` applies at the first revision where it runs)."""
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests/check/projects"
TEMPLATE = ROOT / "migrations/no_downgrade"

HEADER = '''"""{doc}

Revision ID: {rev}
Revises: {down_doc}
Create Date: 2024-03-01 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '{rev}'
down_revision: Union[str, Sequence[str], None] = {down}
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
{up}


def downgrade() -> None:
{down_body}
'''

# env.py for the FK project: every connection runs PRAGMA foreign_keys=ON, as applications do.
FK_ON = '''
from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _foreign_keys_on(dbapi_connection, connection_record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
'''

USERS = ('''    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100)),
        sa.Column("email", sa.String(200)),
    )''', '''    op.drop_table("users")''')
USERS_SEED = "INSERT INTO users (id, name, email) VALUES (1, 'ada', 'a@x.org'), (2, 'grace', 'a@x.org'), (3, 'alan', 'c@x.org');\n"

PARENT_CHILD = ('''    op.create_table(
        "authors",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100)),
    )
    op.create_table(
        "books",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("authors.id", ondelete="CASCADE")),
        sa.Column("title", sa.String(200)),
    )''', '''    op.drop_table("books")
    op.drop_table("authors")''')
PARENT_CHILD_SEED = ("INSERT INTO authors (id, name) VALUES (1, 'Le Guin'), (2, 'Lem');\n"
                     "INSERT INTO books (id, author_id, title) VALUES (1, 1, 'The Dispossessed'), (2, 1, 'Earthsea'), (3, 2, 'Solaris');\n")

PROJECTS = {
    "fk_cascade": (PARENT_CHILD, PARENT_CHILD_SEED, "recreate authors in batch mode", '''    with op.batch_alter_table("authors", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("born", sa.Integer()))''', '''    with op.batch_alter_table("authors", recreate="always") as batch_op:
        batch_op.drop_column("born")'''),
    "fk_cascade_clean": (PARENT_CHILD, PARENT_CHILD_SEED, "add a column without batch mode", '''    op.add_column("authors", sa.Column("born", sa.Integer()))''', '''    op.drop_column("authors", "born")'''),
    "not_null": (USERS, USERS_SEED, "add a required column", '''    op.add_column("users", sa.Column("role", sa.String(20), nullable=False))''', '''    op.drop_column("users", "role")'''),
    "not_null_clean": (USERS, USERS_SEED, "add a required column with a default", '''    op.add_column("users", sa.Column("role", sa.String(20), nullable=False, server_default="member"))''', '''    op.drop_column("users", "role")'''),
    "unique_dups": (USERS, USERS_SEED, "emails are unique", '''    op.create_index("ix_users_email", "users", ["email"], unique=True)''', '''    op.drop_index("ix_users_email", table_name="users")'''),
    "unique_dups_clean": (USERS, USERS_SEED, "emails are unique, duplicates removed first", '''    op.execute("DELETE FROM users WHERE id NOT IN (SELECT min(id) FROM users GROUP BY email)")
    op.create_index("ix_users_email", "users", ["email"], unique=True)''', '''    op.drop_index("ix_users_email", table_name="users")'''),
    "drop_add": (USERS, USERS_SEED, "name becomes username", '''    op.drop_column("users", "name")
    op.add_column("users", sa.Column("username", sa.String(100)))''', '''    op.drop_column("users", "username")
    op.add_column("users", sa.Column("name", sa.String(100)))'''),
    "drop_add_clean": (USERS, USERS_SEED, "name becomes username, renamed in place", '''    op.alter_column("users", "name", new_column_name="username")''', '''    op.alter_column("users", "username", new_column_name="name")'''),
}


def main():
    for name, ((create_up, create_down), seed, doc, up, down) in PROJECTS.items():
        dest = OUT / name
        shutil.rmtree(dest, ignore_errors=True)
        (dest / "alembic/versions").mkdir(parents=True)
        shutil.copy(TEMPLATE / "alembic.ini", dest / "alembic.ini")
        shutil.copy(TEMPLATE / "alembic/script.py.mako", dest / "alembic/script.py.mako")
        env = (TEMPLATE / "alembic/env.py").read_text()
        if name.startswith("fk_cascade"):
            env = env.replace("from alembic import context\n", "from alembic import context\n" + FK_ON, 1)
        (dest / "alembic/env.py").write_text(env)
        first, second = "c0c000000001", "c0c000000002"
        (dest / f"alembic/versions/{first}_create.py").write_text(HEADER.format(
            doc="create the tables", rev=first, down_doc="", down="None", up=create_up, down_body=create_down))
        (dest / f"alembic/versions/{second}_change.py").write_text(HEADER.format(
            doc=doc, rev=second, down_doc=first, down=repr(first), up=up, down_body=down))
        (dest / "seed.sql").write_text(seed)


if __name__ == "__main__":
    main()
