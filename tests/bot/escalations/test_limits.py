"""What can reach a length-limited column fits it, or is refused at the door.

The REST channel is the door every channel passes (the web chat and `amo-bot chat` post
to it; Telegram makes `telegram-<chat id>`). Whatever it lets in, PostgreSQL stores: a
property-based test sends sender ids and questions of every length and character
through the door's checks into the store on PostgreSQL.
"""

from __future__ import annotations

import uuid
from types import SimpleNamespace
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rasa.core.tracker_store import SQLTrackerStore
from sanic.response import HTTPResponse

from bot.db import Database
from bot.escalations.store import EscalationStore, escalations
from bot.language.supported import SUPPORTED
from bot.rasa.rest import (
    CHANNEL_PREFIXES,
    MAX_MESSAGE_CHARS,
    MAX_SENDER_CHARS,
    channel_of,
    clean_text,
    parse_body,
)
from bot.web.identity import new_token, sender_for
from tests.databases import postgres_database

TELEGRAM_SENDER = f"telegram-{-(2**63)}"  # the longest chat id Telegram can give


def length(column: str) -> int:
    return int(escalations.c[column].type.length)


def test_the_doors_limits_fit_the_columns() -> None:
    assert MAX_SENDER_CHARS <= length("sender_id")
    assert MAX_SENDER_CHARS <= SQLTrackerStore.SQLEvent.__table__.c.sender_id.type.length
    assert len(TELEGRAM_SENDER) <= MAX_SENDER_CHARS
    assert len(sender_for(new_token())) <= MAX_SENDER_CHARS  # the web chat's "web-" and 32 hex digits
    assert all(len(code) <= length("language") for code in SUPPORTED)
    assert all(len(channel) <= length("channel") for _prefix, channel in CHANNEL_PREFIXES)
    assert len(channel_of("rest-caller")) <= length("channel")


def door(sender: Any) -> Any:
    """What the REST channel makes of a body with this sender."""
    return parse_body(SimpleNamespace(json={"sender": sender, "message": "x"}))  # type: ignore[arg-type]


@pytest.mark.parametrize("sender", ["", "   ", "s" * (MAX_SENDER_CHARS + 1), "nul\x00", "tab\tin it",
                                    "lone \ud800 surrogate", "\u2028"])
def test_sender_ids_no_store_could_keep_get_a_clear_400(sender: Any) -> None:
    refused = door(sender)
    assert isinstance(refused, HTTPResponse) and refused.status == 400
    assert b"sender" in refused.body


@pytest.fixture(scope="module")
def postgres_store() -> Iterator[EscalationStore]:
    with postgres_database("limits") as url:
        database = Database(url)
        database.upgrade()
        # No spool: a database error must show here, not hide in a spool file.
        yield EscalationStore(database)
        database.engine.dispose()


# Any character, with controls and lone surrogates (which hypothesis leaves out by default).
CHARACTERS = st.one_of(st.characters(), st.characters(categories=["Cs", "Cc"]))
SENDERS = st.one_of(
    st.text(CHARACTERS, min_size=1, max_size=MAX_SENDER_CHARS + 8),
    st.builds(lambda _: sender_for(new_token()), st.none()),
    st.integers(min_value=-(2**63), max_value=2**63).map(lambda chat: f"telegram-{chat}"),
    st.integers(min_value=1, max_value=MAX_SENDER_CHARS).map(lambda n: "é" * n),
)
QUESTIONS = st.one_of(
    st.text(CHARACTERS, max_size=300),
    st.builds(lambda char, n: char * n, CHARACTERS, st.integers(0, MAX_MESSAGE_CHARS + 10)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(sender=SENDERS, question=QUESTIONS)
def test_whatever_the_door_lets_in_postgresql_stores(postgres_store: EscalationStore, sender: str,
                                                     question: str) -> None:
    parsed = door(sender)
    if isinstance(parsed, HTTPResponse):
        assert parsed.status == 400
        return
    text = clean_text(question) or "?"
    key = f"{parsed['sender']}:{uuid.uuid4().hex}"  # as the question form makes it
    record = postgres_store.record(parsed["sender"], "nb", text, channel=channel_of(parsed["sender"]),
                                   context=[("participant", text)], request_key=key)
    assert record.status == "open"
    again = postgres_store.record(parsed["sender"], "nb", text, request_key=key)
    assert again.reference == record.reference
    assert record.reference in [r.reference for r in postgres_store.list(sender_id=parsed["sender"])]
