"""Notes the messages the bot was unsure about in the NLU inbox (bot/learning/inbox.py).

Called from the actions that see each case: every message passes
`action_validate_slot_mappings` (fallback, low confidence, unsupported language), and a
"No" to "did you mean ...?" (the button's `/out_of_scope`, or a typed no) answers the bot
message that carries the offer (actions/fallback.py).
Never fails a turn: a database problem is logged and the conversation goes on.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker

from bot.learning import inbox
from bot.services import Services

logger = logging.getLogger(__name__)

REFUSE_PAYLOAD = "/out_of_scope"


def _channel(message: Dict[str, Any]) -> str:
    metadata = message.get("metadata") or {}
    return str(metadata.get("channel") or message.get("input_channel") or "rest")


def _best_guess(message: Dict[str, Any]) -> Optional[str]:
    ranking = [i.get("name") for i in message.get("intent_ranking") or [] if i.get("name") != "nlu_fallback"]
    return ranking[0] if ranking else None


def note_message(services: Services, tracker: Tracker, language: str, unsupported: bool) -> None:
    """Stores the latest message if the model was unsure of it."""
    message = tracker.latest_message or {}
    text = str(message.get("text") or "")
    if not text.strip() or text.startswith("/"):
        return
    intent = message.get("intent") or {}
    confidence = intent.get("confidence")
    if unsupported:
        reason, guess = "unsupported_language", _best_guess(message)
    elif intent.get("name") == "nlu_fallback":
        reason, guess = "fallback", _best_guess(message)
    elif confidence is not None and confidence < services.settings.inbox_confidence:
        reason, guess = "low_confidence", intent.get("name")
    else:
        return
    _store(services, text, language, _channel(message), reason, guess, confidence)


def answered_offer(tracker: Tracker) -> Optional[Tuple[str, Optional[Dict[str, Any]]]]:
    """The payload of the bot's last "did you mean ...?" and the participant message it was
    about, when the latest message answers it: nothing else was said in between (Rasa's
    two-stage fallback puts a typed answer back, so it can be there twice). After "yes or
    no?" (a Polish "no", actions/fallback.py) it is the offer asked about again, and the
    message is the one before the offer that "no" answered; none when that was no guess."""
    events: List[Dict[str, Any]] = list(tracker.events)
    found = _answered(events, len(events), (tracker.latest_message or {}).get("text"))
    if found is None or not found[1].get("offer"):
        return None
    at, metadata = found
    if metadata.get("clarifies"):
        said = next((i for i in range(at - 1, -1, -1) if events[i].get("event") == "user"), None)
        earlier = _answered(events, said + 1, events[said].get("text")) if said is not None else None
        if earlier is None or not earlier[1].get("offer"):
            return metadata["offer"], None
        at = earlier[0]
    about = next((e for e in reversed(events[:at]) if e.get("event") == "user"
                  and not str(e.get("text") or "").startswith("/")), None)
    return metadata["offer"], about


def _answered(events: List[Dict[str, Any]], end: int, latest: Any) -> Optional[Tuple[int, Dict[str, Any]]]:
    """The position and metadata of the bot message that the user message `latest`, the
    last before `end`, answers."""
    for at in range(end - 1, -1, -1):
        event = events[at]
        if event.get("event") == "user" and event.get("text") != latest:
            return None
        if event.get("event") == "bot":
            return at, event.get("metadata") or {}
    return None


def note_refused_guess(services: Services, tracker: Tracker, language: str) -> None:
    """After "No" to "did you mean ...?" (the button or in words), stores the message the
    guess was about."""
    message = tracker.latest_message or {}
    if message.get("text") != REFUSE_PAYLOAD and (message.get("intent") or {}).get("name") != "deny":
        return
    found = answered_offer(tracker)
    if not found or not found[1]:
        return
    original = found[1]
    parse = original.get("parse_data") or {}
    _store(services, str(original.get("text") or ""), language, _channel(parse | original),
           "refused_guess", _best_guess(parse), (parse.get("intent") or {}).get("confidence"))


def _store(services: Services, text: str, language: str, channel: str, reason: str,
           guess: Optional[str], confidence: Optional[float]) -> None:
    try:
        inbox.record(services.database, text, language, channel, reason, guess, confidence,
                     retention_days=services.settings.inbox_retention_days)
    except Exception:
        logger.warning("Could not note an unsure message in the NLU inbox", exc_info=True)
