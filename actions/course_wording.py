"""How a course's length, start dates, provider and demand are worded, from structured data.

Everything a source does not confirm is said as an example; everything nobody knows is
said as unknown, with who to ask (the caseworker, the course provider, the course plan).
"""

from __future__ import annotations

import datetime as dt
from typing import List, Tuple

from actions.base import Reply
from bot.content.model import Catalogue, Course, Figure, Place, Schedule, as_of_date
from bot.i18n.catalogs import N_
from bot.i18n.formatting import date, isolate, number

STALE_AFTER_DAYS = 548  # 18 months

EXAMPLE_STARTS = N_("Example dates and places: no source confirms them. Ask your caseworker or "
                     "the course provider for the real start.")
NO_DEMAND_FIGURE = N_("Demand: no reliable figure. Ask your caseworker about jobs where you live.")


def schedule_lines(reply: Reply, schedule: Schedule) -> List[str]:
    """The length, the rhythm of theory and placement, and where the numbers come from."""
    lines: List[str] = []
    weeks = schedule.total_weeks
    if weeks is not None and schedule.weeks_max:
        lines.append(reply.t("Length: %(low)s to %(high)s weeks.", low=weeks, high=schedule.weeks_max))
    elif weeks is not None:
        lines.append(reply.t("Length: %(weeks)s weeks.", weeks=weeks))
    elif schedule.hours_total:
        lines.append(reply.t("Length: %(hours)s hours in all; how many weeks is not known.",
                             hours=schedule.hours_total))
    else:
        lines.append(reply.t("How long the whole course lasts is not known. Ask your caseworker or "
                             "the course provider, or read the course plan."))
    if schedule.hours_per_week:
        lines.append(reply.t("About %(hours)s hours a week.", hours=schedule.hours_per_week))
    lines += _rhythm(reply, schedule)
    if schedule.note:
        lines.append(reply.c(schedule.note))
    if schedule.source:
        lines.append(reply.t("Where these numbers come from: %(title)s %(url)s. They come from a real "
                             "course; yours may differ.", title=schedule.source["title"],
                             url=isolate(schedule.source["url"])))
    elif schedule.known_values:  # said first, so no number reads as fact
        lines.insert(0, reply.t("Example length: no source confirms it. Ask your caseworker or the course "
                                "provider how long your course lasts."))
    return lines


def _rhythm(reply: Reply, schedule: Schedule) -> List[str]:
    days, theory = schedule.placement_days_per_week, schedule.theory_weeks
    if schedule.placement == "none":
        return [reply.t("The course has no work placement.")]
    if schedule.placement == "alongside_theory" and days:
        if theory:
            return [reply.t("The first %(weeks)s weeks are theory only. After that you are at the work "
                            "placement %(days)s days a week and have theory on the other days.",
                            weeks=theory, days=days)]
        return [reply.t("Every week you are at the work placement %(days)s days and have theory on the "
                        "other days.", days=days)]
    if schedule.placement != "after_theory":
        return []
    lines: List[str] = [reply.t("First %(weeks)s weeks of theory.", weeks=theory)] if theory else []
    placement = schedule.placement_weeks
    if placement and days:
        lines.append(reply.t("Then %(weeks)s weeks at the work placement, %(days)s days a week.",
                             weeks=placement, days=days))
    elif placement:
        lines.append(reply.t("Then %(weeks)s weeks at the work placement.", weeks=placement))
    else:
        lines.append(reply.t("Then a work placement; how long it lasts is not known."))
    return lines


def start_lines(reply: Reply, catalogue: Catalogue, starts: List[Tuple[str, Place]]) -> List[str]:
    """Upcoming starts, each example marked as one, and a note on where to ask."""
    if not starts:
        return [reply.t("No start date is planned yet. Ask your caseworker.")]
    lines: List[str] = [reply.t("Next starts:")]
    for start, place in starts:
        county = catalogue.counties.get(place.county, place.county)
        mark = "" if place.confirmed else " " + reply.t("(example)")
        lines.append(f"• {date(start, reply.language)}: {place.place} ({county}){mark}")
    if not all(place.confirmed for _start, place in starts):
        lines.append(reply.t(EXAMPLE_STARTS))
    return lines


