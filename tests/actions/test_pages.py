"""The new pages answer appeals, costs, illness, changing course and what comes after, in every language."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.escalation import ActionAskEscalationOffice
from actions.pages import (
    ActionAfterCourse,
    ActionAppeal,
    ActionChangeCourse,
    ActionCrisis,
    ActionCrisisIfLikely,
    ActionExtraCosts,
    ActionIllness,
    ActionPlacementProblem,
)
from bot.language.supported import SUPPORTED

UNTRANSLATED = "(Some of this text is not yet translated into your language and is shown in English or Norwegian.)"


def say(action, language: str = "en", slots: dict | None = None) -> dict:
    latest = {"text": "x", "intent": {"name": "x", "confidence": 0.9}, "entities": []}
    tracker = Tracker("s1", {"language": language, **(slots or {})}, latest, [], False, None, None,
                      "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker, {}))
    assert len(dispatcher.messages) == 1
    return dispatcher.messages[0]


@pytest.mark.parametrize("language", SUPPORTED)
@pytest.mark.parametrize("action", [ActionAppeal, ActionExtraCosts, ActionIllness, ActionChangeCourse,
                                    ActionAfterCourse, ActionPlacementProblem])
def test_every_new_page_is_translated_in_every_language(services, action, language):
    message = say(action(), language)
    text = services.translator.gettext(language, UNTRANSLATED)
    assert text not in message["text"], message["text"]
    assert message["buttons"]


def test_appeals_say_the_deadlines_the_exception_and_who_helps(services):
    text = say(ActionAppeal())["text"]
    assert "The deadline to appeal is 6 weeks" in text and "the deadline is 3 weeks" in text
    assert "you cannot appeal a decision that gives you a place on an AMO course" in text
    assert "§ 33" in text and "The NAV office helps you write the appeal" in text
    assert "https://www.nav.no/klagerettigheter/nn" in text


def test_costs_promise_travel_support_and_only_ask_about_childcare(services):
    text = say(ActionExtraCosts())["text"]
    assert "you can get support for travel" in text
    assert "Support for childcare is only for some groups" in text and "whether you qualify" in text
    assert "(The year of this rate is not confirmed: check with your caseworker.)" in text


def test_illness_says_tell_the_provider_and_the_meldekort_question(services):
    text = say(ActionIllness())["text"]
    assert "tell the course provider the same day" in text
    assert "it has its own question for that" in text and "every 14 days" in text
    assert "We do not know how many sick days you can have" in text
    assert "Source: NAV: Slik fyller du ut meldekortet – tiltakspenger" in text


def test_placement_problems_start_with_the_warning_signs_and_offer_another_course(services):
    message = say(ActionPlacementProblem())
    lines = message["text"].splitlines()
    assert lines[1].startswith("Warning signs at the work placement: you only do ordinary work")
    assert "You replace staff" in lines[1] and "no supervisor" in lines[1] and "unsafe" in lines[1]
    assert "/change_course" in [b["payload"] for b in message["buttons"]]


def test_the_question_form_offers_every_county(services):
    message = say(ActionAskEscalationOffice(), "en", {"county": "finnmark"})
    titles = [b["title"] for b in message["buttons"]]
    catalogue = services.catalogue.current()
    assert len(catalogue.counties) == 15
    assert titles[0] == "Finnmark" and set(catalogue.counties.values()) <= set(titles)


def crisis_turn(action, ranking: list, language: str = "en") -> list:
    latest = {"text": "x", "intent": ranking[0], "intent_ranking": ranking, "entities": []}
    tracker = Tracker("s1", {"language": language}, latest, [], False, None, None, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages


@pytest.mark.parametrize("language", SUPPORTED)
def test_the_crisis_page_is_translated_and_keeps_every_number(services, language):
    [message] = crisis_turn(ActionCrisis(), [{"name": "crisis", "confidence": 0.9}], language)
    assert services.translator.gettext(language, UNTRANSLATED) not in message["text"]
    for number in ("113", "116 123", "22 40 00 40", "116 117", "sidetmedord.no"):
        assert number in message["text"], (language, message["text"])
    assert not message.get("buttons")


def test_a_crisis_in_a_language_the_bot_does_not_speak_still_gets_the_numbers(services):
    latest = {"text": "x", "intent": {"name": "crisis", "confidence": 0.9}, "entities": [],
              "intent_ranking": [{"name": "crisis", "confidence": 0.9}], "read_first": "allowance"}
    slots = {"language": "nb", "language_unsupported": True}
    messages = []
    for action in (ActionCrisis(), ActionCrisisIfLikely(), ActionAppeal()):
        dispatcher = CollectingDispatcher()
        asyncio.run(action.run(dispatcher, Tracker("s1", slots, latest, [], False, None, None, "action_listen"), {}))
        messages.append(dispatcher.messages)
    crisis, likely, appeal = messages
    # The page alone, in Norwegian: no "did you mean" offer, and no other page.
    assert len(crisis) == 1 and "113" in crisis[0]["text"] and "116 123" in crisis[0]["text"]
    assert len(likely) == 1 and "113" in likely[0]["text"]
    assert appeal == []


def test_despair_with_a_crisis_close_behind_gets_the_crisis_page_first(services):
    close = [{"name": "frustration", "confidence": 0.7}, {"name": "crisis", "confidence": 0.25}]
    [message] = crisis_turn(ActionCrisisIfLikely(), close)
    assert "116 123" in message["text"]


@pytest.mark.parametrize("ranking", [
    [{"name": "frustration", "confidence": 0.85}, {"name": "crisis", "confidence": 0.15}],
    [{"name": "frustration", "confidence": 0.95}, {"name": "allowance", "confidence": 0.05}],
])
def test_despair_alone_gets_no_crisis_page(services, ranking):
    assert crisis_turn(ActionCrisisIfLikely(), ranking) == []


def promoted_turn(first: dict, crisis: float, language: str = "en", entities: list | None = None,
                  read_first: str | None = "") -> list:
    """A message the classifier read first as `first` and answered as a crisis (bot/rasa/crisis.py)."""
    ranking = [{"name": "crisis", "confidence": crisis}, first, {"name": "goodbye", "confidence": 0.01}]
    latest = {"text": "x", "intent": {"name": "crisis", "confidence": crisis}, "intent_ranking": ranking,
              "entities": entities or [], "read_first": first["name"] if read_first == "" else read_first}
    tracker = Tracker("s1", {"language": language}, latest, [], False, None, None, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionCrisis().run(dispatcher, tracker, {}))
    return dispatcher.messages


@pytest.mark.parametrize("language", SUPPORTED)
def test_a_crisis_read_second_gets_the_numbers_then_the_answer_it_was_read_as_offered(services, language):
    page, offer = promoted_turn({"name": "placement_problem", "confidence": 0.55}, 0.3, language)
    assert "116 123" in page["text"] and not page.get("buttons")
    meaning = services.translator.gettext(language, "a problem at your work placement")
    assert meaning in offer["text"]
    assert services.translator.gettext(language, UNTRANSLATED) not in offer["text"]
    assert offer["buttons"] == [{"title": services.translator.gettext(language, "Yes"),
                                 "payload": "/placement_problem"}]
    # A typed yes does what the button does (actions/fallback.py, ActionAffirm).
    assert offer["offer"] == "/placement_problem"


def test_the_offer_after_the_numbers_keeps_the_course_named(services):
    entities = [{"entity": "course", "value": "cleaning"}]
    _, offer = promoted_turn({"name": "course_details", "confidence": 0.6}, 0.25, entities=entities)
    assert offer["buttons"][0]["payload"] == '/course_details{"course":"cleaning"}'


@pytest.mark.parametrize("first, read_first", [
    # Nothing to offer for a goodbye or small talk read first: the numbers are the answer.
    ({"name": "goodbye", "confidence": 0.7}, ""),
    ({"name": "out_of_scope", "confidence": 0.6}, ""),
    ({"name": "greet", "confidence": 0.6}, ""),
    ({"name": "not_understood", "confidence": 0.6}, ""),
    # A crisis the classifier read first itself: nothing was read before it.
    ({"name": "placement_problem", "confidence": 0.2}, None),
])
def test_no_offer_after_the_numbers_when_nothing_was_read_before_the_crisis(services, first, read_first):
    [page] = promoted_turn(first, 0.3, read_first=read_first)
    assert "116 123" in page["text"]
