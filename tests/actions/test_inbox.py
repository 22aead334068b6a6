"""Unsure messages are noted in the NLU inbox by the actions that see them."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionAskRephrase, ActionDeny
from actions.language import ActionDetectLanguage
from bot.learning import inbox


@pytest.fixture
def db(services):
    services.escalations  # noqa: B018  (creates the schema, as every process does at start)
    return services.database


def _tracker(text, intent, confidence, events=(), ranking=None):
    latest = {"text": text, "intent": {"name": intent, "confidence": confidence},
              "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
              "entities": [], "metadata": {"channel": "web"}}
    return Tracker("web-1", {}, latest, list(events), False, None, None, "action_listen")


def _run(action, tracker):
    asyncio.run(action.run(CollectingDispatcher(), tracker, {}))


def test_low_confidence_and_fallback_are_noted_confident_ones_are_not(db):
    _run(ActionDetectLanguage(), _tracker("Gunnada waxbarashada maalin walba intee la bixiyaa?", "out_of_scope", 0.42))
    _run(ActionDetectLanguage(), _tracker("Lacagta gaadiidka yaa iga daboola markaan fasalka aado", "allowance", 0.99))
    _run(ActionDetectLanguage(), _tracker("Xaqa maaliyadeed ee ka qaybgalaha", "nlu_fallback", 0.4,
                                          ranking=[{"name": "nlu_fallback", "confidence": 0.4},
                                                   {"name": "out_of_scope", "confidence": 0.32}]))
    _run(ActionDetectLanguage(), _tracker("/allowance", "allowance", 1.0))
    items = sorted(inbox.items(db), key=lambda i: i.id)
    assert [(i.reason, i.guess, i.channel) for i in items] == [
        ("low_confidence", "out_of_scope", "web"), ("fallback", "out_of_scope", "web")]
    assert items[0].language == "so"


ORIGINAL = {"event": "user", "text": "kurs for meg 12345678901?",
            "parse_data": {"intent": {"name": "nlu_fallback", "confidence": 0.3},
                           "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.3},
                                              {"name": "list_courses", "confidence": 0.25}]}}
# As Rasa stores them: the affirmation runs inside the two-stage fallback, so no action
# of its own is logged; the bot message carries the offer (actions/fallback.py).
OFFERED = [ORIGINAL, {"event": "action", "name": "action_two_stage_fallback"},
           {"event": "bot", "text": "Did you mean: which courses there are?",
            "metadata": {"offer": "/list_courses"}},
           {"event": "action", "name": "action_listen"}]


def _refused(db):
    return [i for i in inbox.items(db) if i.reason == "refused_guess"]


def test_the_no_button_to_did_you_mean_notes_the_message_it_was_about(db):
    state = _tracker("/out_of_scope", "out_of_scope", 1.0,
                     [*OFFERED, {"event": "user", "text": "/out_of_scope"}])
    _run(ActionAskRephrase(), state)
    refused = _refused(db)
    assert len(refused) == 1 and refused[0].guess == "list_courses"
    assert refused[0].text.startswith("kurs for meg")


def test_a_typed_no_to_did_you_mean_notes_the_message_and_asks_to_rephrase(db):
    no = {"event": "user", "text": "nei", "parse_data": {"intent": {"name": "deny"}}}
    state = _tracker("nei", "deny", 0.99, [*OFFERED, no, {"event": "rewind"}, no])
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionDeny().run(dispatcher, state, {}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_rephrase"]
    assert len(_refused(db)) == 1


def test_a_no_to_anything_else_notes_nothing(db):
    """A rephrase asked for after a message without a guess, and a no after an answer."""
    without_guess = [ORIGINAL, {"event": "bot", "text": "Sorry, say it in other words?"},
                     {"event": "user", "text": "/out_of_scope"}]
    _run(ActionAskRephrase(), _tracker("/out_of_scope", "out_of_scope", 1.0, without_guess))
    after_answer = [*OFFERED, {"event": "user", "text": "/list_courses"}, {"event": "bot", "text": "Courses"},
                    {"event": "user", "text": "nei"}]
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionDeny().run(dispatcher, _tracker("nei", "deny", 0.99, after_answer), {}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_anything_else"]
    assert not _refused(db)
