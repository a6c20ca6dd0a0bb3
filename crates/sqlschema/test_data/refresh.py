"""Regenerate cases.json: run each case's Python against real SQLAlchemy 2.1.9 /
Alembic 1.20.1 (offline context, literal binds) and record the statements.

    /opt/alembic-venv/bin/python crates/sqlschema/test_data/refresh.py
"""
import datetime, decimal, io, json, os
import sqlalchemy as sa
from sqlalchemy import *  # noqa: F401,F403  (case code uses SQLAlchemy's names)
from sqlalchemy.schema import CreateTable, CreateIndex
from alembic.ddl.impl import DefaultImpl
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext, HeadMaintainer

captured = []


def _exec(self, construct, *a, **k):
    # Same compile call as DefaultImpl._exec in as_sql mode, minus the
    # tab->4 spaces and ';' decoration, so goldens hold SQLAlchemy's own text.
    if isinstance(construct, str):
        construct = text(construct)
    kw = {}
    if self.literal_binds and not isinstance(construct, sa.schema.DDLElement):
        kw = dict(compile_kwargs={"literal_binds": True})
    captured.append(str(construct.compile(dialect=self.dialect, **kw)).strip())


DefaultImpl._exec = _exec


def emit(construct):
    captured.append(str(construct.compile(dialect=sa.dialects.sqlite.dialect())).strip())


