"""Housekeeping, run by the action server in a background thread: spooled questions are
stored once the database is back; questions and conversations past retention are deleted."""

from __future__ import annotations

import logging
import time
from typing import Callable, Optional

from bot.config import Settings
from bot.db import Database
from bot.escalations.store import EscalationStore
from bot.retention import purge_idle_trackers, tracker_database_url

logger = logging.getLogger(__name__)

PURGE_EVERY_ROUNDS = 360  # about hourly at one round in 10 s; also in the first round


def purge_expired(store: EscalationStore, settings: Settings, trackers: Optional[Database]) -> None:
    """Deletes questions and idle conversations past their retention times."""
    purged = store.purge_expired(settings.escalation_retention_days)
    if purged:
        logger.info("Deleted %d questions past retention (%d days)", purged, settings.escalation_retention_days)
    if trackers is not None:
        deleted = purge_idle_trackers(trackers.engine, settings.tracker_retention_days)
        if deleted:
            logger.info("Deleted %d events of conversations idle for over %d days",
                        deleted, settings.tracker_retention_days)


def housekeeping(store_of: Callable[[], EscalationStore], settings: Settings, every: float = 10.0) -> None:
    """Runs for the life of the process; errors are logged and the next round tries again.

    `store_of` gives the store on each round: building it may fail while the database is down.
    """
    rounds = 0
    schema_ready = False
    url = tracker_database_url(settings)
    trackers = Database(url) if url else None
    while True:
        try:
            store = store_of()
            if not schema_ready:  # the database may have been down when the server started
                store.create_schema()
                schema_ready = True
            store.flush_spool()
            if rounds % PURGE_EVERY_ROUNDS == 0:
                purge_expired(store, settings, trackers)
        except Exception:
            logger.warning("Escalation housekeeping failed; retrying in %.0f s", every, exc_info=True)
        rounds += 1
        time.sleep(every)
