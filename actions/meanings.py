"""What each intent means, as a participant would say it, for the questions that offer
an intent's answer ("did you mean: ...?"), and the names a message gives for its button."""

from __future__ import annotations

import json

from rasa_sdk import Tracker

from bot.i18n.catalogs import N_

# What each intent means, as a participant would say it.
INTENT_MEANING = {
    "list_courses": N_("which courses there are"),
    "course_details": N_("what a course is about, how long it lasts and when it starts"),
    "course_requirements": N_("who can join a course"),
    "job_prospects": N_("the chance of a job after a course"),
    "placement_info": N_("the work placement (praksisplass)"),
    "placement_problem": N_("a problem at your work placement"),
    "allowance": N_("money during a course"),
    "extra_costs": N_("travel, childcare and other costs during a course"),
    "illness": N_("being ill or away from a course"),
    "appeal": N_("complaining about a decision from NAV"),
    "change_course": N_("a course that does not suit you"),
    "after_course": N_("what happens after a course"),
    "apply_course": N_("how to get a place on a course"),
    "contact_caseworker": N_("leaving a question for a caseworker"),
    "escalation_status": N_("the answer to a question you left"),
    "frustration": N_("that things are hard right now"),
    "crisis": N_("that you are thinking of ending your life, or that someone is in danger"),
    "not_understood": N_("that my answer was not clear"),
    "choose_language": N_("changing the language"),
    "delete_my_data": N_("deleting your data"),
    "greet": N_("saying hello"),
}


def named_in(tracker: Tracker) -> str:
    """The course and county of the message as a payload's entities ('{"county":"rogaland"}'),
    so "yes" to "did you mean: which courses there are?" after "а Ставангер?" keeps the
    county; empty when the message names neither."""
    entities = {e["entity"]: str(e["value"]) for e in tracker.latest_message.get("entities") or []
                if e.get("entity") in ("course", "county") and e.get("value")}
    return json.dumps(entities, ensure_ascii=False, separators=(",", ":")) if entities else ""