CASES = [
    # --- types, one per column of a created table
    ("type_integer", "op.create_table('t', Column('c', Integer()))"),
    ("type_biginteger", "op.create_table('t', Column('c', BigInteger()))"),
    ("type_smallinteger", "op.create_table('t', Column('c', SmallInteger()))"),
    ("type_string", "op.create_table('t', Column('a', String()), Column('b', String(200)))"),
    ("type_text_unicode", "op.create_table('t', Column('a', Text()), Column('b', Unicode(20)), Column('c', UnicodeText()))"),
    ("type_boolean", "op.create_table('t', Column('b', Boolean()))"),
    ("type_boolean_constraint", "op.create_table('t', Column('b', Boolean(create_constraint=True)), Column('c', Boolean(create_constraint=True, name='ck_c')))"),
    ("type_datetime", "op.create_table('t', Column('a', DateTime()), Column('b', DateTime(timezone=True)), Column('c', TIMESTAMP()), Column('d', TIMESTAMP(timezone=True)))"),
    ("type_date_time", "op.create_table('t', Column('a', Date()), Column('b', Time()))"),
    ("type_float_double", "op.create_table('t', Column('a', Float()), Column('b', Float(precision=10)), Column('c', Double()))"),
    ("type_numeric", "op.create_table('t', Column('a', Numeric()), Column('b', Numeric(10)), Column('c', Numeric(10, 2)))"),
    ("type_binary_json_uuid", "op.create_table('t', Column('a', LargeBinary()), Column('b', JSON()), Column('c', Uuid()))"),
    ("type_enum", "op.create_table('t', Column('a', Enum('a', 'bbbbb', name='e')), Column('b', Enum('x', 'y', create_constraint=True)), Column('c', Enum('p', 'q', create_constraint=True, name='ck_enum')))"),
    ("type_custom", "op.create_table('t', Column('a', sa.dialects.sqlite.JSON()), Column('b', VARCHAR(30)), Column('c', NUMERIC()), Column('d', REAL()))"),
    # --- nullability and primary keys
    ("create_table_posts", "op.create_table('posts', Column('id', Integer, primary_key=True), Column('title', String(200), nullable=False), Column('body', Text(), nullable=True), Column('deleted_at', DateTime(), nullable=True))"),
    ("pk_composite", "op.create_table('t', Column('a', Integer, primary_key=True), Column('b', String(3), primary_key=True), Column('c', Integer, primary_key=True, nullable=True))"),
    ("pk_named_constraint", "op.create_table('t', Column('id', Integer), Column('x', Integer, nullable=False), PrimaryKeyConstraint('id', name='pk_t'))"),
    ("pk_sqlite_autoincrement", "op.create_table('t', Column('id', Integer, primary_key=True), Column('x', Integer), sqlite_autoincrement=True)"),
    ("without_rowid_strict", "op.create_table('t', Column('id', Integer, primary_key=True), sqlite_with_rowid=False, sqlite_strict=True)"),
    ("no_primary_key", "op.create_table('t', Column('a', Integer), Column('b', Integer, nullable=False))"),
    # --- server defaults
    ("default_string", "op.create_table('t', Column('a', Boolean, nullable=False, server_default='false'), Column('b', String, server_default=\"it's\"))"),
    ("default_text", "op.create_table('t', Column('a', Integer, server_default=text('0')), Column('b', Integer, server_default=text('now()')), Column('c', Integer, server_default=text('-1')), Column('d', String, server_default=text(\"'x'\")))"),
    ("default_func", "op.create_table('t', Column('a', DateTime, server_default=func.now()), Column('b', DateTime, server_default=func.current_timestamp()), Column('c', Date, server_default=func.current_date()), Column('d', String, server_default=func.datetime('now', 'localtime')))"),
    ("default_true_false_literal", "op.create_table('t', Column('a', Boolean, server_default=true()), Column('b', Boolean, server_default=false()), Column('c', Integer, server_default=literal_column('7')), Column('d', Float, server_default=literal_column('1.5')))"),
    # --- constraints
    ("unique_column_and_named", "op.create_table('t', Column('id', Integer, primary_key=True), Column('u', String(10), unique=True), Column('v', Integer), Column('w', Integer), UniqueConstraint('v', 'w', name='uq_vw'), UniqueConstraint('w'))"),
    ("fk_column", "op.create_table('sessions', Column('id', Integer, primary_key=True), Column('account_id', Integer, ForeignKey('accounts.id', ondelete='CASCADE'), nullable=False), Column('token', String(64), nullable=False), UniqueConstraint('token'))"),
    ("fk_named_options", "op.create_table('t', Column('a_id', Integer, ForeignKey('a.id', name='fk_a', ondelete='SET NULL', onupdate='CASCADE')), Column('b_id', Integer, ForeignKey('Order.select')))"),
    ("fk_constraint_composite", "op.create_table('t', Column('x', Integer), Column('y', Integer), ForeignKeyConstraint(['x', 'y'], ['p.a', 'p.b'], name='fk_xy', deferrable=True, initially='DEFERRED'))"),
    ("check_constraints", "op.create_table('t', Column('x', Integer, CheckConstraint('x > 1')), Column('y', Integer), CheckConstraint('y < 5', name='ck_y'), CheckConstraint('x <> y'))"),
    ("constraint_order", "op.create_table('t', Column('f1', Integer, ForeignKey('a.id')), Column('u2', Integer, unique=True), Column('b3', Boolean(create_constraint=True)), Column('fu4', Integer, ForeignKey('a.id'), unique=True), Column('id', Integer, primary_key=True), CheckConstraint('f1 > 0', name='ck_f1'), UniqueConstraint('f1', 'u2'))"),
    # --- indexes
    ("index_column", "op.create_table('t', Column('id', Integer, primary_key=True), Column('name', String(50), nullable=False, index=True))"),
    ("index_column_unique", "op.create_table('accounts', Column('id', Integer, primary_key=True), Column('name', String(50), nullable=False, unique=True, index=True), Column('active', Boolean, nullable=False, server_default=true()))"),
    ("create_index", "op.create_index('ix_a', 'posts', ['a', 'b'], unique=True)"),
    ("create_index_quoted_expr_where", "op.create_index('Ix', 'Order', ['Name', 'select', text('lower(x)')], sqlite_where=text('x IS NOT NULL'))"),
    ("drop_index", "op.drop_index('ix_a', table_name='posts')"),
    # --- quoting
    ("quoting", "op.create_table('Order', Column('select', Integer, primary_key=True), Column('Name', String), Column('1abc', Integer), Column('with space', Integer), Column('a$b', Integer), Column('_x', Integer, index=True))"),
    # --- tables and columns
    ("drop_table", "op.drop_table('posts')"),
    ("rename_table", "op.rename_table('posts', 'Posts')"),
    ("add_column_bool_default", "op.add_column('posts', Column('is_featured', Boolean(), nullable=False, server_default='false'))"),
    ("add_column_plain", "op.add_column('accounts', Column('email', String(120)))"),
    ("add_column_expr_default_check", "op.add_column('posts', Column('c', Integer, CheckConstraint('c>0'), server_default=text('now()')))"),
    ("add_column_func_default", "op.add_column('posts', Column('d', DateTime, server_default=func.now(), nullable=False))"),
    ("add_column_inline_references", "op.add_column('posts', Column('e', Integer, ForeignKey('a.id', ondelete='CASCADE')), inline_references=True)"),
    ("add_column_inline_pk", "op.add_column('posts', Column('e', Integer, primary_key=True), inline_primary_key=True)"),
    ("add_column_index", "op.add_column('posts', Column('slug', String(20), index=True))"),
    ("drop_column", "op.drop_column('posts', 'select')"),
    ("rename_column", "op.alter_column('accounts', 'name', new_column_name='username')"),
    ("alter_nullable", "op.alter_column('posts', 'x', nullable=False)\nop.alter_column('posts', 'x', nullable=True, existing_type=Integer)"),
    ("alter_default", "op.alter_column('posts', 'x', server_default='0')\nop.alter_column('posts', 'x', server_default=None)\nop.alter_column('posts', 'x', server_default=text('(1+2)'))\nop.alter_column('posts', 'x', server_default=func.now())\nop.alter_column('posts', 'x', server_default=true())"),
    ("alter_type", "op.alter_column('posts', 'x', type_=String(50))"),
    ("alter_combined", "op.alter_column('posts', 'x', type_=Numeric(5, 1), nullable=False, server_default='a', new_column_name='y')"),
    # --- bulk_insert literals
    ("bulk_insert_basic", "t = table('accounts', column('id', Integer), column('name', String), column('email', String))\nop.bulk_insert(t, [{'email': 'a@example.com', 'name': 'alice', 'id': 1}, {'id': 2, 'name': \"o'brien\", 'email': None}])"),
    ("bulk_insert_types", "t = table('x', column('b', Boolean), column('d', Date), column('dt', DateTime), column('n', Numeric(10, 2)), column('f', Float), column('tm', Time), column('i', Integer))\nop.bulk_insert(t, [{'b': True, 'd': datetime.date(2024, 1, 1), 'dt': datetime.datetime(2024, 1, 2, 3, 4, 5), 'n': decimal.Decimal('1.50'), 'f': 1.5, 'tm': datetime.time(1, 2, 3), 'i': 1.0}, {'b': False, 'dt': datetime.datetime(2024, 1, 2, 3, 4, 5, 123), 'f': 1e20, 'i': -2}])"),
    ("bulk_insert_strings", "t = table('Order', column('select', Integer), column('s', String))\nop.bulk_insert(t, [{'select': 10**20, 's': 'x\\ny'}, {'s': ''}])"),
    # --- version table
    ("version_table", "HeadMaintainer(ctx, [])._insert_version('abc')\nh = HeadMaintainer(ctx, ['abc'])\nh._update_version('abc', 'def')\nh._delete_version('def')\ncaptured.insert(0, str(CreateTable(ctx._version).compile(dialect=ctx.dialect)).strip())"),
    # --- batch
    ("batch_drop_column", "posts = Table('posts', MetaData(), Column('id', Integer, primary_key=True), Column('title', String(200), nullable=False), Column('body', Text), Column('is_featured', Boolean, nullable=False, server_default='false'), Column('a_id', Integer, ForeignKey('a.id')), UniqueConstraint('title', name='uq_t'), Index('ix_posts_title', 'title'))\nwith op.batch_alter_table('posts', copy_from=posts) as b:\n    b.drop_column('body')\n    b.alter_column('is_featured', server_default=None)\n    b.add_column(Column('n', Integer, server_default='0'))"),
    ("batch_rename_retype", "posts = Table('posts', MetaData(), Column('id', Integer, primary_key=True), Column('title', String(200), nullable=False), Column('body', Text), Column('n', Integer))\nwith op.batch_alter_table('posts', copy_from=posts) as b:\n    b.alter_column('body', new_column_name='content', type_=String(10), nullable=False)\n    b.alter_column('n', type_=String(5))\n    b.alter_column('title', server_default='x')"),
]


