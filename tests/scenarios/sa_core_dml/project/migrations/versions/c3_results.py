"""core statements on the migration's connection, and their results

Revision ID: c00000000003
Revises: c00000000002
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import Session


revision = 'c00000000003'
down_revision = 'c00000000002'
branch_labels = None
depends_on = None

users = sa.table(
    'users',
    sa.column('id', sa.Integer),
    sa.column('name', sa.String),
    sa.column('active', sa.Boolean),
    sa.column('score', sa.Integer),
)
posts = sa.Table(
    'posts',
    sa.MetaData(),
    sa.Column('id', sa.Integer, primary_key=True),
    sa.Column('user_id', sa.Integer),
    sa.Column('title', sa.String(100)),
)


log = sa.table('log', sa.column('line', sa.String))


def say(conn, *values):
    """What each call returned, kept as rows (the transcript compares tables)."""
    conn.execute(log.insert().values(line=repr(values)))


def upgrade():
    op.create_table('log', sa.Column('n', sa.Integer, primary_key=True), sa.Column('line', sa.Text))
    conn = op.get_bind()
    say(conn, conn.dialect.name, conn.engine.dialect.name, conn.engine.name, op.get_context().dialect.name, sa.inspect(conn.engine).has_table('users'))
    rows = conn.execute(sa.select(users.c.id, users.c.name, users.c.active).order_by(users.c.id)).fetchall()
    say(conn, rows)
    for row in rows:
        say(conn, row.id, row[1], row._mapping['active'], row.active is None)
    result = conn.execute(sa.select(sa.func.count()).select_from(users))
    say(conn, result.scalar())
    say(conn, conn.execute(sa.select(sa.func.max(users.c.score), sa.func.min(users.c.id))).first())
    say(conn, conn.execute(sa.select(users.c.name).where(users.c.score > 20).order_by(users.c.name.desc())).scalars().all())
    for m in conn.execute(sa.select(users).where(users.c.id < 3)).mappings():
        say(conn, sorted(m.items()))
    say(conn, conn.execute(sa.select(users.c.id.label('uid'), users.c.name).limit(2).offset(1)).mappings().all())
    say(conn, conn.execute(sa.select(users.c.id).where(users.c.id == 99)).first())
    say(conn, conn.execute(sa.select(users.c.id).where(users.c.id == 1)).scalar_one())
    say(conn, conn.execute(sa.select(users.c.name).distinct().where(users.c.name == 'top')).fetchall())
    say(conn, conn.execute(sa.select(users.c.id).where(users.c.name == sa.bindparam('n')), {'n': 'anna'}).scalar())
    r = conn.execute(posts.insert(), [{'id': 10, 'user_id': 1, 'title': 'x'}, {'id': 11, 'user_id': 2, 'title': 'y'}])
    say(conn, r.rowcount)
    r = conn.execute(sa.insert(posts).values(id=12, user_id=3))
    say(conn, r.rowcount)
    r = conn.execute(posts.update().where(posts.c.id == sa.bindparam('pid')).values(title=sa.bindparam('t')),
                     [{'pid': 10, 't': 'ten'}, {'pid': 11, 't': 'eleven'}])
    say(conn, r.rowcount)
    r = conn.execute(posts.update().where(posts.c.id >= 10).values(user_id=4))
    say(conn, r.rowcount)
    r = conn.execute(posts.delete().where(posts.c.id == 12))
    say(conn, r.rowcount)
    say(conn, conn.execute(sa.text('SELECT id, title FROM posts WHERE id > :lo ORDER BY id').bindparams(lo=9)).fetchall())
    say(conn, conn.execute(sa.select(posts.c.title, users.c.name).where(posts.c.user_id == users.c.id).order_by(posts.c.id)).all())
    say(conn, conn.execute(sa.select(sa.case((users.c.score > 50, 'high'), else_='low'), sa.literal(7)).order_by(users.c.id)).fetchall())
    say(conn, list(conn.execute(sa.select(users.c.id, users.c.name)).keys()))
    say(conn, conn.execute(sa.select(users.c.name, posts.c.title).outerjoin(posts, posts.c.user_id == users.c.id).order_by(users.c.id, posts.c.id)).fetchall())
    say(conn, conn.execute(sa.select(users.c.name, sa.func.count()).join(posts, posts.c.user_id == users.c.id).group_by(users.c.name).having(sa.func.count() > 1)).fetchall())
    with op.get_context().autocommit_block():
        conn.execute(users.update().where(users.c.id == 1).values(score=12))
    reflected = sa.Table('posts', sa.MetaData(), autoload_with=conn)
    say(conn, conn.execute(sa.select(reflected).where(reflected.c.title.is_not(None)).order_by(reflected.c.id)).fetchall())
    sp = conn.begin_nested()
    conn.execute(posts.insert().values(id=20, user_id=1, title='rolled back'))
    sp.rollback()
    with conn.begin_nested():
        conn.execute(posts.insert().values(id=21, user_id=1, title='released'))
    try:
        with conn.begin_nested():
            conn.execute(posts.insert().values(id=22, user_id=1, title='undone by the exception'))
            raise ValueError('undo')
    except ValueError:
        pass
    sp = conn.begin_nested()
    conn.execute(posts.insert().values(id=23, user_id=1, title='committed'))
    sp.commit()
    say(conn, conn.execute(sa.select(posts.c.id).where(posts.c.id >= 20)).scalars().all())
    session = Session(bind=conn)
    say(conn, session.execute(sa.select(users.c.score).where(users.c.id == 1)).scalar())
    session.execute(sa.text("UPDATE users SET score = score + 1 WHERE id = :i"), {'i': 1})
    session.commit()
    say(conn, conn.execute(sa.text('SELECT score FROM users WHERE id = 1')).scalar())


def downgrade():
    op.drop_table('log')
    op.execute(posts.delete().where(posts.c.id >= 10))
