"""inspect the schema

Revision ID: r00000000002
Revises: r00000000001
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.engine.reflection import Inspector


revision = 'r00000000002'
down_revision = 'r00000000001'
branch_labels = None
depends_on = None


def log(*parts):
    # print() output is not compared; the lines land in a table the golden records.
    op.get_bind().execute(sa.text("INSERT INTO reflect_log (line) VALUES (:l)"), {"l": " ".join(str(p) for p in parts)})


def upgrade():
    op.execute("CREATE TABLE reflect_log (n INTEGER PRIMARY KEY, line TEXT)")
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    log(inspector.get_table_names())
    for t in inspector.get_table_names():
        cols = inspector.get_columns(t)
        log(t, cols)
        log([(c['name'], str(c['type'])) for c in cols])
        log(inspector.get_pk_constraint(t))
        log([{k: v for k, v in ix.items() if k != 'dialect_options'} for ix in inspector.get_indexes(t)])
        log(inspector.get_foreign_keys(t))
        log(inspector.get_unique_constraints(t))
        log(inspector.get_check_constraints(t))
    log(inspector.has_table('users'), inspector.has_table('nope'))
    insp2 = Inspector.from_engine(bind.engine)
    from alembic import context
    log(context.is_offline_mode(), context.get_context().dialect.name)
    log(bind.dialect.name, [c['name'] for c in insp2.get_columns('posts')])
    try:
        inspector.get_columns('nope')
    except sa.exc.NoSuchTableError as e:
        log('no such table', e)
    if 'archived' not in [c['name'] for c in inspector.get_columns('posts')]:
        op.add_column('posts', sa.Column('archived', sa.Boolean(), nullable=True))
    try:
        op.execute("INSERT INTO users (id, name) VALUES (1, '')")
    except sa.exc.IntegrityError as e:
        log('integrity caught')
    try:
        op.execute("SELECT * FROM missing_table")
    except sa.exc.OperationalError:
        log('operational caught')
    ix = {i['name'] for i in inspector.get_indexes('users')}
    if 'ix_users_name' in ix:
        op.drop_index('ix_users_name', table_name='users')


def downgrade():
    op.execute('DROP TABLE reflect_log')
    with op.batch_alter_table('posts') as b:
        b.drop_column('archived')
    op.create_index('ix_users_name', 'users', ['name'])
