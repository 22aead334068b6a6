"""What a question is about, in the caseworker's language, and how long it has waited.

A question arrives in the participant's language. Everything the bot understood about
it (the topic, course, county, urgency, answer language, interpreter wish) is stored as
codes with the question, so it can be shown in Norwegian or English whatever the
participant wrote in. The bot's own earlier replies are stored with the catalog texts
they were made from, so they too are shown in the caseworker's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

import numpy as np
from babel import Locale
from babel.dates import get_timezone

from bot.content.model import Catalogue
from bot.escalations.store import Escalation, Turn
from bot.i18n.catalogs import CONTENT, DASHBOARD, MESSAGES, Translator

# Dates of waiting are counted on the caseworkers' calendar.
TIMEZONE = get_timezone("Europe/Oslo")


def D_(msgid: str) -> str:
    """Marks a dashboard text for extraction into the `dashboard` domain."""
    return msgid


# The intent that led to the question, as a caseworker would say it.
TOPICS: Dict[str, str] = {
    "list_courses": D_("which courses there are"),
    "course_details": D_("what a course is like"),
    "course_requirements": D_("who can join a course"),
    "job_prospects": D_("the chance of a job after a course"),
    "placement_info": D_("the work placement"),
    "placement_problem": D_("a problem at the work placement"),
    "allowance": D_("money during the course"),
    "apply_course": D_("how to apply for a course"),
    "escalation_status": D_("an earlier question"),
    "frustration": D_("feeling stuck or discouraged"),
    "crisis": D_("thoughts of suicide, or someone in danger"),
    "delete_my_data": D_("their stored data"),
    "appeal": D_("appealing a decision (klage)"),
    "extra_costs": D_("travel or childcare costs"),
    "illness": D_("illness or absence during the course"),
    "change_course": D_("saying no to a course or asking for another"),
    "after_course": D_("what happens after the course"),
}
GENERAL = D_("their own case (no topic given)")

# Intents that say nothing about the topic: they are skipped when looking for it.
NO_TOPIC = frozenset({"affirm", "deny", "greet", "goodbye", "thanks", "choose_language",
                      "contact_caseworker", "bot_challenge", "out_of_scope", "nlu_fallback",
                      "stop", "not_understood"})


def topic_of(user_intents: Sequence[Optional[str]]) -> Optional[str]:
    """The newest intent of the conversation that names a topic (None: no topic)."""
    for intent in reversed(user_intents):
        if intent and intent not in NO_TOPIC:
            return intent
    return None


def topic_label(topic: Optional[str], translator: Translator, language: str) -> str:
    if not topic:
        return translator.lookup(DASHBOARD, language, GENERAL).text
    if topic in TOPICS:
        return translator.lookup(DASHBOARD, language, TOPICS[topic]).text
    return topic.replace("_", " ")  # an intent added later without a label yet


def intent_label(intent: str, translator: Translator, language: str) -> str:
    """An intent as a caseworker would say it ("nlu_fallback": not understood)."""
    if intent == "nlu_fallback":
        return translator.lookup(DASHBOARD, language, D_("not understood")).text
    if intent in TOPICS:
        return topic_label(intent, translator, language)
    return intent.replace("_", " ")


def language_name(code: Optional[str], in_language: str) -> str:
    if not code:
        return ""
    try:
        name = Locale.parse(code).get_display_name(Locale.parse(in_language))
    except (ValueError, LookupError):
        return code
    return name or code


def course_name(course_id: Optional[str], catalogue: Optional[Catalogue], translator: Translator,
                language: str) -> Optional[str]:
    if not course_id:
        return None
    course = catalogue.courses.get(course_id) if catalogue else None
    if course is None:
        return course_id
    return translator.lookup(CONTENT, language, course.name).text


def gist(record: Escalation, translator: Translator, language: str,
         catalogue: Optional[Catalogue] = None) -> str:
    """One line for the queue: "Spør om: penger under kurset · kurs: Renhold · fylke: Oslo"."""
    def d(msgid: str, **params: Any) -> str:
        return translator.lookup(DASHBOARD, language, msgid, **params).text

    parts = [d(D_("Asks about: %(topic)s"), topic=topic_label(record.topic, translator, language))]
    course = course_name(record.course, catalogue, translator, language)
    if course:
        parts.append(d(D_("course: %(course)s"), course=course))
    if record.office:
        county = catalogue.counties.get(record.office, record.office) if catalogue else record.office
        parts.append(d(D_("county: %(county)s"), county=county))
    if record.urgent:
        parts.append(d(D_("urgent")))
    answer_in = record.reply_language or record.language
    parts.append(d(D_("answer in: %(language)s"), language=language_name(answer_in, language)))
    if record.interpreter:
        parts.append(d(D_("wants an interpreter")))
    return " · ".join(parts)


@dataclass(frozen=True)
class ShownTurn:
    """A turn as the caseworker sees it: the text, its language, and whether it was rendered."""

    who: str
    text: str
    language: str
    rendered: bool


def render_turn(turn: Turn, participant_language: str, translator: Translator,
                language: str) -> ShownTurn:
    """A bot turn in the caseworker's language when every line came from a catalog text;
    the participant's turns (and anything else) as written."""
    if turn.who != "bot" or not turn.lines or any(not isinstance(line, dict) for line in turn.lines):
        return ShownTurn(turn.who, turn.text, participant_language, False)
    lines: List[str] = []
    for line in turn.lines:
        assert line is not None
        lines.append(_render_line(line, translator, language))
    return ShownTurn(turn.who, "\n".join(lines), language, True)


