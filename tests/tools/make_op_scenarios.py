#!/usr/bin/env python3
"""Writes the `op`/`sa` test scenarios (tests/scenarios/op_*): real Alembic projects whose
revisions exercise each operation online and with --sql, batch mode, data migrations and
failures. refresh_goldens.py then records what real Alembic does. Rerun both after changing
a project here."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from make_graph_scenarios import write  # noqa: E402


def rev(rev_id, down, message, upgrade, downgrade="pass"):
    """A revision file in Alembic's older generic layout, with the given bodies."""
    indent = lambda body: "\n".join("    " + line if line else "" for line in body.strip("\n").splitlines())
    return f'''"""{message}

Revision ID: {rev_id}
Revises: {down or ''}
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = {rev_id!r}
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade():
{indent(upgrade)}


def downgrade():
{indent(downgrade)}
'''


def ddl():
    files = {
        "d1_tables.py": rev("d00000000001", None, "create tables", """
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
""", """
op.drop_index('ix_books_isbn_partial', table_name='books')
op.drop_index('ix_books_author', table_name='books')
op.drop_table('books')
op.drop_table('authors')
"""),
        "d2_columns.py": rev("d00000000002", "d00000000001", "add, rename and drop columns", """
op.add_column('books', sa.Column('pages', sa.Integer(), nullable=True))
op.add_column('books', sa.Column('published', sa.Boolean(), nullable=False, server_default=sa.false()))
op.add_column('books', sa.Column('slug', sa.String(50), server_default=sa.text("'x'"), index=True))
op.alter_column('books', 'isbn', new_column_name='isbn13', existing_type=sa.String(13))
op.rename_table('authors', 'writers')
op.drop_column('books', 'pages')
""", """
op.rename_table('writers', 'authors')
op.alter_column('books', 'isbn13', new_column_name='isbn')
op.drop_index('ix_books_slug', table_name='books')
op.drop_column('books', 'slug')
op.drop_column('books', 'published')
"""),
    }
    write("op_ddl", files, [
        "upgrade head --sql", "downgrade head:base --sql", "upgrade d00000000001", "upgrade head", "current",
        "downgrade -1", "downgrade base", "upgrade head", "downgrade base",
    ], "create_table with types and constraints, indexes, add/rename/drop column, rename_table: online and --sql")


def data():
    files = {
        "e1_seed.py": rev("e00000000001", None, "seed", """
accounts = op.create_table(
    'accounts',
    sa.Column('id', sa.Integer(), primary_key=True),
    sa.Column('name', sa.String(50), nullable=False),
    sa.Column('balance', sa.Integer(), server_default='0'),
)
op.bulk_insert(accounts, [
    {'id': 1, 'name': 'alice', 'balance': 10},
    {'id': 2, 'name': "o'brien", 'balance': 20},
    {'id': 3, 'name': 'carol', 'balance': None},
])
log = sa.table('audit', sa.column('id', sa.Integer), sa.column('note', sa.String))
op.create_table('audit', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('note', sa.String(200)))
op.bulk_insert(log, [{'note': 'seeded', 'id': 1}])
op.execute("UPDATE accounts SET balance = 0 WHERE balance IS NULL")
op.execute(sa.text("UPDATE accounts SET name = :n WHERE id = :i").bindparams(n='bob', i=2))
""", """
op.drop_table('audit')
op.drop_table('accounts')
"""),
        "e2_bind.py": rev("e00000000002", "e00000000001", "data migration through get_bind", """
conn = op.get_bind()
total = conn.execute(sa.text("SELECT sum(balance) FROM accounts")).scalar()
rows = conn.execute(sa.text("SELECT id, name, balance FROM accounts ORDER BY id")).fetchall()
for row in rows:
    conn.execute(sa.text("INSERT INTO audit (note) VALUES (:note)"), {"note": f"{row.name}={row[2]} of {total}"})
first = conn.execute(sa.text("SELECT id, name FROM accounts WHERE id = :i"), {"i": 1}).fetchone()
op.execute(sa.text("INSERT INTO audit (note) VALUES (:n)").bindparams(n=first._mapping['name'].upper()))
for ident, name in conn.execute(sa.text("SELECT id, name FROM accounts WHERE id > 1")):
    conn.execute(sa.text("UPDATE accounts SET name = :n WHERE id = :i"), [{"n": name + '!', "i": ident}])
""", """
op.execute("DELETE FROM audit WHERE id > 1")
op.execute("UPDATE accounts SET name = rtrim(name, '!')")
"""),
    }
    write("op_data", files, [
        "upgrade e00000000001 --sql", "upgrade head --sql", "upgrade head", "current", "downgrade -1",
        "downgrade base", "upgrade head",
    ], "bulk_insert (create_table's result, sa.table), execute of str and text() with binds, get_bind() data migration online; offline get_bind() returns None")


