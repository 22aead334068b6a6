"""Notes the messages the bot was unsure about in the NLU inbox (bot/learning/inbox.py).

Called from the actions that see each case: every message passes
`action_validate_slot_mappings` (fallback, low confidence, unsupported language), and a
"No" to "did you mean ...?" arrives as `/out_of_scope` right after the question.
Never fails a turn: a database problem is logged and the conversation goes on.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

from bot.learning import inbox
from bot.services import Services

logger = logging.getLogger(__name__)

ASK_AFFIRMATION = "action_default_ask_affirmation"
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


def note_refused_guess(services: Services, tracker: Tracker, language: str) -> None:
    """After "No" to "did you mean ...?", stores the message the guess was about."""
    if (tracker.latest_message or {}).get("text") != REFUSE_PAYLOAD:
        return
    events: List[Dict[str, Any]] = list(tracker.events)
    actions = [e.get("name") for e in events if e.get("event") == "action"]
    if ASK_AFFIRMATION not in actions[-4:]:
        return
    users = [e for e in events if e.get("event") == "user" and not str(e.get("text") or "").startswith("/")]
    if not users:
        return
    original = users[-1]
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
