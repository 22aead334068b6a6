"""Provenance check: which start dates, places, providers and lengths a source confirms.

A value no source confirms is shown to participants as an example. The course admin
marks it `example: true` (listed, so nobody forgets the catalogue holds examples); a
value with neither a source nor the flag is a warning, so `content check --strict` fails.
"""

from __future__ import annotations

from typing import List

from bot.content.loader import ContentError
from bot.content.model import Catalogue, Course


def _info(path: str, field: str, message: str) -> ContentError:
    return ContentError(path, None, field, message, severity="info")


def _warn(path: str, field: str, message: str) -> ContentError:
    return ContentError(path, None, field, message, severity="warning")


def _unsourced(path: str, field: str, what: str, flag: str) -> ContentError:
    return _warn(path, field, f"{what} has no source: add `source` (title and url) or mark it "
                              f"`{flag}: true` so the bot says it is an example")


def course_provenance(course: Course) -> List[ContentError]:
    """Examples (info) and unsourced values (warnings) of one course."""
    found: List[ContentError] = []
    path = course.source_file
    for index, place in enumerate(course.places):
        what = f"place {place.place} and its start dates ({', '.join(place.starts) or 'none'})"
        if place.source is None and place.example:
            found.append(_info(path, f"places.{index}", f"example: {what}"))
        elif place.source is None:
            found.append(_unsourced(path, f"places.{index}", what, "example"))
    if course.provider is not None and course.provider_source is None:
        if course.provider_example:
            found.append(_info(path, "provider", f"example: provider {course.provider!r}"))
        else:
            found.append(_unsourced(path, "provider", f"provider {course.provider!r}", "provider_example"))
    schedule = course.schedule
    values = ", ".join(f"{k} {v}" for k, v in schedule.known_values.items())
    if values and schedule.source is None:
        if schedule.example:
            found.append(_info(path, "schedule", f"example: length ({values})"))
        else:
            found.append(_unsourced(path, "schedule", f"length ({values})", "example"))
    return found


def check_provenance(catalogue: Catalogue) -> List[ContentError]:
    """Every course's examples and unsourced values, course by course."""
    return [problem for course in sorted(catalogue.courses.values(), key=lambda c: c.id)
            for problem in course_provenance(course)]
