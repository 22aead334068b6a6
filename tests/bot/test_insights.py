"""Insights counted from the real tracker and escalation stores, checked against counts by hand."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import pathlib
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet, UserUtteranceReverted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.escalations.store import escalations
from bot.insights import compute, tracker_store_url, week_of
from bot.ops.cli import main

NOW = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.timezone.utc)


def _user(intent: str, at: dt.datetime, channel: str) -> UserUttered:
    # The text is never read by the insights; a placeholder shows that.
    return UserUttered("(text)", {"name": intent, "confidence": 0.9}, input_channel="rest",
                       metadata={"channel": channel}, timestamp=at.timestamp())


def _guess(at: dt.datetime) -> BotUttered:
    """ "Did you mean ...?", as actions/fallback.py sends it."""
    return BotUttered("Did you mean: money during a course?", metadata={"offer": "/allowance"},
                      timestamp=at.timestamp())


def _rewind(at: dt.datetime) -> UserUtteranceReverted:
    return UserUtteranceReverted(timestamp=at.timestamp())


def _slot(name: str, value: str, at: dt.datetime) -> SlotSet:
    return SlotSet(name, value, timestamp=at.timestamp())


def seed_conversations(url: str, now: dt.datetime = NOW) -> None:
    """Three conversations two days before `now`; the third is older than 30 days."""
    db = url[len("sqlite:///"):]
    pathlib.Path(db).parent.mkdir(parents=True, exist_ok=True)
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=db)
    day = now - dt.timedelta(days=2)
    old = now - dt.timedelta(days=40)
    minute = dt.timedelta(minutes=1)
    conversations = {
        "web-a": [_user("greet", day, "web"), _slot("language", "ar", day + minute),
                  _user("allowance", day + 2 * minute, "web"), _slot("course", "cleaning", day + 3 * minute),
                  _user("nlu_fallback", day + 4 * minute, "web"), _guess(day + 5 * minute),
                  _user("out_of_scope", day + 6 * minute, "web")],  # the No button
        "telegram-b": [_user("greet", day, "telegram"), _slot("language", "en", day + minute),
                       _user("list_courses", day + 2 * minute, "telegram"),
                       _slot("language", "nb", day + 3 * minute),
                       _user("nlu_fallback", day + 4 * minute, "telegram"), _guess(day + 5 * minute),
                       # A typed yes, as Rasa stores it: taken back and put in twice, the
                       # second time as the intent offered (actions/fallback.py).
                       _user("affirm", day + 6 * minute, "telegram"), _rewind(day + 6 * minute),
                       _user("affirm", day + 6 * minute, "telegram"), _rewind(day + 6 * minute),
                       _user("allowance", day + 6 * minute, "telegram"),
                       BotUttered("*Money*", timestamp=(day + 7 * minute).timestamp())],
        "old-c": [_user("greet", old, "rest"), _slot("language", "so", old + minute)],
    }
    async def save_all() -> None:
        for sender, events in conversations.items():
            await store.save(DialogueStateTracker.from_events(sender, events))

    # In a thread of its own: a caller may already run an event loop (Playwright does).
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, save_all()).result()


@pytest.fixture
def seeded(services):
    seed_conversations(tracker_store_url(services.settings))
    store = services.escalations
    answered = store.record("web-a", "ar", "سؤال", channel="web", course="cleaning")
    store.answer(answered.reference, "Svar", "anna")
    store.record("telegram-b", "nb", "Spørsmål", channel="telegram")
    with store.engine.begin() as conn:  # recorded two days ago, answered two hours later
        recorded = NOW - dt.timedelta(days=2)
        conn.execute(escalations.update().values(created_at=recorded))
        conn.execute(escalations.update().where(escalations.c.reference == answered.reference)
                     .values(answered_at=recorded + dt.timedelta(hours=2)))
    return services


def test_figures_equal_the_counts_by_hand(seeded):
    found = compute(seeded.settings, seeded.database.engine, 30, now=NOW).as_dict()
    total = found["total"]
    assert (total["conversations"], total["messages"]) == (2, 8)
    assert total["fallback_rate"] == 0.25  # 2 of 8
    assert total["refused_guess_rate"] == 0.5  # two "did you mean", one answered no
    assert total["language_switches"] == 1 and total["questions"] == 2
    assert total["median_hours_to_answer"] == 2.0
    by_language = found["by_language"]
    assert set(by_language) == {"ar", "en", "nb"}  # the Somali conversation is too old
    assert by_language["ar"]["messages"] == 4 and by_language["ar"]["fallback_rate"] == 0.25
    assert by_language["ar"]["questions"] == 1 and by_language["ar"]["conversations"] == 1
    # A message counts in the language the bot answered it in: greet in English, the rest
    # after the switch in Norwegian.
    assert by_language["en"]["messages"] == 1 and by_language["nb"]["messages"] == 3
    assert by_language["nb"]["language_switches"] == 1
    assert found["by_channel"]["web"]["messages"] == 4 and found["by_channel"]["telegram"]["questions"] == 1
    assert found["by_course"]["cleaning"]["questions"] == 1
    week = week_of(NOW - dt.timedelta(days=2))
    assert found["by_week"][week]["messages"] == 8
    assert dict(map(tuple, total["top_intents"]))["nlu_fallback"] == 2


def test_a_longer_period_includes_the_old_conversation(seeded):
    found = compute(seeded.settings, seeded.database.engine, 90, now=NOW).as_dict()
    assert found["by_language"]["so"]["conversations"] == 1
    assert found["total"]["conversations"] == 3


def test_the_cli_contract_for_tools(seeded, monkeypatch):
    # The command counts up to now; the seeded events are recent enough either way.
    result = CliRunner().invoke(main, ["insights", "--since", "30", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for code in ("ar", "nb"):
        assert {"conversations", "messages", "fallback_rate", "questions"} <= set(data["by_language"][code])
    csv_out = CliRunner().invoke(main, ["insights", "--csv"]).output.splitlines()
    assert csv_out[0].startswith("dimension,key,conversations,messages,fallback_rate")
    assert any(line.startswith("language,ar,1,4,0.25") for line in csv_out)


def test_without_stored_conversations_only_questions_are_counted(services):
    services.settings = services.settings.__class__(**{**services.settings.__dict__,
                                                        "tracker_store_url": "memory"})
    services.escalations.record("s", "nb", "Spørsmål")
    found = compute(services.settings, services.database.engine, 30)
    assert not found.conversations_available and found.total.as_dict()["questions"] == 1
    assert sa.inspect(services.database.engine).has_table("escalations")

