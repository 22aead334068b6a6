"""Actions that pass a participant's question to a caseworker and bring the answer back."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import MENU, LocalizedAction, Reply, reply_for
from actions.yes_or_no import ambiguous_no, ask_again, sure_yes
from bot.content.matcher import matcher_for
from bot.db import utcnow
from bot.escalations.gist import topic_of
from bot.escalations.store import Turn
from bot.i18n.formatting import date
from bot.language.supported import BY_CODE, language_named_in, normalise_code
from bot.masking import mask
from bot.services import get_services

logger = logging.getLogger(__name__)

UNKNOWN_OFFICE = "unknown"
# What the question form has gathered; kept while the form is left aside, until dropped.
QUESTION_SLOTS = ("escalation_question", "escalation_office", "escalation_reply_language",
                  "escalation_interpreter", "escalation_consent", "urgent")

MAX_QUESTION_CHARS = 4000


def questions_today(sender_id: str) -> int:
    """Questions the participant left in the last 24 hours; 0 if the database cannot say."""
    try:
        return get_services().escalations.questions_since(sender_id, utcnow() - dt.timedelta(days=1))
    except Exception:  # the database is down: the question will be spooled, not refused
        logger.warning("Could not count the questions of %s", sender_id, exc_info=True)
        return 0


def say_limit_reached(reply: Reply, count: int) -> None:
    """Tells the participant why no further question is taken today."""
    reply.add(reply.nt(
        "You have left %(n)s question for a caseworker in the last 24 hours. That is as many as one person can leave in a day, so I cannot take another one now. Please try again tomorrow.",
        "You have left %(n)s questions for a caseworker in the last 24 hours. That is as many as one person can leave in a day, so I cannot take another one now. Please try again tomorrow.",
        count))


class ValidateEscalationForm(FormValidationAction):
    """Checks the question's length and masks identifiers as soon as it is given."""

    def name(self) -> str:
        return "validate_escalation_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[str, Any]]:
        """Ends the form before the question is asked if today's questions are used up."""
        limit = get_services().settings.questions_per_day
        if limit > 0 and tracker.get_slot("requested_slot") in (None, "escalation_question"):
            count = questions_today(tracker.sender_id)
            if count >= limit:
                reply = reply_for(tracker)
                say_limit_reached(reply, count)
                reply.send(dispatcher)
                return [SlotSet("escalation_question", None), SlotSet("requested_slot", None)]
        return await super().run(dispatcher, tracker, domain)

    def validate_escalation_question(self, slot_value: Any, dispatcher: CollectingDispatcher,
                                     tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        reply = reply_for(tracker)
        text = (slot_value or "").strip() if isinstance(slot_value, str) else ""
        if not text or text.startswith("/"):
            reply.add(reply.t("Please write your question as text."))
            reply.send(dispatcher)
            return {"escalation_question": None}
        if len(text) > MAX_QUESTION_CHARS:
            reply.add(reply.t("Your question is too long (%(count)s characters). Please shorten it to %(max)s characters.",
                              count=len(text), max=MAX_QUESTION_CHARS))
            reply.send(dispatcher)
            return {"escalation_question": None}
        masked = mask(text)
        # The Rasa server masks every message at the door (bot/rasa/rest.py) and says what
        # it masked in the message's metadata; the question then arrives masked already.
        masked_at_door = (tracker.latest_message.get("metadata") or {}).get("masked")
        if masked.changed or masked_at_door:
            reply.add(reply.t("I removed personal numbers or contact details from your question before storing it."))
            reply.send(dispatcher)
        return {"escalation_question": masked.text}

    def validate_escalation_office(self, slot_value: Any, dispatcher: CollectingDispatcher,
                                   tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        text = slot_value if isinstance(slot_value, str) else ""
        if text.strip() == "-":
            return {"escalation_office": UNKNOWN_OFFICE}
        services = get_services()
        catalogue = services.catalogue.current()
        county = text if text in catalogue.counties else matcher_for(catalogue).county(text)
        if county:
            return {"escalation_office": county}
        reply = reply_for(tracker)
        reply.add(reply.t("Please choose a county from the buttons, or write its name."))
        reply.send(dispatcher)
        return {"escalation_office": None}

    def validate_escalation_reply_language(self, slot_value: Any, dispatcher: CollectingDispatcher,
                                           tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        text = slot_value if isinstance(slot_value, str) else ""
        code = normalise_code(text) or language_named_in(text)
        return {"escalation_reply_language": code or tracker.get_slot("language") or "nb"}


class ActionAskEscalationOffice(LocalizedAction):
    """Asks for the county, with a button for each of the 15 counties and "I don't know"."""

    def name(self) -> str:
        return "action_ask_escalation_office"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        catalogue = self.catalogue()
        reply = self.reply(tracker)
        reply.add(reply.t("Which county do you live in? Your question then goes to a caseworker there."))
        # Every county, courses or not: a question from anywhere must reach a caseworker.
        counties = list(catalogue.counties)
        known = tracker.get_slot("county")
        if known in catalogue.counties:
            counties.remove(known)
            counties.insert(0, known)
        buttons = [{"title": catalogue.counties[c], "payload": c} for c in counties]
        buttons.append({"title": reply.t("I don't know"), "payload": "-"})
        reply.send(dispatcher, raw_buttons=buttons)
        return []


class ActionAskEscalationReplyLanguage(LocalizedAction):
    """Asks which language the answer may be written in: theirs, Norwegian or English."""

    def name(self) -> str:
        return "action_ask_escalation_reply_language"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        reply = self.reply(tracker)
        reply.add(reply.t("In which language do you want the answer?"))
        codes = list(dict.fromkeys([reply.language, "nb", "en"]))
        reply.send(dispatcher, raw_buttons=[{"title": BY_CODE[c].native_name, "payload": c} for c in codes])
        return []


def _form_start(events: List[Dict[str, Any]]) -> int:
    return max((i for i, e in enumerate(events)
                if e.get("event") == "active_loop" and e.get("name") == "escalation_form"),
               default=len(events))


def _bot_lines(event: Dict[str, Any], domain: Dict[str, Any]) -> Optional[Tuple[Any, ...]]:
    """The catalog texts a bot message was made of, when known."""
    metadata = event.get("metadata") or {}
    if isinstance(metadata.get("lines"), list):
        return tuple(metadata["lines"])
    response = metadata.get("response") or metadata.get("utter_action")
    variations = (domain.get("responses") or {}).get(response) if response else None
    if variations and variations[0].get("text"):
        return ({"msgid": variations[0]["text"], "params": {}},)
    return None


def conversation_before_form(events: List[Dict[str, Any]], domain: Optional[Dict[str, Any]] = None,
                             limit: int = 6) -> List[Turn]:
    """The last turns before the question form started, with the bot's catalog texts."""
    turns = []
    for event in events[:_form_start(events)]:
        text = event.get("text")
        if event.get("event") not in ("user", "bot") or not text or str(text).startswith("/"):
            continue
        if event["event"] == "user":
            turns.append(Turn("participant", str(text)))
        else:
            turns.append(Turn("bot", str(text), _bot_lines(event, domain or {})))
    return turns[-limit:]


def question_topic(events: List[Dict[str, Any]]) -> Optional[str]:
    """The intent the question is about: the newest that names a topic before the form."""
    intents = [((e.get("parse_data") or {}).get("intent") or {}).get("name")
               for e in events[:_form_start(events)] if e.get("event") == "user"]
    return topic_of(intents[-6:])


class ActionSubmitEscalation(LocalizedAction):
    """Stores the question after consent and gives the participant a reference."""

    def name(self) -> str:
        return "action_submit_escalation"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        reset = [SlotSet(name, None) for name in QUESTION_SLOTS]
        question = tracker.get_slot("escalation_question")
        if not tracker.get_slot("escalation_consent") or not question:
            dispatcher.utter_message(response="utter_escalation_cancelled")
            return reset
        reply = self.reply(tracker)
        metadata = tracker.latest_message.get("metadata") or {}
        limit = self.services.settings.questions_per_day
        if limit > 0 and (count := questions_today(tracker.sender_id)) >= limit:
            say_limit_reached(reply, count)
            reply.send(dispatcher, buttons=[MENU[0]])
            return reset
        # The store enforces the limit as well, as the last line of defence.
        # Slots can be set by a typed payload (/intent{"course": ...}): only catalogue ids
        # are kept with the question.
        catalogue = self.catalogue()
        course, office = tracker.get_slot("course"), tracker.get_slot("escalation_office")
        record = self.services.escalations.record(
            sender_id=tracker.sender_id, language=reply.language, question=question,
            channel=str(metadata.get("channel") or tracker.get_latest_input_channel() or "rest"),
            course=course if isinstance(course, str) and course in catalogue.courses else None,
            office=office if isinstance(office, str) and office in catalogue.counties else None,
            reply_language=tracker.get_slot("escalation_reply_language") or reply.language,
            interpreter=bool(tracker.get_slot("escalation_interpreter")),
            context=conversation_before_form(tracker.events, domain),
            topic=question_topic(tracker.events),
            urgent=bool(tracker.get_slot("urgent")),
            request_key=f"{tracker.sender_id}:{tracker.latest_message.get('message_id') or len(tracker.events)}",
            daily_limit=limit)
        if record.status == "pending":
            reply.add(reply.t("Thank you. The caseworkers' system cannot be reached right now, so your question is saved here and will be sent automatically. Your reference is %(reference)s.",
                              reference=record.reference))
        else:
            reply.add(reply.t("Thank you. Your question has been sent to a NAV caseworker. Your reference is %(reference)s.",
                              reference=record.reference))
        reply.add(reply.nt("A caseworker usually answers within %(n)s working day.",
                                 "A caseworker usually answers within %(n)s working days.",
                                 self.services.settings.response_days))
        reply.add(reply.t("Ask me \"has my question been answered?\" at any time to see the answer."))
        reply.send(dispatcher, buttons=MENU)
        return reset


class ActionEscalationStatus(LocalizedAction):
    """Shows the participant's questions and any answers, in their language."""

    def name(self) -> str:
        return "action_escalation_status"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        reply = self.reply(tracker)
        records = self.services.escalations.list(sender_id=tracker.sender_id)
        if not records:
            reply.add(reply.t("You have no questions waiting for a caseworker."))
            reply.send(dispatcher, buttons=[MENU[-1]])
            return []
        for record in records:
            when = date(record.created_at.date(), reply.language, "medium")
            if record.answer:
                reply.add(reply.t("%(reference)s (%(date)s): answered.", reference=record.reference, date=when))
                reply.add(record.answer)
            else:
                reply.add(reply.t("%(reference)s (%(date)s): not answered yet.", reference=record.reference, date=when))
        reply.send(dispatcher)
        return []


class ActionDeleteMyData(LocalizedAction):
    """Deletes the participant's questions; `forget_me` makes the Rasa server drop the history.

    See bot/rasa/trackers.py: the conversation's events are deleted when this turn is saved.
    Only the Yes button or a sure yes ("yes", "ja, slett") deletes (actions/yes_or_no.py):
    after any other message read as a yes, nothing is deleted and the question comes again
    with its buttons; the request said again ("yes, delete it" read as delete_my_data) asks
    again too (nlu_data/rules/caseworker.yml).
    """

    def name(self) -> str:
        return "action_delete_my_data"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        reply = self.reply(tracker)
        if not sure_yes(tracker.latest_message or {}):
            return ask_again(dispatcher, reply, "utter_confirm_delete")
        deleted = self.services.escalations.delete_for_sender(tracker.sender_id)
        reply.add(self.services.translator.ngettext(
            reply.language, "Deleted %(n)s question to caseworkers.",
            "Deleted %(n)s questions to caseworkers.", deleted))
        reply.add(reply.t("The history of this conversation has been deleted as well."))
        reply.send(dispatcher)
        return [SlotSet("forget_me", True)]


class ActionDropQuestion(LocalizedAction):
    """Drops a question being written (the form was left with "stop") or left waiting."""

    def name(self) -> str:
        return "action_drop_question"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        if ambiguous_no(tracker.latest_message.get("text"), self.language(tracker)):
            # "no" may be a Polish yes: nothing is dropped, the offer to continue comes again.
            return ask_again(dispatcher, self.reply(tracker), "utter_continue_question")
        left_form = any(e.get("event") == "action" and e.get("name") == "action_deactivate_loop"
                        for e in list(tracker.events)[-4:])
        started = any(tracker.get_slot(name) is not None for name in QUESTION_SLOTS[:-1])
        if left_form or started:
            dispatcher.utter_message(response="utter_escalation_cancelled")
        else:
            dispatcher.utter_message(response="utter_anything_else")
        return [SlotSet(name, None) for name in QUESTION_SLOTS]
