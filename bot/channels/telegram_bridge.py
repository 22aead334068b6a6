"""Telegram bridge: Rasa's REST answers turned into Telegram messages, and back.

The pure conversions between the two sides (Rasa is reached through
bot.rasa_client): conversation ids, replies merged and split into messages of at most 4096 characters, Rasa
buttons as inline keyboards, and button payloads that fit Telegram's 64-byte
`callback_data`.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.channels.bounded import BoundedDict

logger = logging.getLogger(__name__)

MAX_MESSAGE_LENGTH = 4096  # Bot API limit for sendMessage text, in UTF-16 code units
MAX_CALLBACK_DATA = 64  # Bot API limit for callback_data, in bytes
SHORT_TITLE = 16  # titles up to this length share a keyboard row
SENDER_PREFIX = "telegram-"
RLM = "\u200f"

# A sentence ends with one of these, followed by white space (Latin, Arabic, Ethiopic, Armenian).
_SENTENCE_END = re.compile(r"[.!?…؟።፧։](?=\s)")


def sender_for(chat_id: int) -> str:
    """The Rasa conversation id of a Telegram chat."""
    return f"{SENDER_PREFIX}{chat_id}"


def chat_id_of(sender_id: str) -> Optional[int]:
    """The Telegram chat id in a Rasa conversation id, or None if it is not a Telegram one."""
    if not sender_id.startswith(SENDER_PREFIX):
        return None
    try:
        return int(sender_id[len(SENDER_PREFIX):])
    except ValueError:
        return None


class CallbackPayloads:
    """Rasa button payloads as Telegram `callback_data` (at most 64 bytes).

    Short payloads travel as they are. A longer one travels as a key derived from its
    hash, remembered here; the map is per process and bounded, so after a restart or
    eviction a key may be unknown (the channel then falls back to the button's title).
    """

    PREFIX = "#"

    def __init__(self, capacity: int = 10_000):
        self._payloads: BoundedDict[str, str] = BoundedDict(capacity)

    def data_for(self, payload: str) -> str:
        if len(payload.encode("utf-8")) <= MAX_CALLBACK_DATA and not payload.startswith(self.PREFIX):
            return payload
        key = self.PREFIX + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]
        self._payloads[key] = payload
        return key

    def payload_for(self, data: str) -> Optional[str]:
        """The payload behind `callback_data`, or None if the key is no longer known."""
        if not data.startswith(self.PREFIX):
            return data
        return self._payloads.get(data)


def keyboard(buttons: Sequence[Dict[str, Any]], payloads: CallbackPayloads) -> Optional[InlineKeyboardMarkup]:
    """Rasa buttons as an inline keyboard: short titles two to a row, long ones alone."""
    rows: List[List[InlineKeyboardButton]] = []
    waiting: Optional[InlineKeyboardButton] = None
    for button in buttons:
        payload = str(button.get("payload") or button.get("title") or "")
        title = str(button.get("title") or payload)
        if not payload:
            continue
        item = InlineKeyboardButton(title, callback_data=payloads.data_for(payload))
        if len(title) <= SHORT_TITLE:
            if waiting is None:
                waiting = item
            else:
                rows.append([waiting, item])
                waiting = None
            continue
        if waiting is not None:  # keep the buttons in Rasa's order
            rows.append([waiting])
            waiting = None
        rows.append([item])
    if waiting is not None:
        rows.append([waiting])
    return InlineKeyboardMarkup(rows) if rows else None


def utf16_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def _fitting_prefix(text: str, limit: int) -> int:
    """The largest index i such that text[:i] is at most `limit` UTF-16 code units."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return index
    return len(text)


def _cut_point(window: str) -> int:
    """Where to end a part: a paragraph, a line, a sentence, then a space; else a hard cut."""
    # A boundary in the first half would leave a stub message; try the next kind instead.
    floor = len(window) // 2
    for finder in (lambda w: w.rfind("\n\n"), lambda w: w.rfind("\n"), _last_sentence_end,
                   _last_space):
        position = finder(window)
        if position > floor:
            return position
    return len(window)


def _last_sentence_end(window: str) -> int:
    ends = [match.end() for match in _SENTENCE_END.finditer(window)]
    return ends[-1] if ends else -1


def _last_space(window: str) -> int:
    match = re.search(r"\s(?=\S*$)", window)
    return match.start() if match else -1


def split_text(text: str, limit: int = MAX_MESSAGE_LENGTH) -> List[str]:
    """Splits `text` into parts of at most `limit` characters, at sentence boundaries if it can."""
    text = text.strip()
    # Right-to-left replies mark each line; a part that starts mid-line gets the mark too.
    rtl = text.startswith(RLM)
    budget = limit - 1 if rtl else limit
    parts: List[str] = []
    while utf16_length(text) > limit:
        window = text[:_fitting_prefix(text, budget)]
        cut = _cut_point(window)
        part, text = text[:cut].rstrip(), text[cut:].lstrip()
        if part:
            parts.append(part)
        if rtl and text and not text.startswith(RLM):
            text = RLM + text
    if text:
        parts.append(text)
    return parts


@dataclass(frozen=True)
class Outgoing:
    """One Telegram message to send: text and, on the last part of a reply, its keyboard."""

    text: str
    keyboard: Optional[InlineKeyboardMarkup] = None


def outgoing(replies: Sequence[Dict[str, Any]], payloads: CallbackPayloads) -> List[Outgoing]:
    """Rasa's replies to one message as Telegram messages.

    Rasa's REST channel cuts a text at every blank line into separate replies; sent one
    by one they would flood the chat (and meet Telegram's limit of about one message per
    second per chat), so consecutive texts are joined again, up to the next keyboard.
    """
    messages: List[Outgoing] = []
    texts: List[str] = []

    def flush(markup: Optional[InlineKeyboardMarkup]) -> None:
        joined = "\n\n".join(texts).strip()
        texts.clear()
        if not joined:
            if markup is None:
                return
            if messages and messages[-1].keyboard is None:
                messages[-1] = Outgoing(messages[-1].text, markup)
                return
            joined = "…"  # Telegram sends no keyboard without text
        parts = split_text(joined)
        messages.extend(Outgoing(part) for part in parts[:-1])
        messages.append(Outgoing(parts[-1], markup))

    for reply in replies:
        for key in ("text", "image", "attachment"):
            value = reply.get(key)
            if value:  # an image or attachment URL is shown as a link
                texts.append(str(value))
        if reply.get("custom"):
            logger.warning("A custom reply cannot be shown on Telegram and was left out: %.200s",
                           reply["custom"])
        buttons = reply.get("buttons")
        if buttons:
            flush(keyboard(buttons, payloads))
    flush(None)
    return messages
