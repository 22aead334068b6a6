"""Follow-ups refer back to what was just talked about: "how long is it?" to the course,
"what about Bergen?" to that course's places (or, after a list, to that county's courses)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker

from actions.context import asks_for_courses, course_in_focus
from actions.courses import ActionCourseDetails, ActionJobProspects, ActionListCourses
from actions.fallback import ActionAskAffirmation
from tests.actions import trackers
from tests.actions.trackers import run

Json = Dict[str, Any]


def slot(name: str, value: Optional[str]) -> Json:
    return {"event": "slot", "name": name, "value": value}


def action(name: str) -> Json:
    return {"event": "action", "name": name}


def user(text: str) -> Json:
    return {"event": "user", "text": text}


def after(history: List[Json], text: str, intent: str, language: str = "en",
          entities: Optional[List[Json]] = None) -> Tracker:
    """The tracker after `history`, then `text`: events as Rasa sends them, the latest user
    message last, the slots as they are then."""
    slots: Json = {"language": language}
    for event in history:
        if event["event"] == "slot":
            slots[event["name"]] = event["value"]
    events = [*history, user(text)]
    return trackers.tracker(text, slots, intent, entities=entities, events=events)


TALKED_ABOUT_CARE = [user("tell me about the care assistant course"), slot("course", "care-assistant"),
                     action("action_course_details")]
TALKED_ABOUT_CLEANING = [user("tell me about the cleaning course"), slot("course", "cleaning"),
                         action("action_course_details")]
LISTED_OSLO = [user("courses in Oslo?"), slot("county", "oslo"), action("action_list_courses")]


def text_of(messages: List[Json]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def payloads(messages: List[Json]) -> List[str]:
    return [b["payload"] for m in messages for b in m.get("buttons") or []]


def test_the_course_in_focus_is_the_last_one_talked_about():
    assert course_in_focus(after(TALKED_ABOUT_CARE, "how long is it?", "course_details")) == "care-assistant"
    later = [*TALKED_ABOUT_CARE, user("and the money?"), action("action_allowance")]
    assert course_in_focus(after(later, "how long is it?", "course_details")) == "care-assistant"
    # A list of several courses came after it: no one course to refer to.
    assert course_in_focus(after([*TALKED_ABOUT_CARE, *LISTED_OSLO], "how long is it?", "course_details")) is None
    # A list that showed one course keeps that one in focus (its slot event follows the action).
    one = [*LISTED_OSLO, slot("course", "it-support")]
    assert course_in_focus(after(one, "how long is it?", "course_details")) == "it-support"
    # The slot this message's entity filled does not count: the action judges the entity itself.
    named = [*TALKED_ABOUT_CARE, user("job after it?"), slot("course", "it-support")]
    state = trackers.tracker("job after it?", {"language": "en", "course": "it-support"}, "job_prospects",
                             events=named)
    assert course_in_focus(state) == "care-assistant"


@pytest.mark.parametrize("text,asks", [
    ("what about Bergen?", False), ("a w Bergen?", False), ("ኣብ በርገን ድማ?", False),
    ("courses in Bergen?", True), ("kurs i Bergen?", True), ("а які курси в Бергені?", True),
    ("ኣብ በርገን ኮርሳት ኣለዉ?", True), ("koorsooyinka Bergen?", True), ("دورات في بيرغن؟", True),
    ('/list_courses{"county":"vestland"}', True),
])
def test_a_word_for_courses_asks_for_the_list(text, asks):
    assert asks_for_courses(text) is asks


def test_how_long_is_it_answers_for_the_course_talked_about(services):
    _, messages = run(ActionCourseDetails(), after(TALKED_ABOUT_CLEANING, "how long is it?", "course_details"))
    text = text_of(messages)
    assert text.startswith("*Cleaning*\nLength: 15 to 16 weeks."), text  # the length, not the whole page
    assert "What you learn:" not in text and "Which course do you mean?" not in text


def test_after_a_list_of_courses_it_asks_which_course(services):
    history = [*TALKED_ABOUT_CLEANING, *LISTED_OSLO]
    events, messages = run(ActionCourseDetails(), after(history, "how long is it?", "course_details"))
    assert messages[0]["text"] == "Which course do you mean?"
    assert events == []
    # Oslo's courses first, then every other course.
    catalogue = services.catalogue.current()
    oslo = [c.id for c in catalogue.filter(county="oslo")]
    assert oslo and len(oslo) < len(catalogue.courses), "the catalogue must have courses in and outside Oslo"
    shown = [p.split('"course":"')[1].rstrip('"}') for p in payloads(messages)]
    assert shown[:len(oslo)] == oslo and sorted(shown) == sorted(catalogue.courses)


def test_without_a_county_it_offers_every_course_in_catalogue_order(services):
    _, messages = run(ActionCourseDetails(), after([], "how long is it?", "course_details"))
    shown = [p.split('"course":"')[1].rstrip('"}') for p in payloads(messages)]
    assert shown == list(services.catalogue.current().courses)


def test_what_about_a_city_after_a_course_gives_its_starts_there(services):
    state = after(TALKED_ABOUT_CARE, "what about Bergen?", "list_courses",
                  entities=[{"entity": "county", "value": "Bergen"}])
    events, messages = run(ActionListCourses(), state)
    text = text_of(messages)
    care = services.catalogue.current().courses["care-assistant"]
    assert care.next_starts(dt.date.today(), "vestland"), "the catalogue has no start there to show"
    assert text.startswith("*Nursing and care*"), text
    assert "Next starts:" in text and "Bergen (Vestland)" in text
    assert "Oslo (Oslo)" not in text and "Trondheim" not in text  # its other places are not this county
    assert "Courses in Vestland:" not in text
    assert '/list_courses{"county":"vestland"}' in payloads(messages)
    assert "All courses in Vestland" in [b["title"] for b in messages[0]["buttons"]]
    assert slot("county", "vestland") | {"timestamp": None} in events
    assert slot("course", "care-assistant") | {"timestamp": None} in events  # still in focus


def test_what_about_a_county_where_the_course_does_not_run_says_so_and_where_it_runs(services):
    events, messages = run(ActionListCourses(), after(TALKED_ABOUT_CLEANING, "what about Bergen?", "list_courses"))
    lines = text_of(messages).splitlines()
    assert lines[:3] == ["*Cleaning*", "The catalogue has no start of this course in Vestland.", "It runs in:"]
    assert "• Steinkjer (Trøndelag) (example)" in lines and "• Stavanger (Rogaland) (example)" in lines
    assert not any("Café" in line for line in lines)  # not the list of Vestland's courses


def test_a_county_follow_up_in_polish_is_in_polish(services):
    _, messages = run(ActionListCourses(), after(TALKED_ABOUT_CLEANING, "a w Bergen?", "list_courses", "pl"))
    t = services.translator.gettext
    text = text_of(messages)
    assert t("pl", "The catalogue has no start of this course in %(county)s.", county="Vestland") in text
    assert t("pl", "It runs in:") != "It runs in:" and t("pl", "It runs in:") in text


@pytest.mark.parametrize("text", ["which courses are there in Bergen?", '/list_courses{"county":"vestland"}'])
def test_asking_for_the_courses_in_a_county_lists_them_even_after_a_course(services, text):
    entities = [{"entity": "county", "value": "vestland"}] if text.startswith("/") else None
    _, messages = run(ActionListCourses(), after(TALKED_ABOUT_CLEANING, text, "list_courses", entities=entities))
    assert text_of(messages).startswith("Courses in Vestland:")


def test_what_about_a_city_after_a_list_lists_that_countys_courses(services):
    events, messages = run(ActionListCourses(), after([*TALKED_ABOUT_CARE, *LISTED_OSLO], "what about Bergen?",
                                                      "list_courses"))
    assert text_of(messages).startswith("Courses in Vestland:")
    assert not any(e.get("name") == "course" for e in events)  # several courses: none in focus


def test_a_list_of_one_course_puts_it_in_focus(services):
    events, messages = run(ActionListCourses(), after([], "any IT support courses?", "list_courses"))
    assert [p for p in payloads(messages) if p.startswith("/course_details")] == ['/course_details{"course":"it-support"}']
    assert slot("course", "it-support") | {"timestamp": None} in events


def test_a_new_course_named_in_the_follow_up_wins_over_the_one_in_focus(services):
    state = after(TALKED_ABOUT_CARE, "and the cleaning course?", "job_prospects",
                  entities=[{"entity": "course", "value": "cleaning"}])
    _, messages = run(ActionJobProspects(), state)
    assert text_of(messages).startswith("*Cleaning*")


def test_did_you_mean_keeps_the_county_of_the_message(services):
    ranking = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "list_courses", "confidence": 0.39},
               {"name": "out_of_scope", "confidence": 0.12}]
    state = trackers.tracker("а Ставангер?", {"language": "uk"}, "nlu_fallback", confidence=0.4,
                             ranking=ranking, entities=[{"entity": "county", "value": "ставангер"}])
    _, messages = run(ActionAskAffirmation(), state)
    assert payloads(messages) == ['/list_courses{"county":"ставангер"}', "/out_of_scope"]
