"""Tracker stores that mask what they write and can forget a conversation on request.

Every participant text is masked at the door (bot/rasa/rest.py) before Rasa sees it.
The SQL store masks once more what it writes (user texts, parse data, text slots), so
a text that reached the tracker another way (Rasa's HTTP API) is not stored raw either.

`action_delete_my_data` sets the slot `forget_me`. When the Rasa server saves that
tracker at the end of the turn, these stores delete every stored event of the
conversation instead of saving it, so the next message starts a fresh one. The
deletion runs inside the Rasa server, which owns the tracker store; the action
server only asks for it. Idle conversations are deleted by bot/retention.py.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, Iterator

import sqlalchemy as sa
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.masking import mask, mask_answer

logger = logging.getLogger(__name__)

FORGET_SLOT = "forget_me"


def forget_requested(tracker: DialogueStateTracker) -> bool:
    return bool(tracker.get_slot(FORGET_SLOT))


def _masked_entities(entities: Any) -> Any:
    if not isinstance(entities, list):
        return entities
    return [{**e, **{k: mask(e[k]).text for k in ("value", "text") if isinstance(e.get(k), str)}}
            if isinstance(e, dict) else e for e in entities]


def masked_event_data(data: Dict[str, Any]) -> Dict[str, Any]:
    """An event as stored: user texts, their parse data and text slot values masked."""
    kind = data.get("event")
    if kind == "user":
        data = {**data, "text": mask(data["text"]).text if isinstance(data.get("text"), str) else data.get("text")}
        parse = data.get("parse_data")
        if isinstance(parse, dict):
            parse = {**parse, "entities": _masked_entities(parse.get("entities"))}
            if isinstance(parse.get("text"), str):
                parse["text"] = mask(parse["text"]).text
            data["parse_data"] = parse
    elif kind == "slot" and isinstance(data.get("value"), str):
        data = {**data, "value": mask(data["value"]).text}
    elif kind == "bot" and isinstance(data.get("text"), str):
        # The bot's own texts give NAV's phone numbers and dates: only identifiers go.
        data = {**data, "text": mask_answer(data["text"]).text}
    return data


class _MaskedEvent:
    """What SQLTrackerStore.save reads of an event (type name and dict), masked."""

    def __init__(self, event: Event):
        self.type_name = event.type_name
        self._event = event

    def as_dict(self) -> Dict[str, Any]:
        return masked_event_data(self._event.as_dict())


def _secure_delete(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


class ForgetfulSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store (SQLite, PostgreSQL), masking what it writes, plus deletion on request."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # A deleted conversation is overwritten in the file, not left in free pages.
            sa.event.listen(self.engine, "connect", _secure_delete)
            self.engine.dispose()

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

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        return (_MaskedEvent(event) for event in super()._additional_events(session, tracker))


class ForgetfulInMemoryTrackerStore(InMemoryTrackerStore):
    """Rasa's in-memory tracker store plus deletion on request (tests, benchmarks)."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        if not forget_requested(tracker):
            await super().save(tracker)
            return
        self.store.pop(tracker.sender_id, None)
        logger.info("Deleted the in-memory conversation of a participant on request")
