"""A yes or no that may mean either. Spoken Polish says "no" for yes ("no, jasne", "no
dobra"): from a participant writing Polish, a bare "no" after an offer is asked about
("yes or no?", with both buttons), never taken for a refusal nor for a yes. A yes that
cannot be undone (deleting one's data) is taken only from its button or a short, sure
yes: a longer message read as a yes is asked about the same way."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.base import Reply
from bot.i18n.catalogs import N_
from bot.masking import PLACEHOLDER

_POLISH_NO = re.compile(r"n+o+[.!?…]*")
NOT_SURE = N_("I am not sure whether you mean yes or no.")
# A typed yes that does what cannot be undone: a few words, read as a yes this surely.
SURE_YES_WORDS = 5
SURE_YES_CONFIDENCE = 0.8


def ambiguous_no(text: Optional[str], language: str) -> bool:
    return language == "pl" and _POLISH_NO.fullmatch((text or "").strip().lower()) is not None


def sure_yes(message: Dict[str, Any]) -> bool:
    """Whether the participant's latest message (Rasa's parse of it) is a yes that may do
    what cannot be undone: the Yes button, or a few words read as a yes with high
    confidence. A message that gives something, such as a masked e-mail address ("my
    e-mail is [E-MAIL] please"), is no such yes, however it was read."""
    text = str(message.get("text") or "").strip()
    if text.startswith("/"):
        return text.partition("{")[0] == "/affirm"
    intent = message.get("intent") or {}
    return (intent.get("name") == "affirm" and float(intent.get("confidence") or 0.0) >= SURE_YES_CONFIDENCE
            and 0 < len(text.split()) <= SURE_YES_WORDS and PLACEHOLDER.search(text) is None)


def ask_yes_or_no(dispatcher: CollectingDispatcher, reply: Reply, yes: str, no: str) -> None:
    """Asks again, with buttons that do what a clear yes and no would (`yes`, `no`: their
    payloads); a typed yes then does what the Yes button does (actions/fallback.py)."""
    reply.add(reply.t(NOT_SURE))
    reply.send(dispatcher, buttons=[(N_("Yes"), yes), (N_("No"), no)], offer=yes, clarifies=True)


def ask_again(dispatcher: CollectingDispatcher, reply: Reply, question: str) -> List[Dict[str, Any]]:
    """Says the answer was not a sure yes or no, and puts `question` (a response whose
    buttons answer it, such as utter_confirm_delete) again: the events to return."""
    reply.add(reply.t(NOT_SURE))
    reply.send(dispatcher)
    return [FollowupAction(question)]
