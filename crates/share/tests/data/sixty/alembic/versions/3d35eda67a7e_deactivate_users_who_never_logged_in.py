"""deactivate users who never logged in

Revision ID: 3d35eda67a7e
Revises: ff9cde25f400
Create Date: 2026-11-27 16:34:05.433951

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '3d35eda67a7e'
down_revision: Union[str, Sequence[str], None] = 'ff9cde25f400'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    # Accounts created by the 2022 import that nobody ever used.
    op.execute(
        "UPDATE users SET is_active = 0 "
        "WHERE last_login_at IS NULL AND created_at < '2023-01-01'"
    )


def downgrade() -> None:
    """Downgrade schema."""
    # Cannot tell which users were active before; reactivate none.
    pass
