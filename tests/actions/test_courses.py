"""Course actions answer from the catalogue, in the participant's language."""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.courses import ActionJobProspects, ActionListCourses
from actions.pages import ActionAllowance


def tracker(text, slots=None, intent="list_courses", entities=None) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or []}
    return Tracker("s1", slots or {"language": "en"}, latest, [], False, None, None, "action_listen")


def run(action, t):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, {}))
    return events, dispatcher.messages


def test_list_is_filtered_by_a_city_named_in_the_text(services):
    events, messages = run(ActionListCourses(), tracker("courses in Bergen?"))
    catalogue = services.catalogue.current()
    expected = {c.id for c in catalogue.filter(county="vestland")}
    shown = {b["payload"].split('"')[3] for b in messages[0]["buttons"] if b["payload"].startswith("/course_details")}
    assert shown == expected and expected
    assert {"event": "slot", "name": "county", "value": "vestland", "timestamp": None} in events


def test_prospects_carry_source_year_and_caveat(services):
    _, messages = run(ActionJobProspects(), tracker("job after care course", intent="job_prospects",
                                                    entities=[{"entity": "course", "value": "care-assistant"}]))
    text = messages[0]["text"]
    assert "(source: NAV Bedriftsundersøkelsen" in text and "2025)" in text
    assert "Demand: high" in text


def test_unknown_demand_says_so(services):
    _, messages = run(ActionJobProspects(), tracker("jobs after IT support?", intent="job_prospects",
                                                    entities=[{"entity": "course", "value": "it-support"}]))
    assert "no reliable figure" in messages[0]["text"]


def test_money_is_formatted_in_arabic_and_undated_rates_are_flagged(services):
    _, messages = run(ActionAllowance(), tracker("money", {"language": "ar"}, intent="allowance"))
    text = messages[0]["text"]
    assert "285" in text and "NOK" in text
    assert text.startswith("\u200f")
