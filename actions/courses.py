"""Actions that answer from the course catalogue: list, details, requirements, prospects."""

from __future__ import annotations

import abc
import datetime as dt
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.aspects import Aspect, asked_aspect
from actions.base import Button, LocalizedAction, Reply, latest_entity
from actions.context import asks_for_courses, course_in_focus
from actions.course_wording import (
    EXAMPLE_STARTS,
    county_lines,
    demand_lines,
    list_line,
    place_lines,
    provider_line,
    schedule_lines,
    start_lines,
)
from actions.pages import render_page
from bot.content.matcher import matcher_for
from bot.content.model import Catalogue, Course
from bot.i18n.catalogs import N_

_LEVEL = {
    "none": N_("No Norwegian is required to start."),
    "unknown": N_("The Norwegian level required is not known: ask your caseworker."),
}


def resolve_course(catalogue: Catalogue, tracker: Tracker) -> Optional[Course]:
    """The course the participant means: this message's entity or words, else the course
    last talked about ("how long is it?")."""
    matcher = matcher_for(catalogue)
    for candidate in (course_entity(tracker), tracker.latest_message.get("text")):
        if candidate in catalogue.courses:
            return catalogue.courses[candidate]
        found = matcher.course(candidate)
        if found:
            return catalogue.courses[found]
    previous = course_in_focus(tracker)
    if previous in catalogue.courses:
        return catalogue.courses[previous]
    found = matcher.course(previous)
    return catalogue.courses.get(found) if found else None


def course_entity(tracker: Tracker) -> Optional[str]:
    """The course entity of the latest message, ignoring a lower-case two-letter word:
    the model may take the pronoun "it" for the sector "IT" ("a job after it?")."""
    text = tracker.latest_message.get("text") or ""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") != "course":
            continue
        start, end = entity.get("start"), entity.get("end")
        surface = text[start:end] if isinstance(start, int) and isinstance(end, int) else ""
        if len(surface) <= 2 and surface.islower():
            continue
        return str(entity.get("value"))
    return None


def courses_to_choose(catalogue: Catalogue, tracker: Tracker) -> List[Course]:
    """Every course, those of the county talked about first ("courses in Bergen?", then "how
    long does it take?" asks about one of Vestland's)."""
    county = tracker.get_slot("county")
    near = catalogue.filter(county=county) if county in catalogue.counties else []
    return near + [c for c in catalogue.courses.values() if c not in near]


def course_buttons(courses: List[Course], reply: Reply, intent: str) -> List[Dict[str, str]]:
    return [{"title": reply.c(c.name), "payload": f'/{intent}{{"course":"{c.id}"}}'} for c in courses]


class CourseAction(LocalizedAction):
    """Shared steps of the actions about one course."""

    intent = "course_details"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        catalogue = self.catalogue()
        course = resolve_course(catalogue, tracker)
        if course is None:
            reply = self.reply(tracker)
            reply.add(reply.t("Which course do you mean?"))
            reply.send(dispatcher, raw_buttons=course_buttons(courses_to_choose(catalogue, tracker), reply, self.intent))
            return []
        return self.show(dispatcher, tracker, catalogue, course)

    def show(self, dispatcher: CollectingDispatcher, tracker: Tracker, catalogue: Catalogue,
             course: Course) -> List[Dict[str, Any]]:
        """Answers the latest message about `course`, which becomes the course talked about."""
        reply = self.reply(tracker)
        buttons = self.answer(reply, course, catalogue, tracker.latest_message.get("text") or "")
        reply.send(dispatcher, buttons=buttons)
        return [SlotSet("course", course.id)] if tracker.get_slot("course") != course.id else []

    def answer(self, reply: Reply, course: Course, catalogue: Catalogue, text: str) -> List[Button]:
        """The reply about `course` to the message `text`, and the buttons after it."""
        self.describe(reply, course, catalogue)
        return self.next_steps(course)

    @abc.abstractmethod
    def describe(self, reply: Reply, course: Course, catalogue: Catalogue) -> None: ...

    def next_steps(self, course: Course) -> List[Button]:
        steps = [(N_("Who can join?"), f'/course_requirements{{"course":"{course.id}"}}'),
                 (N_("Job chances"), f'/job_prospects{{"course":"{course.id}"}}'),
                 (N_("How to apply"), "/apply_course")]
        return [s for s in steps if not s[1].startswith(f"/{self.intent}")]


