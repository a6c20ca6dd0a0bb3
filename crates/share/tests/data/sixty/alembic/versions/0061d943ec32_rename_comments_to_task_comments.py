"""rename comments to task_comments

Revision ID: 0061d943ec32
Revises: d8deb304717f
Create Date: 2026-11-27 16:34:14.808034

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0061d943ec32'
down_revision: Union[str, Sequence[str], None] = 'd8deb304717f'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.rename_table('comments', 'task_comments')
    with op.batch_alter_table('task_comments', schema=None) as batch_op:
        batch_op.drop_index('ix_comments_task_id')
        batch_op.create_index(batch_op.f('ix_task_comments_task_id'), ['task_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('task_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_comments_task_id'))
        batch_op.create_index('ix_comments_task_id', ['task_id'], unique=False)
    op.rename_table('task_comments', 'comments')
