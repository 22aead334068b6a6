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