class ActionCourseDetails(CourseAction):
    intent = "course_details"

    def name(self) -> str:
        return "action_course_details"

    def answer(self, reply: Reply, course: Course, catalogue: Catalogue, text: str) -> List[Button]:
        """One part of the course when the message asks about exactly one ("how long is
        it?"), with a button to the whole page; otherwise the whole page."""
        aspect = asked_aspect(text)
        if aspect is None:
            return super().answer(reply, course, catalogue, text)
        reply.add(reply.c(course.name).around("*", "*"))
        county = matcher_for(catalogue).county(text)
        if county and aspect is not Aspect.DURATION:  # "when does it start in Bergen?": there
            reply.extend(county_lines(reply, catalogue, course, county, dt.date.today()))
        else:
            reply.extend(aspect_lines(reply, catalogue, course, aspect, dt.date.today()))
        # A payload asks about no part (actions/aspects.py), so this button gives the page.
        whole = (N_("More about this course"), f'/course_details{{"course":"{course.id}"}}')
        return [whole, *self.next_steps(course)]

    def describe(self, reply: Reply, course: Course, catalogue: Catalogue) -> None:
        today = dt.date.today()
        reply.add(f"*{reply.c(course.name)}*")
        if course.summary:
            reply.add(reply.c(course.summary))
        reply.add(reply.t("What you learn:"))
        reply.extend("• " + reply.c(item) for item in course.learn)
        reply.extend(schedule_lines(reply, course.schedule))
        reply.extend(start_lines(reply, catalogue, course.next_starts(today)[:4]))
        reply.add(provider_line(reply, course))
        if course.certificate:
            reply.add(reply.t("You get: %(certificate)s", certificate=reply.c(course.certificate)))


def aspect_lines(reply: Reply, catalogue: Catalogue, course: Course, aspect: Aspect,
                 today: dt.date) -> List[str]:
    """The lines of the course page that answer `aspect`: the length and rhythm, the next
    starts, or the places and the provider."""
    if aspect is Aspect.DURATION:
        return schedule_lines(reply, course.schedule)
    if aspect is Aspect.START:
        return start_lines(reply, catalogue, course.next_starts(today)[:4])
    return [*place_lines(reply, catalogue, course), provider_line(reply, course)]


class ActionCourseRequirements(CourseAction):
    intent = "course_requirements"

    def name(self) -> str:
        return "action_course_requirements"

    def describe(self, reply: Reply, course: Course, catalogue: Catalogue) -> None:
        reply.add(f"*{reply.c(course.name)}*")
        reply.add(reply.t("AMO courses are for jobseekers aged 19 or older. It is not a right: NAV decides who gets a place."))
        level = course.norwegian_level
        reply.add(reply.t(_LEVEL[level]) if level in _LEVEL else
                  reply.t("Norwegian level needed: %(level)s.", level=level))
        if course.prerequisites:
            reply.add(reply.t("Also needed:"))
            reply.extend("• " + reply.c(item) for item in course.prerequisites)


class ActionJobProspects(CourseAction):
    intent = "job_prospects"

    def name(self) -> str:
        return "action_job_prospects"

    def describe(self, reply: Reply, course: Course, catalogue: Catalogue) -> None:
        today = dt.date.today()
        reply.add(f"*{reply.c(course.name)}*")
        reply.extend(demand_lines(reply, course, today))
        if course.caveats:
            reply.add(reply.t("Good to know:"))
            reply.extend("• " + reply.c(item) for item in course.caveats)
        if course.typical_jobs:
            reply.add(reply.t("Typical jobs afterwards: %(jobs)s",
                              jobs=", ".join(reply.c(job) for job in course.typical_jobs)))
        for page_id in course.see_also:  # e.g. the route to the health-worker certificate
            if page_id in catalogue.pages:
                render_page(reply, catalogue.pages[page_id])


