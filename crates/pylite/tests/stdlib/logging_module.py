# logging: records reach the handler (the harness prints "LOG <level> [<name>] <message>").
import logging
from logging import getLogger

log = logging.getLogger(__name__)
log.info("plain message")
log.info("formatted %s and %d", "text", 42)
log.warning("percent %(a)s", {"a": "mapping"})
log.debug("debug %r", [1, "x"])
log.error("error")
named = getLogger("alembic.runtime.migration")
named.info("as %s", "alembic")
named.warn("warned")
named.critical("critical")
named.log(logging.INFO, "via log %s", 1)
print(logging.INFO, logging.WARNING, logging.DEBUG, logging.ERROR, named.name, log.name)
try:
    raise ValueError("boom")
except ValueError:
    log.exception("caught %s", "it")
