"""The SQL tracker store on SQLite and on a fresh PostgreSQL database: what it writes is
masked, and idle conversations are deleted by bot/retention.py."""

from __future__ import annotations

import asyncio
import re
import time
import unicodedata
from typing import Iterator, List

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import make_url

from bench.masking_set import ID_SPELLINGS, identity_numbers
from bot.rasa.trackers import ForgetfulSQLTrackerStore, masked_event_data
from bot.retention import purge_idle_trackers
from tests.databases import postgres_database

DOMAIN = Domain.from_dict({"intents": ["greet"], "slots": {
    "escalation_question": {"type": "text", "mappings": [{"type": "from_text"}]},
    "forget_me": {"type": "bool", "mappings": [{"type": "custom"}]}}})
NUMBERS = identity_numbers(len(ID_SPELLINGS), seed=99)


@pytest.fixture(params=["sqlite", "postgresql"])
def tracker_store(request, tmp_path) -> Iterator[ForgetfulSQLTrackerStore]:
    if request.param == "sqlite":
        yield ForgetfulSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "trackers.db"))
        return
    with postgres_database("trackers") as url:
        store = ForgetfulSQLTrackerStore(DOMAIN, dialect="postgresql", host="127.0.0.1", port=5432,
                                         db=make_url(url).database, username="postgres")
        try:
            yield store
        finally:
            store.engine.dispose()


def conversation(sender: str, texts: List[str], at: float) -> DialogueStateTracker:
    events = []
    for i, text in enumerate(texts):
        events += [UserUttered(text, {"name": "greet", "confidence": 1.0}, timestamp=at + i,
                               parse_data={"text": text, "intent": {"name": "greet", "confidence": 1.0},
                                           "entities": []}),
                   SlotSet("escalation_question", text, timestamp=at + i),
                   BotUttered("Ring oss på 55 55 33 33, kurset starter 12.03.2025.", timestamp=at + i)]
    return DialogueStateTracker.from_events(sender, events, slots=DOMAIN.slots)


def raw_rows(store: ForgetfulSQLTrackerStore) -> List[str]:
    with store.engine.connect() as conn:
        return [row[0] for row in conn.execute(sa.text("SELECT data FROM events"))]


def test_no_identity_number_reaches_the_database_in_any_spelling(tracker_store):
    texts = [spell(n) for n, spell in zip(NUMBERS, ID_SPELLINGS.values(), strict=True)]
    asyncio.run(tracker_store.save(conversation("web-masking", texts, time.time())))
    stored = "\n".join(raw_rows(tracker_store))
    assert stored.count("[ID-NUMBER]") >= 3 * len(texts)  # user text, parse data, slot
    readable = "".join(str(unicodedata.decimal(c)) if unicodedata.category(c) == "Nd" else c
                       for c in stored if unicodedata.category(c) != "Cf")
    for number in NUMBERS:
        # The eleven digits with at most three separators between any two: all digits of the
        # rows run together would also join timestamps and ids into false matches.
        assert not re.search(r"[^0-9A-Za-z]{0,3}".join(number), readable), number
    # The bot's own texts keep NAV's phone number and dates.
    assert "55 55 33 33" in stored and "12.03.2025" in stored


def test_conversations_idle_past_retention_are_deleted_others_kept(tracker_store):
    now = time.time()
    asyncio.run(tracker_store.save(conversation("old", ["hei"], now - 91 * 86400)))
    asyncio.run(tracker_store.save(conversation("recent", ["hei"], now - 89 * 86400)))
    # An old conversation that went on recently is kept whole.
    resumed = conversation("resumed", ["hei"], now - 200 * 86400)
    resumed.update(UserUttered("hei igjen", timestamp=now - 86400))
    asyncio.run(tracker_store.save(resumed))
    assert purge_idle_trackers(tracker_store.engine, 90, now=now) == 3
    with tracker_store.engine.connect() as conn:
        senders = {r[0] for r in conn.execute(sa.text("SELECT DISTINCT sender_id FROM events"))}
    assert senders == {"recent", "resumed"}
    assert asyncio.run(tracker_store.retrieve("old")) is None


def test_forget_me_deletes_the_whole_conversation(tracker_store):
    tracker = conversation("web-forget", ["hei"], time.time())
    asyncio.run(tracker_store.save(tracker))
    tracker.update(SlotSet("forget_me", True))
    asyncio.run(tracker_store.save(tracker))
    assert raw_rows(tracker_store) == []


def test_entities_and_text_slots_are_masked_but_other_events_stay():
    user = {"event": "user", "text": "ring 40012345", "parse_data": {
        "text": "ring 40012345", "entities": [{"entity": "x", "value": "40012345"}]}}
    assert masked_event_data(user)["parse_data"] == {
        "text": "ring [PHONE]", "entities": [{"entity": "x", "value": "[PHONE]"}]}
    assert masked_event_data({"event": "slot", "name": "course", "value": "sveis"})["value"] == "sveis"
    action = {"event": "action", "name": "action_listen"}
    assert masked_event_data(action) == action
