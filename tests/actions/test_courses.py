"""Course actions answer from the catalogue, in the participant's language."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker

from actions.aspects import Aspect
from actions.base import Reply
from actions.course_wording import EXAMPLE_STARTS
from actions.courses import ActionCourseDetails, ActionJobProspects, ActionListCourses, aspect_lines
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


def test_the_first_list_of_all_courses_says_what_an_amo_course_is(services):
    about = services.catalogue.current().pages["about"]
    events, messages = run(ActionListCourses(), tracker("what is an AMO course?"))
    assert len(messages) == 2
    first, listed = messages[0]["text"], messages[1]["text"]
    assert Reply(services, "en").c(about.title) in first
    assert Reply(services, "en").c(about.sections[-2].text) in first  # the research on what courses lead to
    assert "Source: " in first and not messages[0]["buttons"]
    assert "These are the courses I know about." in listed and messages[1]["buttons"]
    assert {"event": "slot", "name": "about_shown", "value": True, "timestamp": None} in events
    # Once per conversation; a list of one county or sector is not the place for it.
    for state in (tracker("which courses are there", {"language": "en", "about_shown": True}),
                  tracker("courses in Bergen?"), tracker("any cleaning courses?")):
        events, messages = run(ActionListCourses(), state)
        assert len(messages) == 1 and Reply(services, "en").c(about.title) not in messages[0]["text"]
        assert not any(e.get("name") == "about_shown" for e in events)


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


# --- one part of the course ("how long is it?") ----------------------------------------------

MORE = "More about this course"
EXAMPLE_LENGTH = ("Example length: no source confirms it. Ask your caseworker or the course provider "
                  "how long your course lasts.")
UNKNOWN_LENGTH = ("How long the whole course lasts is not known. Ask your caseworker or the course "
                  "provider, or read the course plan.")


def follow_up(text: str, course: str = "cleaning", language: str = "en") -> List[Dict[str, Any]]:
    """The messages answering `text` when `course` is the course in focus."""
    state = trackers.tracker(text, {"language": language, "course": course}, "course_details")
    return run(ActionCourseDetails(), state)[1]


def buttons(messages: List[Dict[str, Any]]) -> List[tuple]:
    return [(b["title"], b["payload"]) for m in messages for b in m.get("buttons") or []]


def test_how_long_gets_the_length_and_a_button_to_the_whole_course(services):
    messages = follow_up("how long is it?")
    lines = messages[0]["text"].splitlines()
    assert lines[:2] == ["*Cleaning*", "Length: 15 to 16 weeks."]
    assert "Every week you are at the work placement 3 days and have theory on the other days." in lines
    assert any(line.startswith("Where these numbers come from: Inderøy kommune") for line in lines)
    text = "\n".join(lines)
    assert "What you learn:" not in text and "Next starts:" not in text and "Provider" not in text
    assert buttons(messages)[0] == (MORE, '/course_details{"course":"cleaning"}')
    assert ("Who can join?", '/course_requirements{"course":"cleaning"}') in buttons(messages)


def test_the_button_gives_the_whole_course_page(services):
    (title, payload), *_ = buttons(follow_up("how long is it?"))
    entities = [{"entity": "course", "value": "cleaning"}]
    state = trackers.tracker(payload, {"language": "en", "course": "cleaning"}, "course_details", entities=entities)
    messages = run(ActionCourseDetails(), state)[1]
    text = messages[0]["text"]
    assert "What you learn:" in text and "Length: 15 to 16 weeks." in text and "Next starts:" in text
    assert MORE not in [title for title, _payload in buttons(messages)]


def test_an_unknown_length_is_said_as_unknown_and_an_example_as_an_example(services):
    assert UNKNOWN_LENGTH in follow_up("how many weeks?", "accounting-assistant")[0]["text"]
    women = follow_up("how long does it take?", "womens-basic")[0]["text"].splitlines()
    assert women[1] == EXAMPLE_LENGTH and "Length: 16 weeks." in women  # the label before the number


def test_where_gets_the_places_each_example_said_as_one(services):
    lines = follow_up("where is it held?")[0]["text"].splitlines()
    assert lines == ["*Cleaning*", "It runs in:", "• Steinkjer (Trøndelag) (example)",
                     "• Stavanger (Rogaland) (example)", EXAMPLE_STARTS,
                     "Provider: not known. Ask your caseworker, or read the course plan if you have one."]


def test_when_gets_the_next_starts(services):
    text = follow_up("when does it start?")[0]["text"]
    care = services.catalogue.current().courses["cleaning"]
    assert care.next_starts(dt.date.today()), "the catalogue has no start to show"
    assert text.startswith("*Cleaning*\nNext starts:\n• ") and "(example)" in text and EXAMPLE_STARTS in text
    assert "Length:" not in text and "It runs in:" not in text


@pytest.mark.parametrize("text", ["when does it start in Stavanger?", "where is it in Stavanger?"])
def test_a_county_named_with_the_start_or_place_gets_that_county(services, text):
    lines = follow_up(text)[0]["text"].splitlines()
    assert lines[:2] == ["*Cleaning*", "Next starts:"] and "Stavanger (Rogaland) (example)" in lines[2]
    assert not any("Steinkjer" in line for line in lines)
    bergen = follow_up("when does it start in Bergen?")[0]["text"]
    assert "The catalogue has no start of this course in Vestland." in bergen and "It runs in:" in bergen


def test_no_planned_start_is_said_so(services):
    catalogue = services.catalogue.current()
    course = catalogue.courses["cleaning"]
    past = replace(course, places=tuple(replace(p, starts=("2020-01-06",)) for p in course.places))
    lines = aspect_lines(Reply(services, "en"), catalogue, past, Aspect.START, dt.date(2026, 12, 1))
    assert lines == ["No start date is planned yet. Ask your caseworker."]


@pytest.mark.parametrize("text", ["tell me about it", "how long is it and when does it start?",
                                  "when does it start and what do I learn?", "how much money do I get on it?"])
def test_no_part_or_several_parts_get_the_whole_page(services, text):
    messages = follow_up(text)
    assert "What you learn:" in messages[0]["text"], text
    assert MORE not in [title for title, _payload in buttons(messages)]


def test_a_course_named_with_the_question_gets_that_part(services):
    state = trackers.tracker("how long is the care assistant course?", {"language": "en"}, "course_details",
                             entities=[{"entity": "course", "value": "care-assistant"}])
    events, messages = run(ActionCourseDetails(), state)
    assert messages[0]["text"].startswith("*Nursing and care*\nLength: 42 weeks.")
    assert {"event": "slot", "name": "course", "value": "care-assistant", "timestamp": None} in events


@pytest.mark.parametrize("language,text", [("pl", "ile to trwa?"), ("nb", "hvor lenge varer det?"),
                                           ("ar", "كم مدتها؟"), ("ti", "ክንደይ ግዜ ይወስድ?")])
def test_the_part_and_the_button_are_in_the_participants_language(services, language, text):
    t = services.translator.gettext
    messages = follow_up(text, language=language)
    length = t(language, "Length: %(low)s to %(high)s weeks.", low=15, high=16)
    assert length != "Length: 15 to 16 weeks." and length in messages[0]["text"]
    assert t(language, "What you learn:") not in messages[0]["text"]
    assert buttons(messages)[0] == (t(language, MORE), '/course_details{"course":"cleaning"}')
    assert t(language, MORE) != MORE
