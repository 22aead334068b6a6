"""Housekeeping deletes what is past retention: questions and idle conversations."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.config import load_settings
from bot.db import Database
from bot.escalations.housekeeping import purge_expired
from bot.escalations.store import escalations
from bot.rasa.trackers import ForgetfulSQLTrackerStore
from bot.retention import tracker_database_url
from bot.services import Services


def test_housekeeping_deletes_old_questions_and_idle_conversations(tmp_path):
    settings = load_settings({"AMO_VAR_DIR": str(tmp_path / "var"), "AMO_TRACKER_RETENTION_DAYS": "30",
                              "AMO_ESCALATION_RETENTION_DAYS": "60"})
    services = Services(settings)
    settings.var_dir.mkdir()
    url = tracker_database_url(settings)
    assert url == f"sqlite:///{tmp_path / 'var' / 'trackers.db'}"
    trackers = ForgetfulSQLTrackerStore(Domain.empty(), dialect="sqlite", db=url[len("sqlite:///"):])
    now = time.time()
    for sender, age in (("idle", 31), ("active", 29)):
        tracker = DialogueStateTracker.from_events(sender, [UserUttered("hei", timestamp=now - age * 86400)])
        asyncio.run(trackers.save(tracker))
    old = services.escalations.record("idle", "nb", "gammel")
    new = services.escalations.record("active", "nb", "ny")
    with services.escalations.engine.begin() as conn:
        conn.execute(escalations.update().where(escalations.c.reference == old.reference)
                     .values(created_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=61)))

    purge_expired(services.escalations, settings, Database(url))

    with trackers.engine.connect() as conn:
        assert {r[0] for r in conn.execute(sa.text("SELECT sender_id FROM events"))} == {"active"}
    assert [r.reference for r in services.escalations.list()] == [new.reference]


def test_trackers_kept_in_memory_have_no_database_to_purge():
    assert tracker_database_url(load_settings({"AMO_TRACKER_STORE_URL": "memory"})) is None
    assert tracker_database_url(load_settings({"AMO_TRACKER_STORE_URL": "postgresql://h/amo"})) == "postgresql://h/amo"
