"""Actions that answer from the course catalogue: list, details, requirements, prospects."""

from __future__ import annotations

import abc
import datetime as dt
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import LocalizedAction, Reply, latest_entity
from actions.pages import render_page
from bot.content.matcher import matcher_for
from bot.content.model import Catalogue, Course, Figure
from bot.i18n.catalogs import N_
from bot.i18n.formatting import date, isolate, number

STALE_AFTER_DAYS = 548  # 18 months

_DEMAND = {
    "high": N_("Demand: high. Employers report a shortage of these workers."),
    "medium": N_("Demand: medium."),
    "low": N_("Demand: low. Many people already have this training."),
    "unknown": N_("Demand: no reliable figure. Ask your caseworker about jobs where you live."),
}
_LEVEL = {
    "none": N_("No Norwegian is required to start."),
    "unknown": N_("The Norwegian level required is not known: ask your caseworker."),
}


def resolve_course(catalogue: Catalogue, tracker: Tracker) -> Optional[Course]:
    """The course the participant means: this message's entity or words, else the last one."""
    matcher = matcher_for(catalogue)
    for candidate in (course_entity(tracker), tracker.latest_message.get("text")):
        if candidate in catalogue.courses:
            return catalogue.courses[candidate]
        found = matcher.course(candidate)
        if found:
            return catalogue.courses[found]
    previous = course_before_this_message(tracker)
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


def course_before_this_message(tracker: Tracker) -> Optional[str]:
    """The `course` slot as it was before the latest message; Rasa's slot mapping has
    already filled it from this message's entity, which `course_entity` may reject."""
    events = list(tracker.events or [])
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    before = events[:users[-1]] if users else events
    for event in reversed(before):
        if event.get("event") == "slot" and event.get("name") == "course":
            return event.get("value")
    return tracker.get_slot("course") if not users else None


def course_buttons(courses: List[Course], reply: Reply, intent: str) -> List[Dict[str, str]]:
    return [{"title": reply.c(c.name), "payload": f'/{intent}{{"course":"{c.id}"}}'} for c in courses]


def figure_line(reply: Reply, figure: Figure, today: dt.date) -> str:
    line = reply.t("%(what)s: %(value)s (source: %(source)s, %(year)s) %(url)s",
                   what=reply.c(figure.text), value=number(figure.value, reply.language),
                   source=figure.source, year=figure.year or "?", url=isolate(figure.url))
    if figure.as_of and (today - dt.date.fromisoformat(figure.as_of)).days > STALE_AFTER_DAYS:
        return f"• {line} " + reply.t("(This figure is more than 18 months old; it may have changed.)")
    return line.around("• ")


class CourseAction(LocalizedAction):
    """Shared steps of the actions about one course."""

    intent = "course_details"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        catalogue = self.catalogue()
        reply = self.reply(tracker)
        course = resolve_course(catalogue, tracker)
        if course is None:
            reply.add(reply.t("Which course do you mean?"))
            reply.send(dispatcher, raw_buttons=course_buttons(list(catalogue.courses.values()), reply, self.intent))
            return []
        self.describe(reply, course, catalogue)
        reply.send(dispatcher, buttons=self.next_steps(course))
        return [SlotSet("course", course.id)] if tracker.get_slot("course") != course.id else []

    @abc.abstractmethod
    def describe(self, reply: Reply, course: Course, catalogue: Catalogue) -> None: ...

    def next_steps(self, course: Course) -> List[tuple]:
        steps = [(N_("Who can join?"), f'/course_requirements{{"course":"{course.id}"}}'),
                 (N_("Job chances"), f'/job_prospects{{"course":"{course.id}"}}'),
                 (N_("How to apply"), "/apply_course")]
        return [s for s in steps if not s[1].startswith(f"/{self.intent}")]