def _render_line(line: Dict[str, Any], translator: Translator, language: str) -> str:
    if "prefix" in line:
        return f"{line['prefix']}{_render_line(line['text'], translator, language)}{line.get('suffix', '')}"
    params = {k: _render_line(v["text"], translator, language) if isinstance(v, dict) and "text" in v else v
              for k, v in (line.get("params") or {}).items()}
    domain = line.get("domain") or MESSAGES
    if line.get("plural"):
        return translator.ngettext(language, line["msgid"], line["plural"], int(line.get("n") or 0), **params)
    return translator.lookup(domain, language, line["msgid"], **params).text


def working_days_waited(created_at: dt.datetime, now: dt.datetime) -> int:
    """Whole working days (Monday to Friday, Norwegian dates) since the question came in.

    Public holidays are not known to the system and count as working days.
    """
    start = created_at.astimezone(TIMEZONE).date()
    end = now.astimezone(TIMEZONE).date()
    if end <= start:
        return 0
    # Days after the day it came in, up to and including today.
    return int(np.busday_count(start + dt.timedelta(days=1), end + dt.timedelta(days=1)))


def is_overdue(record: Escalation, now: dt.datetime, response_days: int) -> bool:
    """Still open after the answer time participants are told (`AMO_RESPONSE_DAYS`)."""
    return record.status == "open" and working_days_waited(record.created_at, now) > response_days


@dataclass
class GistView:
    """Describes questions for tools: the stored record plus its gist and waiting time."""

    translator: Translator
    language: str
    catalogue: Optional[Catalogue]
    response_days: int
    now: dt.datetime

    @classmethod
    def of(cls, services: Any, language: str, now: Optional[dt.datetime] = None) -> GistView:
        try:
            catalogue: Optional[Catalogue] = services.catalogue.current()
        except Exception:  # names fall back to ids; the gist is still useful
            catalogue = None
        return cls(services.translator, language, catalogue, services.settings.response_days,
                   now or dt.datetime.now(dt.timezone.utc))

    def gist(self, record: Escalation) -> str:
        return gist(record, self.translator, self.language, self.catalogue)

    def describe(self, record: Escalation) -> Dict[str, Any]:
        data = record.as_dict()
        data["gist"] = self.gist(record)
        data["working_days_waited"] = working_days_waited(record.created_at, self.now)
        data["overdue"] = is_overdue(record, self.now, self.response_days)
        data["context"] = [
            {"who": shown.who, "text": shown.text, "language": shown.language, "rendered": shown.rendered}
            for shown in (render_turn(turn, record.language, self.translator, self.language)
                          for turn in record.context)]
        return data
