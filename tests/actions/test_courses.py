"""Course actions answer from the catalogue, in the participant's language."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

from actions.courses import ActionJobProspects, ActionListCourses
from actions.pages import ActionAllowance
from tests.actions import trackers
from tests.actions.trackers import run


def tracker(text: str, slots: Optional[Dict[str, Any]] = None, intent: str = "list_courses",
            entities: Optional[List[Dict[str, Any]]] = None) -> Tracker:
    """An English-speaking participant's tracker unless `slots` say otherwise."""
    return trackers.tracker(text, slots or {"language": "en"}, intent, entities=entities)


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
    assert "in Norway, 2025: 3,000 (source: NAV Bedriftsundersøkelsen 2025" in text
    # The figures count certified health workers, which the course does not produce.
    assert "no figure counts the jobs this course leads to" in text
    assert "shortage of these workers" not in text


def test_unknown_demand_says_so(services):
    _, messages = run(ActionJobProspects(), tracker("jobs after IT support?", intent="job_prospects",
                                                    entities=[{"entity": "course", "value": "it-support"}]))
    assert "no reliable figure" in messages[0]["text"]


def test_money_is_formatted_in_arabic_and_undated_rates_are_flagged(services):
    _, messages = run(ActionAllowance(), tracker("money", {"language": "ar"}, intent="allowance"))
    text = messages[0]["text"]
    assert "285" in text and "NOK" in text
    assert text.startswith("\u200f")


def test_the_pronoun_it_is_not_the_it_course(services):
    it = [{"entity": "course", "value": "it-support", "start": 43, "end": 45}]
    text = "what are my chances of getting a job after it?"
    assert text[43:45] == "it"
    # As Rasa sends it: the slot mapping has already copied the entity into the slot.
    events = [{"event": "slot", "name": "course", "value": "care-assistant"},
              {"event": "user", "text": text},
              {"event": "slot", "name": "course", "value": "it-support"}]
    t = trackers.tracker(text, {"language": "en", "course": "it-support"}, "job_prospects",
                         entities=it, events=events)
    _, messages = run(ActionJobProspects(), t)
    assert "no figure counts the jobs this course leads to" in messages[0]["text"]  # care, not IT
    upper = [{"entity": "course", "value": "it-support", "start": 15, "end": 17}]
    _, messages = run(ActionJobProspects(), tracker("jobs after the IT course?", {"language": "en", "course": "care-assistant"},
                                                    intent="job_prospects", entities=upper))
    assert "no reliable figure" in messages[0]["text"]


def test_out_of_scope_naming_a_course_shows_the_course(services):
    from actions.fallback import ActionOutOfScope

    _, messages = run(ActionOutOfScope(), tracker("cleaning course blah", intent="out_of_scope"))
    assert "What you learn:" in messages[0]["text"]
    _, messages = run(ActionOutOfScope(), tracker("what is the weather tomorrow", intent="out_of_scope"))
    assert [m["response"] for m in messages] == ["utter_out_of_scope"]
