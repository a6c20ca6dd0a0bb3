"""core DML through op.execute

Revision ID: c00000000002
Revises: c00000000001
Create Date: 2024-05-01 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy import and_, or_, not_, table, column, select, update, delete, insert


revision = 'c00000000002'
down_revision = 'c00000000001'
branch_labels = None
depends_on = None

users = table(
    'users',
    column('id', sa.Integer),
    column('name', sa.String),
    column('active', sa.Boolean),
    column('score', sa.Integer),
)
posts = sa.table('posts', sa.column('id', sa.Integer), sa.column('user_id', sa.Integer), sa.column('title', sa.String()))


def upgrade():
    op.execute(users.update().where(users.c.id == 1).values(name='anna', score=users.c.score + 1))
    op.execute(update(users).where(users.c.name.in_(['bob', 'cy'])).values({'active': False}))
    op.execute(users.update().where(and_(users.c.score > 15, users.c.score <= 40, users.c.active.is_(None))).values(score=0))
    op.execute(users.update().where(or_(users.c.score == None, users.c.name.like('o%'))).values(active=True))
    op.execute(users.update().where(users.c.score != None).where(not_(users.c.active)).values(score=users.c.score * 2))
    op.execute(users.update().where(~users.c.name.in_(['anna', 'bob'])).values(name=users.c.name + '!'))
    op.execute(users.update().where(users.c.active.isnot(None) & (users.c.id >= 3) | (users.c.id == 2)).values(score=99))
    op.execute(users.update().where(users.c.name.ilike('ANNA')).values(active=sa.false()))
    op.execute(users.update().where(users.c.id.between(2, 3)).values(name=sa.func.upper(users.c.name)))
    op.execute(users.update().where(users.c.id.not_in([1, 2, 3])).values(active=sa.null()))
    op.execute(users.update().where(users.c.name.contains("h")).values(score=sa.case((users.c.score > 50, 50), else_=users.c.score)))
    op.execute(posts.insert().values(id=1, user_id=1, title="it's"))
    op.execute(insert(posts).values([{'id': 2, 'user_id': 2, 'title': 'b'}, {'id': 3, 'user_id': 4, 'title': None}]))
    op.execute(posts.update().where(posts.c.user_id.in_(select(users.c.id).where(users.c.active == True))).values(title='active'))
    op.execute(posts.delete().where(posts.c.id == 3))
    op.execute(delete(posts).where(posts.c.title.is_not(None), posts.c.id > 1))
    op.execute(users.update().where(users.c.id.in_([])).values(score=-1))
    op.execute(users.update().where(users.c.score == select(sa.func.max(users.c.score)).scalar_subquery()).values(name='top'))
    op.execute(users.update().values(score=sa.cast(users.c.score, sa.Integer)).where(users.c.id == 3))
    # SELECTs run for their text (offline) only.
    op.execute(select(users.c.name, posts.c.title).outerjoin(posts, posts.c.user_id == users.c.id).where(users.c.id > 0).order_by(users.c.id.desc()).limit(3))
    op.execute(select(users.c.name, sa.func.count()).join(posts, posts.c.user_id == users.c.id).group_by(users.c.name).having(sa.func.count() > 1))
    op.execute(select(users).where(users.c.active).distinct().offset(1))
    # An untyped column's value has no literal form: --sql fails here, as SQLAlchemy does.
    op.execute(sa.table('posts', sa.column('id'), sa.column('title')).insert().values(id=9, title='untyped'))


def downgrade():
    op.execute(posts.delete())
    op.execute(users.update().values(name='x').where(users.c.id == sa.bindparam('uid', 1)))
