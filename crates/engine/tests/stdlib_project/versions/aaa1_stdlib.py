"""a revision using the standard library

Revision ID: aaa1
Revises:
Create Date: 2026-12-07 23:50:00.000000

"""
import json
import logging
import time
import uuid
from datetime import datetime, timedelta, timezone
from textwrap import dedent

from alembic import op
import sqlalchemy as sa

revision = "aaa1"
down_revision = None
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)


def upgrade():
    op.create_table(
        "event",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("payload", sa.Text()),
        sa.Column("at", sa.String(40)),
    )
    started = time.time()
    payload = json.dumps({"kind": "created", "tags": ["a", "b"], "n": 1}, sort_keys=True)
    event_id = str(uuid.uuid4())
    at = datetime.now(timezone.utc).isoformat()
    op.execute(dedent(f"""
        INSERT INTO event (id, payload, at)
        VALUES ('{event_id}', '{payload}', '{at}')
    """))
    log.info("created %s", "event")
    log.warning("seeded %d event(s) in %s", 1, __name__)
    logging.getLogger("alembic.custom").info("payload keys: %s", ", ".join(sorted(json.loads(payload))))
    logging.getLogger("alembic.custom").debug("not shown at INFO")
    if time.time() - started > timedelta(hours=1).total_seconds():
        log.error("the clock went backwards")


def downgrade():
    op.drop_table("event")