def batch():
    files = {
        "b1_posts.py": rev("ba0000000001", None, "posts", """
op.create_table(
    'users',
    sa.Column('id', sa.Integer(), primary_key=True),
)
op.create_table(
    'posts',
    sa.Column('id', sa.Integer(), primary_key=True),
    sa.Column('title', sa.String(200), nullable=False),
    sa.Column('views', sa.String(20)),
    sa.Column('author_id', sa.Integer()),
    sa.Column('is_featured', sa.Boolean(), nullable=False, server_default='false'),
)
op.create_index('ix_posts_title', 'posts', ['title'])
op.execute("INSERT INTO users (id) VALUES (1)")
op.execute("INSERT INTO posts (id, title, views, author_id) VALUES (1, 'a', '12', 1), (2, 'b', NULL, NULL)")
""", """
op.drop_table('posts')
op.drop_table('users')
"""),
        "b2_native.py": rev("ba0000000002", "ba0000000001", "batch with native ops only", """
with op.batch_alter_table('posts') as batch_op:
    batch_op.add_column(sa.Column('summary', sa.Text()))
    batch_op.create_index('ix_posts_summary', ['summary'])
""", """
with op.batch_alter_table('posts') as batch_op:
    batch_op.drop_index('ix_posts_summary')
    batch_op.drop_column('summary')
"""),
        "b3_recreate.py": rev("ba0000000003", "ba0000000002", "batch move and copy", """
with op.batch_alter_table('posts', recreate='auto') as batch_op:
    batch_op.alter_column('is_featured', server_default=None)
    batch_op.alter_column('views', type_=sa.Integer(), existing_type=sa.String(20))
    batch_op.alter_column('title', new_column_name='headline', nullable=True, existing_type=sa.String(200))
    batch_op.alter_column('summary', server_default='')
    batch_op.add_column(sa.Column('created', sa.DateTime(), server_default=sa.text("'2024-01-01 00:00:00'")))
    batch_op.create_unique_constraint('uq_posts_headline', ['headline'])
    batch_op.create_foreign_key('fk_posts_author', 'users', ['author_id'], ['id'], ondelete='SET NULL')
    batch_op.create_check_constraint('ck_posts_views', 'views >= 0')
""", """
with op.batch_alter_table('posts') as batch_op:
    batch_op.drop_constraint('ck_posts_views', type_='check')
    batch_op.drop_constraint('fk_posts_author', type_='foreignkey')
    batch_op.drop_constraint('uq_posts_headline', type_='unique')
    batch_op.drop_column('created')
    batch_op.alter_column('summary', server_default=None)
    batch_op.alter_column('headline', new_column_name='title', nullable=False)
    batch_op.alter_column('views', type_=sa.String(20))
    batch_op.alter_column('is_featured', server_default='false')
"""),
        "b4_always.py": rev("ba0000000004", "ba0000000003", "recreate always, then drop", """
with op.batch_alter_table('posts', recreate='always') as batch_op:
    batch_op.drop_index('ix_posts_summary')
    batch_op.drop_column('summary')
""", """
with op.batch_alter_table('posts') as batch_op:
    batch_op.add_column(sa.Column('summary', sa.Text(), nullable=False, server_default=''))
    batch_op.create_index('ix_posts_summary', ['summary'])
"""),

    }
    write("op_batch", files, [
        "upgrade ba0000000002 --sql", "upgrade ba0000000002:head --sql", "upgrade ba0000000002", "upgrade +1",
        "!sql INSERT INTO posts (id, headline, views) VALUES (3, 'c', 5)", "upgrade head", "current",
        "downgrade -1", "downgrade -1", "downgrade base", "upgrade head", "downgrade base",
    ], "batch_alter_table on SQLite: native ADD COLUMN/indexes, move-and-copy for alter/drop/constraints, --sql refused for move-and-copy")


