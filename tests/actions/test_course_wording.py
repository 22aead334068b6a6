"""Course replies say examples as examples, unknowns as unknown, and demand as the figures allow."""

from __future__ import annotations

import asyncio
from typing import List

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.base import Reply
from actions.course_wording import EXAMPLE_STARTS
from actions.courses import ActionCourseDetails, ActionJobProspects, ActionListCourses
from actions.pages import ActionAllowance, render_page
from bot.language.supported import SUPPORTED

EXAMPLE_LENGTH = ("Example length: no source confirms it. Ask your caseworker or the course provider "
                  "how long your course lasts.")
UNKNOWN_LENGTH = ("How long the whole course lasts is not known. Ask your caseworker or the course "
                  "provider, or read the course plan.")


def say(action, language: str = "en", course: str | None = None, text: str = "x",
        intent: str = "course_details") -> str:
    entities = [{"entity": "course", "value": course}] if course else []
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities}
    tracker = Tracker("s1", {"language": language}, latest, [], False, None, None, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker, {}))
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


@pytest.mark.parametrize("language", SUPPORTED)
def test_example_dates_and_lengths_are_labelled_in_every_language(services, language):
    t = services.translator.gettext
    example, note = t(language, "(example)"), t(language, EXAMPLE_STARTS)
    assert language == "en" or note != EXAMPLE_STARTS, "untranslated"
    catalogue = services.catalogue.current()
    for course in catalogue.courses.values():
        text = say(ActionCourseDetails(), language, course.id)
        date_lines = [line for line in text.splitlines() if line.lstrip("\u200f").startswith("• ")
                      and "2027" in line]
        for line in date_lines:
            assert line.endswith(example), (course.id, line)
        assert note in text, course.id
    women = say(ActionCourseDetails(), language, "womens-basic")
    lines = [line.lstrip("\u200f") for line in women.splitlines()]
    assert t(language, EXAMPLE_LENGTH) in lines
    # The example label comes before any number of the example length.
    length = t(language, "Length: %(weeks)s weeks.", weeks=16)
    assert lines.index(t(language, EXAMPLE_LENGTH)) < lines.index(length)
    listing = say(ActionListCourses(), language, text="courses in Oslo", intent="list_courses")
    assert note in listing
    assert all(line.lstrip("\u200f").startswith("• ") for line in listing.splitlines()[1:-1])


def test_a_confirmed_place_is_shown_without_the_example_label(services, tmp_path):
    catalogue = services.catalogue.current()
    course = catalogue.courses["cleaning"]
    assert all(not p.confirmed for p in course.places)
    text = say(ActionCourseDetails(), "en", "cleaning")
    assert "(example)" in text
    from dataclasses import replace

    confirmed = replace(course, places=tuple(replace(p, source={"title": "NAV", "url": "https://nav.no"})
                                             for p in course.places))
    from actions.course_wording import start_lines

    lines = start_lines(Reply(services, "en"), catalogue, confirmed.next_starts(__import__("datetime").date(2026, 12, 1)))
    assert lines[0] == "Next starts:" and not any("(example)" in line for line in lines)
    assert EXAMPLE_STARTS not in lines


def test_never_not_known_next_to_a_known_length(services):
    catalogue = services.catalogue.current()
    for course in catalogue.courses.values():
        text = say(ActionCourseDetails(), "en", course.id)
        known = course.schedule.total_weeks or course.schedule.hours_total
        assert (UNKNOWN_LENGTH in text) == (not known), course.id
        assert text.count("Length:") == (1 if known else 0), course.id


def test_care_placement_is_two_days_a_week_alongside_theory(services):
    text = say(ActionCourseDetails(), "en", "care-assistant")
    assert "Length: 42 weeks." in text
    assert ("The first 11 weeks are theory only. After that you are at the work placement 2 days a "
            "week and have theory on the other days.") in text
    assert "31 weeks" not in text
    assert "Where these numbers come from: Folkeuniversitetet" in text


def test_cleaning_length_is_said_once_from_the_structured_range(services):
    text = say(ActionCourseDetails(), "en", "cleaning")
    assert "Length: 15 to 16 weeks." in text
    assert "Every week you are at the work placement 3 days and have theory on the other days." in text
    assert UNKNOWN_LENGTH not in text and "how long it lasts is not known" not in text


def test_shortage_only_where_the_figure_counts_the_course_occupation(services):
    catalogue = services.catalogue.current()
    said_shortage: List[str] = []
    for course in catalogue.courses.values():
        text = say(ActionJobProspects(), "en", course.id, intent="job_prospects")
        if "shortage of these workers" in text:
            said_shortage.append(course.id)
            year = max(f.year or 0 for f in course.figures if f.counts_course_occupation)
            assert f"employers in Norway reported a shortage of these workers in {year}" in text
        for figure in course.figures:
            assert f"in Norway, {figure.year}:" in text
            if not figure.counts_course_occupation:
                assert services.translator.lookup("content", "en", figure.caveat).text in text
    assert said_shortage == ["retail"]
    cafe = say(ActionJobProspects(), "en", "cafe-canteen", intent="job_prospects")
    assert "The figure is for cooks" in cafe and "Demand: high" not in cafe


def test_every_source_of_a_page_is_shown(services):
    catalogue = services.catalogue.current()
    for page in catalogue.pages.values():
        reply = Reply(services, "en")
        render_page(reply, page)
        text = "\n".join(reply.lines)
        for section in page.sections:
            for source in section.sources:
                shown = source.get("url") or source["title"]  # a source may have no known address
                assert shown in text, (page.id, shown)


def test_the_rate_label_is_only_under_rates(services):
    catalogue = services.catalogue.current()
    reply = Reply(services, "en")
    render_page(reply, catalogue.pages["contact"])
    text = "\n".join(reply.lines)
    assert "year of this rate" not in text and "year of this figure is not confirmed" in text
    money = say(ActionAllowance(), "en", intent="allowance")
    assert "year of this rate is not confirmed" in money


def test_a_county_without_courses_is_said_plainly(services):
    text = say(ActionListCourses(), "en", text="courses in Finnmark", intent="list_courses")
    assert "The catalogue has no course in Finnmark." in text
    assert "2027" not in text and "Oslo" not in text