class ActionListCourses(LocalizedAction):
    """Lists courses, filtered by a county or a sector named in the message. A county
    named after one course was talked about ("what about Bergen?") gets that course's
    places and starts there instead."""

    def name(self) -> str:
        return "action_list_courses"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        catalogue = self.catalogue()
        matcher = matcher_for(catalogue)
        text = tracker.latest_message.get("text") or ""
        county = (latest_entity(tracker, "county") if latest_entity(tracker, "county") in catalogue.counties
                  else matcher.county(latest_entity(tracker, "county")) or matcher.county(text))
        named_course = matcher.course(text)
        focus = None if named_course or asks_for_courses(text) else course_in_focus(tracker)
        if county and focus in catalogue.courses:
            return self.course_in_county(dispatcher, tracker, catalogue.courses[focus], county)
        sector = catalogue.courses[named_course].sector if named_course else None
        courses = catalogue.filter(county=county, sector=sector) or (
            catalogue.filter(county=county) if county else [])
        reply = self.reply(tracker)
        county_name = catalogue.counties.get(county or "", county or "")
        events = [SlotSet("county", county)] if county and tracker.get_slot("county") != county else []
        if county and not courses:
            # Plainly none here: other counties' dates would mislead.
            reply.add(reply.t("The catalogue has no course in %(county)s. Ask your caseworker which "
                              "courses there are where you live. I can also pass your question to a "
                              "caseworker.", county=county_name))
            reply.send(dispatcher, buttons=((N_("Leave a question for a caseworker"), "/contact_caseworker"),
                                            (N_("Show the courses"), "/list_courses")))
            return events
        if county:
            reply.add(reply.t("Courses in %(county)s:", county=county_name))
        else:
            if not named_course and not tracker.get_slot("about_shown") and "about" in catalogue.pages:
                # The first list of all courses says what an AMO course is, and what it is not.
                about = self.reply(tracker)
                render_page(about, catalogue.pages["about"])
                about.send(dispatcher)
                events.append(SlotSet("about_shown", True))
            courses = courses or list(catalogue.courses.values())
            reply.add(reply.t("These are the courses I know about. Choose one to read more:"))
        today = dt.date.today()
        shown = [course.next_starts(today, county) for course in courses]
        reply.extend(list_line(reply, course, starts) for course, starts in zip(courses, shown, strict=True))
        if any(starts and not starts[0][1].confirmed for starts in shown):
            reply.add(reply.t(EXAMPLE_STARTS))
        buttons = course_buttons(courses, reply, "course_details")
        if not county:
            buttons += [{"title": name, "payload": f'/list_courses{{"county":"{cid}"}}'}
                        for cid, name in catalogue.counties.items()]
        reply.send(dispatcher, raw_buttons=buttons)
        # A list of one course keeps it in focus ("how long is it?"); after a longer one
        # there is no one course to refer to (actions/context.py).
        return events + ([SlotSet("course", courses[0].id)] if len(courses) == 1 else [])

    def course_in_county(self, dispatcher: CollectingDispatcher, tracker: Tracker, course: Course,
                         county: str) -> List[Dict[str, Any]]:
        """The course in focus in the county named, with a way to all courses there."""
        catalogue = self.catalogue()
        reply = self.reply(tracker)
        county_name = catalogue.counties.get(county, county)
        reply.add(reply.c(course.name).around("*", "*"))
        reply.extend(county_lines(reply, catalogue, course, county, dt.date.today()))
        buttons = [{"title": reply.t("All courses in %(county)s", county=county_name),
                    "payload": f'/list_courses{{"county":"{county}"}}'},
                   {"title": reply.t("Who can join?"), "payload": f'/course_requirements{{"course":"{course.id}"}}'},
                   {"title": reply.t("Leave a question for a caseworker"), "payload": "/contact_caseworker"}]
        reply.send(dispatcher, raw_buttons=buttons)
        events = [SlotSet("county", county)] if tracker.get_slot("county") != county else []
        return events + [SlotSet("course", course.id)]  # still the course in focus after this list action
