"""Actions that pass a participant's question to a caseworker and bring the answer back."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import MENU, LocalizedAction, Reply
from bot.escalations.masking import mask
from bot.i18n.formatting import date
from bot.services import get_services

MAX_QUESTION_CHARS = 4000


class ValidateEscalationForm(FormValidationAction):
    """Checks the question's length and masks identifiers as soon as it is given."""

    def name(self) -> str:
        return "validate_escalation_form"

    def validate_escalation_question(self, slot_value: Any, dispatcher: CollectingDispatcher,
                                     tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        services = get_services()
        language = tracker.get_slot("language") or services.settings.default_language
        reply = Reply(services, language)
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
        if masked.changed:
            reply.add(reply.t("I removed personal numbers or contact details from your question before storing it."))
            reply.send(dispatcher)
        return {"escalation_question": masked.text}


class ActionSubmitEscalation(LocalizedAction):
    """Stores the question after consent and gives the participant a reference."""

    def name(self) -> str:
        return "action_submit_escalation"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        reset = [SlotSet("escalation_question", None), SlotSet("escalation_consent", None),
                 SlotSet("urgent", None)]
        question = tracker.get_slot("escalation_question")
        if not tracker.get_slot("escalation_consent") or not question:
            dispatcher.utter_message(response="utter_escalation_cancelled")
            return reset
        reply = self.reply(tracker)
        metadata = tracker.latest_message.get("metadata") or {}
        record = self.services.escalations.record(
            sender_id=tracker.sender_id, language=reply.language, question=question,
            channel=str(metadata.get("channel") or tracker.get_latest_input_channel() or "rest"),
            course=tracker.get_slot("course"), office=tracker.get_slot("county"),
            urgent=bool(tracker.get_slot("urgent")),
            request_key=f"{tracker.sender_id}:{tracker.latest_message.get('message_id') or len(tracker.events)}")
        reply.add(reply.t("Thank you. Your question has been sent to a NAV caseworker. Your reference is %(reference)s.",
                          reference=record.reference))
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

    See bot/trackers.py: the conversation's events are deleted when this turn is saved.
    """

    def name(self) -> str:
        return "action_delete_my_data"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        reply = self.reply(tracker)
        deleted = self.services.escalations.delete_for_sender(tracker.sender_id)
        reply.add(self.services.translator.ngettext(
            reply.language, "Deleted %(n)s question to caseworkers.",
            "Deleted %(n)s questions to caseworkers.", deleted))
        reply.add(reply.t("The history of this conversation has been deleted as well."))
        reply.send(dispatcher)
        return [SlotSet("forget_me", True)]