def county_lines(reply: Reply, catalogue: Catalogue, course: Course, county: str,
                 today: dt.date) -> List[str]:
    """Where and when `course` runs in `county` ("what about Bergen?" after the course);
    when it does not run there, the places where it does, each example said as one."""
    county_name = catalogue.counties.get(county, county)
    if any(place.county == county for place in course.places):
        starts = course.next_starts(today, county)[:4]
        if starts:
            return start_lines(reply, catalogue, starts)
        return [reply.t("The course runs in %(county)s, but no start date is planned there yet. "
                        "Ask your caseworker.", county=county_name)]
    return [reply.t("The catalogue has no start of this course in %(county)s.", county=county_name),
            *place_lines(reply, catalogue, course)]


def place_lines(reply: Reply, catalogue: Catalogue, course: Course) -> List[str]:
    """Every place `course` runs ("where is it held?"), each example said as one."""
    if not course.places:
        return []
    lines: List[str] = [reply.t("It runs in:")]
    for name, place_county, confirmed in dict.fromkeys((p.place, p.county, p.confirmed) for p in course.places):
        mark = "" if confirmed else " " + reply.t("(example)")
        lines.append(f"• {name} ({catalogue.counties.get(place_county, place_county)}){mark}")
    if not all(p.confirmed for p in course.places):
        lines.append(reply.t(EXAMPLE_STARTS))
    return lines


def list_line(reply: Reply, course: Course, starts: List[Tuple[str, Place]]) -> str:
    """One course in a list, with its next start (an example said as one)."""
    name = reply.c(course.name)
    if not starts:
        return "• " + reply.t("%(course)s (no start date known)", course=name)
    start, place = starts[0]
    when = date(start, reply.language)
    if place.confirmed:
        return "• " + reply.t("%(course)s (next start: %(date)s)", course=name, date=when)
    return "• " + reply.t("%(course)s (example start: %(date)s)", course=name, date=when)


def provider_line(reply: Reply, course: Course) -> str:
    if course.provider is None:
        return reply.t("Provider: not known. Ask your caseworker, or read the course plan if you have one.")
    if course.provider_confirmed:
        return reply.t("Provider: %(provider)s", provider=reply.c(course.provider))
    return reply.t("Provider (example, no source confirms it): %(provider)s", provider=reply.c(course.provider))


def demand_lines(reply: Reply, course: Course, today: dt.date) -> List[str]:
    """Demand as the figures allow: "shortage" only for a figure that counts the course's
    own occupation, always national and dated; otherwise what the figures do not show."""
    own = [f for f in course.figures if f.counts_course_occupation]
    if own:
        year = max(f.year or 0 for f in own)
        lines: List[str] = [reply.t("Demand: employers in Norway reported a shortage of these workers in %(year)s. "
                         "The figure is for the whole country, not for where you live.", year=year)]
    elif course.figures:
        lines = [reply.t("Demand: no figure counts the jobs this course leads to. The figures below "
                         "count other work; read what they do not show.")]
    else:
        return [reply.t(NO_DEMAND_FIGURE)]
    lines += [figure_line(reply, figure, today) for figure in course.figures]
    caveats = list(dict.fromkeys(f.caveat for f in course.figures if f.caveat))
    if caveats:
        lines.append(reply.t("What the figures do not show:"))
        lines += ["• " + reply.c(caveat) for caveat in caveats]
    return lines


def figure_line(reply: Reply, figure: Figure, today: dt.date) -> str:
    line = reply.t("%(what)s in Norway, %(year)s: %(value)s (source: %(source)s) %(url)s",
                   what=reply.c(figure.text), value=number(figure.value, reply.language),
                   source=figure.source, year=figure.year or "?", url=isolate(figure.url))
    if figure.as_of and (today - as_of_date(figure.as_of)).days > STALE_AFTER_DAYS:
        return f"• {line} " + reply.t("(This figure is more than 18 months old; it may have changed.)")
    return line.around("• ")