def refused():
    files = {
        "r1_table.py": rev("ee0000000001", None, "table", """
op.create_table('items', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('name', sa.String(20)))
""", "op.drop_table('items')"),
        "r2_alter.py": rev("ee0000000002", "ee0000000001", "plain alter_column", """
op.alter_column('items', 'name', nullable=False, existing_type=sa.String(20))
"""),
        "r3_constraint.py": rev("ee0000000003", "ee0000000001", "constraint outside batch", """
op.create_unique_constraint('uq_items_name', 'items', ['name'])
"""),
        "r4_drop.py": rev("ee0000000004", "ee0000000001", "drop constraint outside batch", """
op.drop_constraint('uq_items_name', 'items', type_='unique')
"""),
        "r5_default.py": rev("ee0000000005", "ee0000000001", "server default outside batch", """
op.alter_column('items', 'name', server_default='x')
"""),
        "r6_fk.py": rev("ee0000000006", "ee0000000001", "fk column outside batch", """
op.add_column('items', sa.Column('parent_id', sa.Integer(), sa.ForeignKey('items.id')))
"""),
        "r7_bad_sql.py": rev("ee0000000007", "ee0000000001", "bad statement first", """
op.execute("UPDATE nowhere SET x = 1")
"""),
    }
    write("op_refused", files, [
        "upgrade ee0000000001", "upgrade ee0000000002", "current", "upgrade ee0000000003", "upgrade ee0000000004",
        "upgrade ee0000000005", "upgrade ee0000000007", "current",
        "upgrade ee0000000001:ee0000000002 --sql", "upgrade ee0000000001:ee0000000005 --sql",
        "upgrade ee0000000001:ee0000000003 --sql",
    ], "what SQLite refuses outside batch: ALTER COLUMN (near \"ALTER\"), constraint ALTERs (NotImplementedError), a bad first statement")


def fail_halfway():
    files = {
        "f1_ok.py": rev("ff0000000001", None, "ok", """
op.create_table('t1', sa.Column('id', sa.Integer(), primary_key=True))
op.execute("INSERT INTO t1 (id) VALUES (1)")
""", "op.drop_table('t1')"),
        "f2_bad.py": rev("ff0000000002", "ff0000000001", "fails halfway", """
op.create_table('t2', sa.Column('id', sa.Integer(), primary_key=True))
op.add_column('t1', sa.Column('note', sa.String(20)))
op.execute("INSERT INTO t2 (id) VALUES (1)")
op.execute("UPDATE t1 SET note = 'x'")
op.execute("INSERT INTO missing_table (id) VALUES (1)")
""", "op.drop_table('t2')"),
    }
    write("op_fail_halfway", files, [
        "#! diverges: schema data -- Alembic (pysqlite) keeps DDL run before the migration's first DML (t2, t1.note); we roll the whole migration back",
        "upgrade head", "current",
    ], "a migration failing after good statements: rolled back as a whole here (Alembic keeps its leading DDL)")


def fail_batch_index():
    files = {
        "i1.py": rev("1d0000000001", None, "posts", """
op.create_table('posts', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('title', sa.String(20)))
op.create_index('ix_posts_title', 'posts', ['title'])
""", "op.drop_table('posts')"),
        "i2.py": rev("1d0000000002", "1d0000000001", "dropping an indexed column in batch", """
with op.batch_alter_table('posts') as batch_op:
    batch_op.drop_column('title')
"""),
    }
    write("op_fail_batch_index", files, [
        "upgrade 1d0000000001",
        "#! diverges: schema data -- Alembic (pysqlite) keeps the committed CREATE TABLE _alembic_tmp_posts when the recreated index fails; we roll the whole migration back",
        "upgrade head", "current",
    ], "batch drop_column of an indexed column: Alembic recreates the index on the missing column and fails")


def offline_refused():
    files = {
        "o1.py": rev("0c0000000001", None, "posts", """
op.create_table('posts', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('flag', sa.Boolean(), server_default='false'))
""", "op.drop_table('posts')"),
        "o2.py": rev("0c0000000002", "0c0000000001", "batch", """
op.execute("UPDATE posts SET flag = 'true'")
with op.batch_alter_table('posts') as batch_op:
    batch_op.alter_column('flag', server_default=None)
""", """
with op.batch_alter_table('posts') as batch_op:
    batch_op.alter_column('flag', server_default='false')
"""),
    }
    write("op_batch_offline", files, [
        "upgrade head --sql", "upgrade 0c0000000001:head --sql", "downgrade 0c0000000002:0c0000000001 --sql",
        "upgrade head", "downgrade base",
    ], "batch move-and-copy needs reflection: --sql prints what came before, then fails")


if __name__ == "__main__":
    ddl()
    data()
    batch()
    refused()
    fail_halfway()
    fail_batch_index()
    offline_refused()