class ActionCourseDetails(CourseAction):
    intent = "course_details"

    def name(self) -> str:
        return "action_course_details"

    def describe(self, reply: Reply, course: Course, catalogue: Catalogue) -> None:
        today = dt.date.today()
        reply.add(f"*{reply.c(course.name)}*")
        if course.summary:
            reply.add(reply.c(course.summary))
        reply.add(reply.t("What you learn:"))
        reply.lines.extend("• " + reply.c(item) for item in course.learn)
        if course.theory_weeks is not None or course.placement_weeks is not None:
            reply.add(reply.t("Length: %(theory)s weeks of theory and %(placement)s weeks of work placement.",
                              theory=course.theory_weeks if course.theory_weeks is not None else "?",
                              placement=course.placement_weeks if course.placement_weeks is not None else "?"))
        else:
            reply.add(reply.t("Length: not known. Ask your caseworker."))
        if course.hours_per_week:
            reply.add(reply.t("About %(hours)s hours a week.", hours=course.hours_per_week))
        if course.schedule_note:
            reply.add(reply.c(course.schedule_note))
        starts = course.next_starts(today)
        if starts:
            reply.add(reply.t("Next starts:"))
            for start, place in starts[:4]:
                county = catalogue.counties.get(place.county, place.county)
                reply.add(f"• {date(start, reply.language)}: {place.place} ({county})")
        else:
            reply.add(reply.t("No start date is planned yet. Ask your caseworker."))
        reply.add(reply.t("Provider: %(provider)s", provider=reply.c(course.provider)))
        if course.certificate:
            reply.add(reply.t("You get: %(certificate)s", certificate=reply.c(course.certificate)))


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
            reply.lines.extend("• " + reply.c(item) for item in course.prerequisites)


class ActionJobProspects(CourseAction):
    intent = "job_prospects"

    def name(self) -> str:
        return "action_job_prospects"

    def describe(self, reply: Reply, course: Course, catalogue: Catalogue) -> None:
        today = dt.date.today()
        reply.add(f"*{reply.c(course.name)}*")
        reply.add(reply.t(_DEMAND[course.demand]))
        for figure in course.figures:
            reply.add(figure_line(reply, figure, today))
        if course.caveats:
            reply.add(reply.t("Good to know:"))
            reply.lines.extend("• " + reply.c(item) for item in course.caveats)
        if course.typical_jobs:
            reply.add(reply.t("Typical jobs afterwards: %(jobs)s",
                              jobs=", ".join(reply.c(job) for job in course.typical_jobs)))
        for page_id in course.see_also:  # e.g. the route to the health-worker certificate
            if page_id in catalogue.pages:
                render_page(reply, catalogue.pages[page_id])


class ActionListCourses(LocalizedAction):
    """Lists courses, filtered by a county or a sector named in the message."""

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
        sector = catalogue.courses[named_course].sector if named_course else None
        courses = catalogue.filter(county=county, sector=sector) or (
            catalogue.filter(county=county) if county else [])
        reply = self.reply(tracker)
        if county and not courses:
            reply.add(reply.t("I found no courses in %(county)s in the catalogue. These are all the courses:",
                              county=catalogue.counties.get(county, county)))
            courses = list(catalogue.courses.values())
        elif county:
            reply.add(reply.t("Courses in %(county)s:", county=catalogue.counties.get(county, county)))
        else:
            courses = courses or list(catalogue.courses.values())
            reply.add(reply.t("These are the courses I know about. Choose one to read more:"))
        today = dt.date.today()
        for course in courses:
            starts = course.next_starts(today, county)
            when = date(starts[0][0], reply.language) if starts else "?"
            reply.add("• " + reply.t("%(course)s (next start: %(date)s)", course=reply.c(course.name), date=when))
        buttons = course_buttons(courses, reply, "course_details")
        if not county:
            used = sorted({c for course in catalogue.courses.values() for c in course.counties})
            buttons += [{"title": catalogue.counties.get(c, c), "payload": f'/list_courses{{"county":"{c}"}}'}
                        for c in used]
        reply.send(dispatcher, raw_buttons=buttons)
        return [SlotSet("county", county)] if county and tracker.get_slot("county") != county else []