def run(code):
    captured.clear()
    buf = io.StringIO()
    ctx = MigrationContext.configure(
        dialect_name="sqlite", opts={"as_sql": True, "output_buffer": buf, "literal_binds": True}
    )
    op = Operations(ctx)
    exec(code, dict(globals(), op=op, ctx=ctx, m=MetaData()))
    return list(captured)


# Declared column types as SQLite's Inspector.get_columns reports them (repr and str).
INSPECT_TYPES = ["INTEGER", "INT", "BIGINT", "SMALLINT", "TINYINT", "VARCHAR(50)", "varchar(255)", "NVARCHAR(10)",
                 "CHAR(3)", "NCHAR(2)", "TEXT", "CLOB", "BLOB", "BOOLEAN", "BOOL", "DATE", "DATETIME", "TIME",
                 "TIMESTAMP", "FLOAT", "FLOAT(10)", "REAL", "DOUBLE", "DOUBLE PRECISION", "NUMERIC",
                 "NUMERIC(10, 2)", "DECIMAL(5)", "DECIMAL(10,3)", "JSON", "UUID", "CHAR(32)", "", "MEDIUMTEXT",
                 "LONGTEXT", "BYTEA", "VARCHAR", "TEXT(20)", "INTEGER UNSIGNED", "foo", "INTEGER(11)", "BLOB(16)"]


def inspect_types():
    import warnings
    warnings.simplefilter("ignore")
    eng = sa.create_engine("sqlite://")
    with eng.begin() as c:
        cols = ", ".join(f'c{i} {t}' for i, t in enumerate(INSPECT_TYPES))
        c.exec_driver_sql(f"CREATE TABLE t ({cols})")
        got = sa.inspect(c).get_columns("t")
    return [{"declared": t, "repr": repr(g["type"]), "str": str(g["type"])} for t, g in zip(INSPECT_TYPES, got)]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "inspect_types.json"), "w") as f:
        json.dump(inspect_types(), f, indent=1)
        f.write("\n")
    out = [{"id": cid, "python": code, "sql": run(code)} for cid, code in CASES]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{len(out)} cases -> {path}")


if __name__ == "__main__":
    main()
