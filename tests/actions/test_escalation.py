"""Questions to caseworkers: at most AMO_QUESTIONS_PER_DAY per participant in 24 hours; the web
chat's long sender ids; slots set by typed payloads."""

from __future__ import annotations

import asyncio
import re
import uuid
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.escalation import ActionSubmitEscalation, ValidateEscalationForm
from bot.i18n.catalogs import get_translator
from bot.services import Services

LIMIT_TEXT = ("You have left %(n)s question for a caseworker in the last 24 hours. That is as many as one "
              "person can leave in a day, so I cannot take another one now. Please try again tomorrow.")
LIMIT_PLURAL = LIMIT_TEXT.replace("%(n)s question", "%(n)s questions")


def tracker(sender: str, slots: Dict[str, Any], text: str = "hei") -> Tracker:
    latest = {"text": text, "intent": {"name": "contact_caseworker", "confidence": 0.9}, "entities": [],
              "message_id": uuid.uuid4().hex, "metadata": {"channel": "web"}}
    return Tracker(sender, slots, latest, [], False, None, {"name": "escalation_form"}, "action_listen")


def run(action: Any, state: Tracker) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, state, {"forms": {"escalation_form": {"required_slots": [
        "escalation_question", "escalation_office", "escalation_reply_language",
        "escalation_interpreter", "escalation_consent"]}}}))
    return dispatcher.messages, events


def texts(messages: List[Dict[str, Any]]) -> str:
    return " ".join(str(m.get("text") or "") for m in messages)


def fill(services: Services, sender: str, count: int) -> None:
    for i in range(count):
        services.escalations.record(sender, "nb", f"Spørsmål {i}", channel="web")


def limit_text(services: Services, language: str, n: int) -> str:
    text = services.translator.ngettext(language, LIMIT_TEXT, LIMIT_PLURAL, n)
    assert text != LIMIT_PLURAL % {"n": n}
    return text


def requested_slot(events: List[Dict[str, Any]]) -> Optional[Any]:
    return next((e["value"] for e in reversed(events)
                 if e.get("event") == "slot" and e.get("name") == "requested_slot"), "unset")


def test_below_the_limit_the_form_asks_for_the_question(services: Services) -> None:
    me = f"web-{uuid.uuid4().hex}"
    fill(services, me, services.settings.questions_per_day - 1)
    messages, events = run(ValidateEscalationForm(), tracker(me, {"language": "ar", "requested_slot": None}))
    assert limit_text(services, "ar", 4) not in texts(messages)
    assert requested_slot(events) != None  # noqa: E711 - the form goes on


def test_at_the_limit_the_form_ends_before_the_question_with_a_translated_reason(services: Services) -> None:
    me = f"web-{uuid.uuid4().hex}"
    fill(services, me, services.settings.questions_per_day)
    messages, events = run(ValidateEscalationForm(), tracker(me, {"language": "ar", "requested_slot": None}))
    assert texts(messages) == limit_text(services, "ar", 5) or limit_text(services, "ar", 5) in texts(messages)
    assert requested_slot(events) is None
    # Someone else can still leave a question.
    _messages, events = run(ValidateEscalationForm(), tracker(f"web-{uuid.uuid4().hex}", {"language": "ar"}))
    assert requested_slot(events) != None  # noqa: E711


def test_the_question_is_not_stored_over_the_limit(services: Services) -> None:
    me = f"telegram-{uuid.uuid4().int % 10**9}"
    fill(services, me, services.settings.questions_per_day)
    slots = {"language": "ru", "escalation_question": "Когда начинается курс?", "escalation_consent": True,
             "escalation_office": "oslo", "escalation_reply_language": "ru"}
    messages, _events = run(ActionSubmitEscalation(), tracker(me, slots, "/affirm"))
    assert limit_text(services, "ru", 5) in texts(messages)
    assert "K-" not in texts(messages)
    assert len(services.escalations.list(sender_id=me)) == services.settings.questions_per_day


# Submitting: what is stored ----------------------------------------------------------------

def submitted(sender: str, slots: Dict[str, Any]) -> Tracker:
    """The tracker as the form leaves it when the participant consents."""
    return Tracker.from_dict({
        "sender_id": sender,
        "slots": {"language": "nb", "escalation_question": "Når starter kurset?", "escalation_office": "oslo",
                  "escalation_reply_language": "nb", "escalation_interpreter": False,
                  "escalation_consent": True, **slots},
        "latest_message": {"text": "/affirm", "intent": {"name": "affirm"}, "message_id": uuid.uuid4().hex,
                           "metadata": {"channel": "web"}},
        "events": [], "latest_input_channel": "rest",
    })


def submit(tracker: Tracker) -> List[Dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionSubmitEscalation().run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_a_web_chat_question_is_sent_with_its_reference(services) -> None:
    me = f"web-{uuid.uuid4().hex}"
    text = " ".join(m.get("text") or "" for m in submit(submitted(me, {"course": "cleaning"})))
    reference = re.search(r"K-[0-9A-Z]{4}", text).group(0)
    sent = get_translator().gettext("nb", "Thank you. Your question has been sent to a NAV caseworker. Your reference is %(reference)s.",
                                    reference=reference)
    assert sent in text
    record = services.escalations.get(reference)
    assert record.channel == "web" and record.course == "cleaning" and record.office == "oslo"


def test_slots_set_by_a_typed_payload_are_not_stored_as_course_or_office(services) -> None:
    me = f"web-{uuid.uuid4().hex}"
    text = " ".join(m.get("text") or "" for m in submit(submitted(me, {"course": "x" * 500, "escalation_office": "y" * 90})))
    record = services.escalations.get(re.search(r"K-[0-9A-Z]{4}", text).group(0))
    assert record.course is None and record.office is None


def test_a_question_the_database_refuses_is_spooled_and_the_participant_told(services) -> None:
    import sqlalchemy as sa

    with services.escalations.engine.begin() as conn:  # a table that went missing
        conn.execute(sa.text("ALTER TABLE escalations RENAME TO escalations_gone"))
    text = " ".join(m.get("text") or "" for m in submit(submitted(f"web-{uuid.uuid4().hex}", {})))
    reference = re.search(r"K-[0-9A-Z]{4}", text).group(0)
    assert get_translator().gettext(
        "nb", "Thank you. The caseworkers' system cannot be reached right now, so your question is saved here and will be sent automatically. Your reference is %(reference)s.",
        reference=reference) in text
    assert len(list((services.settings.var_dir / "spool").glob("*.json"))) == 1
