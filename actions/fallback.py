"""Fallbacks: "did you mean ...?" in the participant's language, and out-of-scope requests."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, UserUtteranceReverted, UserUttered
from rasa_sdk.executor import CollectingDispatcher

from actions.base import LocalizedAction
from actions.courses import ActionCourseDetails, course_buttons
from actions.inbox import REFUSE_PAYLOAD, answered_offer, note_refused_guess
from actions.meanings import INTENT_MEANING, named_in
from actions.yes_or_no import ambiguous_no, ask_yes_or_no
from bot.content.matcher import matcher_for
from bot.i18n.catalogs import N_


def best_guesses(tracker: Tracker) -> List[str]:
    """The classifier's intents, best first; none when it has no preference (a message
    with nothing it knows gets the same confidence for every intent)."""
    ranking = [(i.get("name"), i.get("confidence") or 0.0)
               for i in tracker.latest_message.get("intent_ranking") or []
               if i.get("name") != "nlu_fallback"]
    if len(ranking) >= 2 and ranking[0][1] - ranking[1][1] < 1e-6:
        return []
    return [name for name, _ in ranking]


class ActionAskAffirmation(LocalizedAction):
    """Replaces Rasa's default, which would show an intent name in English."""

    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        candidates = [name for name in best_guesses(tracker) if name in INTENT_MEANING]
        reply = self.reply(tracker)
        if not candidates:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        intent = candidates[0]
        reply.add(reply.t("Did you mean: %(meaning)s?", meaning=reply.t(INTENT_MEANING[intent])))
        yes = f"/{intent}{named_in(tracker)}"
        reply.send(dispatcher, buttons=[(N_("Yes"), yes), (N_("No"), "/out_of_scope")], offer=yes)
        return []


def pending_offer(tracker: Tracker) -> Optional[str]:
    """The payload the bot's last message offered ("did you mean ...?"), when the latest
    message answers it."""
    found = answered_offer(tracker)
    return found[0] if found else None


def refuses_a_guess(tracker: Tracker) -> bool:
    """Whether the latest message answers "did you mean ...?". The course offered after
    the out-of-scope reply is no guess at the message: a no to it needs no other words."""
    found = answered_offer(tracker)
    if not found or not found[1]:
        return False
    parse = (found[1] or {}).get("parse_data") or {}
    return (parse.get("intent") or {}).get("name") != "out_of_scope"


# The actions that end by asking whether to pass the matter to a caseworker, which a yes
# accepts (nlu_data/rules/offers.yml).
OFFER_A_CASEWORKER = ("action_placement_problem", "utter_frustration", "utter_bot_challenge")


def offered_yes(tracker: Tracker) -> Optional[str]:
    """What a yes to the bot's last message would do: its "did you mean ...?" or the
    course it offered, or its offer to pass the matter to a caseworker."""
    offer = pending_offer(tracker)
    if offer:
        return offer
    actions = [e.get("name") for e in list(tracker.events)[:-1] if e.get("event") == "action"
               and e.get("name") != "action_listen"]
    return "/contact_caseworker" if actions and actions[-1] in OFFER_A_CASEWORKER else None


def as_message(payload: str) -> Tuple[str, List[Dict[str, Any]]]:
    """The intent and entities of a button payload ('/course_details{"course":"it-support"}')."""
    intent, _, rest = payload.lstrip("/").partition("{")
    values = json.loads("{" + rest) if rest else {}
    return intent, [{"entity": name, "value": value} for name, value in values.items()]


class ActionAffirm(LocalizedAction):
    """A typed yes (any language, 👍) to "did you mean ...?" does what the Yes button does:
    the message is put back as the intent offered, as Rasa's two-stage fallback does with
    a clarification. A yes to nothing asks what the participant would like to know."""

    def name(self) -> str:
        return "action_affirm"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        offer = pending_offer(tracker)
        if not offer:
            dispatcher.utter_message(response="utter_anything_else")
            return []
        intent, entities = as_message(offer)
        latest = tracker.latest_message
        said = UserUttered(latest.get("text"), parse_data={
            "text": latest.get("text"), "intent": {"name": intent, "confidence": 1.0},
            "intent_ranking": [{"name": intent, "confidence": 1.0}], "entities": entities},
            input_channel=tracker.get_latest_input_channel())
        said["metadata"] = latest.get("metadata") or {}
        return [UserUtteranceReverted(), ActionExecuted("action_listen"), said]


class ActionAskRephrase(LocalizedAction):
    """Replaces Rasa's default: after "No" to "did you mean ...?" the message the guess was
    about goes to the NLU inbox, then "say it in other words"."""

    def name(self) -> str:
        return "action_default_ask_rephrase"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        offer = pending_offer(tracker)
        if offer and ambiguous_no(tracker.latest_message.get("text"), self.language(tracker)):
            ask_yes_or_no(dispatcher, self.reply(tracker), offer, REFUSE_PAYLOAD)
            return []
        note_refused_guess(self.services, tracker, self.language(tracker))
        dispatcher.utter_message(response="utter_ask_rephrase")
        return []


class ActionDeny(LocalizedAction):
    """A typed no (any language, 👎) to "did you mean ...?" does what the No button does:
    the message goes to the NLU inbox and the bot asks to say it in other words. A no to
    nothing, or to a course offered after an unrelated message, asks what the participant
    would like to know."""

    def name(self) -> str:
        return "action_deny"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        yes = offered_yes(tracker)
        if yes and ambiguous_no(tracker.latest_message.get("text"), self.language(tracker)):
            ask_yes_or_no(dispatcher, self.reply(tracker), yes, "/deny")
            return []
        if refuses_a_guess(tracker):
            note_refused_guess(self.services, tracker, self.language(tracker))
            dispatcher.utter_message(response="utter_ask_rephrase")
        else:
            dispatcher.utter_message(response="utter_anything_else")
        return []


class ActionOutOfScope(LocalizedAction):
    """Unrelated requests get the polite limits, unless the message names one of our
    courses unmistakably: "I only help with courses" would then be wrong, so the course is
    shown. A course word inside another sentence ("jeg må på butikken først") may be an
    everyday word, so the limits come first and the course is only offered."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        catalogue = self.catalogue()
        mention = matcher_for(catalogue).mention(tracker.latest_message.get("text"))
        course = catalogue.courses.get(mention.course) if mention else None
        if mention and course and mention.unmistakable:
            return ActionCourseDetails().show(dispatcher, tracker, catalogue, course)
        dispatcher.utter_message(response="utter_out_of_scope")
        if course:
            reply = self.reply(tracker)
            reply.add(reply.t("If you meant the course «%(course)s», I can tell you about it.",
                              course=reply.c(course.name)))
            buttons = course_buttons([course], reply, "course_details")
            reply.send(dispatcher, raw_buttons=buttons, offer=buttons[0]["payload"])
        return []
