"""Dashboard sessions: hashed ids, idle and absolute expiry, logout."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.accounts import sessions
from bot.accounts.sessions import Lifetime
from bot.escalations.store import EscalationStore
from tests.databases import migrated_sqlite


@pytest.fixture
def store(tmp_path) -> EscalationStore:  # type: ignore[no-untyped-def]
    store = EscalationStore(migrated_sqlite(tmp_path / "amo.db"))
    store.create_schema()
    return store


def test_a_session_resumes_until_it_ends(store: EscalationStore) -> None:
    session_id, session = sessions.start(store, "anna")
    resumed = sessions.resume(store, session_id)
    assert resumed is not None and resumed.username == "anna"
    assert resumed.csrf_token == session.csrf_token
    assert sessions.resume(store, session_id + "x") is None
    sessions.end(store, session_id)
    assert sessions.resume(store, session_id) is None


def test_idle_and_absolute_limits(store: EscalationStore) -> None:
    session_id, _ = sessions.start(store, "anna")
    assert sessions.resume(store, session_id, Lifetime(idle=dt.timedelta(0))) is None
    session_id, _ = sessions.start(store, "anna")
    assert sessions.resume(store, session_id, Lifetime(absolute=dt.timedelta(0))) is None
    sessions.start(store, "per")
    assert sessions.purge_expired(store, Lifetime(idle=dt.timedelta(0))) == 1
