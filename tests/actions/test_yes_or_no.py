"""A Polish "no", which may mean yes, after an offer: asked about, never taken for either."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.escalation import ActionDeleteMyData, ActionDropQuestion
from actions.fallback import ActionAffirm, ActionAskRephrase, ActionDeny
from actions.yes_or_no import ambiguous_no, sure_yes
from bot.learning import inbox
from tests.actions.test_inbox import OFFERED

NOT_SURE = "Nie jestem pewien, czy chodzi o „tak”, czy o „nie”."


@pytest.fixture
def db(services):
    services.escalations  # noqa: B018  (creates the schema, as every process does at start)
    return services.database


@pytest.mark.parametrize("text, language, ambiguous", [
    ("no", "pl", True), ("No.", "pl", True), ("nooo", "pl", True), (" no! ", "pl", True),
    ("nie", "pl", False), ("no nie", "pl", False), ("no tak", "pl", False), ("nope", "pl", False),
    ("no", "en", False), ("no", "nb", False)])
def test_only_a_bare_polish_no_is_ambiguous(text, language, ambiguous):
    assert ambiguous_no(text, language) is ambiguous


def _user(text, intent):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent, "confidence": 0.99}}}


def _tracker(text, intent, events, language="pl", slots=None):
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.99},
              "intent_ranking": [{"name": intent, "confidence": 0.99}], "entities": [], "metadata": {}}
    return Tracker("web-pl", {"language": language, **(slots or {})}, latest, list(events), False, None, None,
                   "action_listen")


def _run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


PLACEMENT_OFFER = [_user("szef każe mi tylko sprzątać", "placement_problem"),
                   {"event": "action", "name": "action_placement_problem"},
                   {"event": "bot", "text": "... Czy mam przekazać to doradcy?", "metadata": {}},
                   {"event": "action", "name": "action_listen"}]


def test_no_after_the_caseworker_offer_asks_yes_or_no_and_a_typed_yes_then_accepts(db):
    messages, events = _run(ActionDeny(), _tracker("no", "deny", [*PLACEMENT_OFFER, _user("no", "deny")]))
    assert messages[0]["text"] == NOT_SURE and events == []
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/contact_caseworker", "/deny"]
    asked = {"event": "bot", "text": NOT_SURE, "metadata": {"offer": "/contact_caseworker", "clarifies": True}}
    history = [*PLACEMENT_OFFER, _user("no", "deny"), {"event": "action", "name": "action_deny"}, asked,
               {"event": "action", "name": "action_listen"}, _user("tak", "affirm")]
    _, events = _run(ActionAffirm(), _tracker("tak", "affirm", history))
    assert events[-1]["event"] == "user" and events[-1]["parse_data"]["intent"]["name"] == "contact_caseworker"
    # A clear no, typed or the button, is the refusal it always was; no guess is noted.
    history[-1] = _user("nie", "deny")
    messages, _ = _run(ActionDeny(), _tracker("nie", "deny", history))
    assert messages[0]["response"] == "utter_anything_else"
    assert inbox.items(db) == []


def test_no_after_an_unrelated_page_is_a_no(db):
    page = [_user("ile trwa kurs", "course_details"), {"event": "action", "name": "action_course_details"},
            {"event": "bot", "text": "...", "metadata": {}}, {"event": "action", "name": "action_listen"}]
    messages, _ = _run(ActionDeny(), _tracker("no", "deny", [*page, _user("no", "deny")]))
    assert messages[0]["response"] == "utter_anything_else"


def test_no_to_did_you_mean_asks_again_and_a_later_no_notes_the_message_the_guess_was_about(db):
    no = _user("no", "deny")
    messages, _ = _run(ActionAskRephrase(), _tracker("no", "deny", [*OFFERED, no]))
    assert messages[0]["text"] == NOT_SURE
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/list_courses", "/out_of_scope"]
    assert inbox.items(db) == []
    asked = {"event": "bot", "text": NOT_SURE, "metadata": {"offer": "/list_courses", "clarifies": True}}
    refused = [*OFFERED, no, {"event": "action", "name": "action_default_ask_rephrase"}, asked,
               {"event": "action", "name": "action_listen"}, _user("nie", "deny")]
    messages, _ = _run(ActionDeny(), _tracker("nie", "deny", refused))
    assert messages[0]["response"] == "utter_ask_rephrase"
    [noted] = inbox.items(db)
    assert noted.reason == "refused_guess" and noted.text.startswith("kurs for meg") and noted.guess == "list_courses"


def test_no_to_continue_your_question_drops_nothing_and_asks_again(db):
    history = [{"event": "action", "name": "utter_continue_question"},
               {"event": "action", "name": "action_listen"}, _user("no", "deny")]
    tracker = _tracker("no", "deny", history, slots={"escalation_question": "Kiedy dostanę pieniądze?"})
    messages, events = _run(ActionDropQuestion(), tracker)
    assert messages[0]["text"] == NOT_SURE
    assert events == [{"event": "followup", "name": "utter_continue_question", "timestamp": None}]
    messages, events = _run(ActionDropQuestion(), _tracker("nie", "deny", history[:-1] + [_user("nie", "deny")],
                                                           slots={"escalation_question": "Kiedy dostanę pieniądze?"}))
    assert any(e.get("name") == "escalation_question" and e.get("value") is None for e in events)


def _parsed(text, intent="affirm", confidence=0.95):
    return {"text": text, "intent": {"name": intent, "confidence": confidence}}


@pytest.mark.parametrize("message, sure", [
    (_parsed("/affirm"), True), (_parsed("/deny", "deny"), False), (_parsed("/affirm", "affirm", 1.0), True),
    (_parsed("yes"), True), (_parsed("Ja, slett alt"), True), (_parsed("так, видаліть усе 👍"), True),
    (_parsed("yes", confidence=0.6), False), (_parsed("ja", "greet"), False),
    (_parsed("my email is [E-MAIL] please"), False), (_parsed("ja [ID-NUMBER]"), False),
    (_parsed("yes I think so but first tell me what happens to my question"), False), (_parsed(""), False),
    (_parsed("yes please delete it", "delete_my_data"), False)])
def test_only_the_button_or_a_short_sure_yes_is_a_sure_yes(message, sure):
    assert sure_yes(message) is sure


CONFIRM_DELETE = [_user("usuń moje dane", "delete_my_data"), {"event": "action", "name": "utter_confirm_delete"},
                  {"event": "bot", "text": "...", "metadata": {}}, {"event": "action", "name": "action_listen"}]


def test_a_message_read_as_a_yes_to_deleting_deletes_nothing_and_asks_again(db, services):
    store = services.escalations
    reference = store.record("web-pl", "pl", "Kiedy zaczyna się kurs?").reference
    text = "mój e-mail to [E-MAIL] proszę"
    messages, events = _run(ActionDeleteMyData(), _tracker(text, "affirm", [*CONFIRM_DELETE, _user(text, "affirm")]))
    assert messages[0]["text"] == NOT_SURE
    assert events == [{"event": "followup", "name": "utter_confirm_delete", "timestamp": None}]
    assert store.get(reference) is not None
    messages, events = _run(ActionDeleteMyData(), _tracker("/affirm", "affirm", [*CONFIRM_DELETE, _user("/affirm", "affirm")]))
    assert any(e.get("name") == "forget_me" and e.get("value") is True for e in events)
    assert store.get(reference) is None
