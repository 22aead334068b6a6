"""Housekeeping of the escalation store, run by the action server in a background thread."""

from __future__ import annotations

import logging
import time
from typing import Callable

from bot.escalations.store import EscalationStore

logger = logging.getLogger(__name__)


def housekeeping(store_of: Callable[[], EscalationStore], retention_days: int,
                 every: float = 10.0) -> None:
    """Stores spooled questions once the database is back; deletes closed ones past retention.

    `store_of` gives the store on each round: building it may fail while the database is down.
    """
    rounds = 0
    schema_ready = False
    while True:
        try:
            store = store_of()
            if not schema_ready:  # the database may have been down when the server started
                store.create_schema()
                schema_ready = True
            store.flush_spool()
            if rounds % 360 == 0:  # about hourly
                purged = store.purge_closed(retention_days)
                if purged:
                    logger.info("Deleted %d closed questions past retention", purged)
        except Exception:
            logger.warning("Escalation housekeeping failed; retrying in %.0f s", every, exc_info=True)
        rounds += 1
        time.sleep(every)
