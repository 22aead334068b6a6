"""Tracker stores that can forget a conversation when the participant asks.

`action_delete_my_data` sets the slot `forget_me`. When the Rasa server saves that
tracker at the end of the turn, these stores delete every stored event of the
conversation instead of saving it, so the next message starts a fresh one. The
deletion runs inside the Rasa server, which owns the tracker store; the action
server only asks for it.
"""

from __future__ import annotations

import logging

from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

FORGET_SLOT = "forget_me"


def forget_requested(tracker: DialogueStateTracker) -> bool:
    return bool(tracker.get_slot(FORGET_SLOT))


class ForgetfulSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store (SQLite, PostgreSQL) plus deletion on request."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        if not forget_requested(tracker):
            await super().save(tracker)
            return
        with self.session_scope() as session:
            deleted = (session.query(self.SQLEvent)
                       .filter(self.SQLEvent.sender_id == tracker.sender_id)
                       .delete(synchronize_session=False))
            session.commit()
        logger.info("Deleted the conversation history of a participant on request (%d events)", deleted)


class ForgetfulInMemoryTrackerStore(InMemoryTrackerStore):
    """Rasa's in-memory tracker store plus deletion on request (tests, benchmarks)."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        if not forget_requested(tracker):
            await super().save(tracker)
            return
        self.store.pop(tracker.sender_id, None)
        logger.info("Deleted the in-memory conversation of a participant on request")
