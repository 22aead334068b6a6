"""REST channel: Rasa's `/webhooks/rest/webhook` with input checks.

The stock channel answers HTTP 500 to an empty body, `null` or `[]`. This one
answers a clear 400 for malformed requests, trims oversized messages instead of
failing, and passes `metadata.language` on as the language hint.

It is also the door every participant text passes (the web chat and Telegram
processes use it too): the text is masked (bot/masking.py) before Rasa sees it, so
the NLU, the tracker store, slots filled from text and every log get the masked text
only. The kinds of what was masked go on in `metadata.masked`, for the bot to say so.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Union

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import get_settings
from bot.i18n.catalogs import get_translator
from bot.i18n.formatting import directional
from bot.language.supported import normalise_code
from bot.masking import mask
from bot.rasa_client import CHANNEL_TOKEN_HEADER

logger = logging.getLogger(__name__)

# The domain's utter_error text (translated in the messages catalog).
APOLOGY = "Sorry, something went wrong on our side. Please try again in a moment."

MAX_MESSAGE_CHARS = 4000
# Fits the sender id columns of the tracker store and the escalation store
# (tests/bot/escalations/test_limits.py checks).
MAX_SENDER_CHARS = 128

# Conversation ids whose prefix a process of ours owns name the channel; a caller's own
# `metadata.channel` is never believed (it decides where caseworkers' answers are pushed).
CHANNEL_PREFIXES = (("telegram-", "telegram"), ("web-", "web"))
# What the channels may pass in metadata, and how long a text value may be; anything
# else is dropped, so no participant text reaches the tracker store by that way.
METADATA_KEYS = {"language": 16, "language_code": 16, "chat_id": 32}
RESERVED_SENDER = ("Conversation ids that start with \"telegram-\" or \"web-\" belong to the bot's own "
                   "channels; choose another sender id.")


def _error(message: str, status: int = 400) -> HTTPResponse:
    return response.json({"error": message}, status=status)


def parse_body(request: Request) -> Union[Dict[str, Any], HTTPResponse]:
    """The validated JSON body, or the 400 response to send."""
    try:
        body = request.json
    except Exception:
        return _error("The body must be JSON: {\"sender\": \"...\", \"message\": \"...\"}.")
    if not isinstance(body, dict):
        return _error("The body must be a JSON object with \"sender\" and \"message\".")
    sender, message = body.get("sender"), body.get("message")
    if isinstance(sender, (int, float)) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS \
            or not sender.isprintable():
        return _error(f"\"sender\" must be a non-empty string of at most {MAX_SENDER_CHARS} "
                      "printable characters.")
    if not isinstance(message, str):
        return _error("\"message\" must be a string.")
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        return _error("\"metadata\" must be a JSON object if given.")
    return {"sender": sender.strip(), "message": message, "metadata": metadata or {}}


async def _language_of(request: Request, sender: str) -> Optional[str]:
    """The conversation's `language` slot, read through Rasa's own tracker store."""
    for attempt in range(3):
        try:
            tracker = await request.app.ctx.agent.tracker_store.retrieve(sender)
            return normalise_code(tracker.get_slot("language")) if tracker else None
        except Exception:
            # A SQLite tracker store may be busy for a moment with the write of this turn.
            logger.warning("Could not read the language of %s (try %d)", sender, attempt + 1, exc_info=True)
            await asyncio.sleep(0.2)
    return None


def clean_text(text: str) -> str:
    """Drops control and bidi-override characters and lone surrogates (which no database
    can store); keeps at most MAX_MESSAGE_CHARS."""
    kept = "".join(ch for ch in text if ch in "\n\t" or not (
        ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or 0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069
        or 0xD800 <= ord(ch) <= 0xDFFF))
    return kept[:MAX_MESSAGE_CHARS]


def channel_of(sender: str) -> str:
    """The channel of a conversation, by the sender-id prefix its process owns."""
    return next((channel for prefix, channel in CHANNEL_PREFIXES if sender.startswith(prefix)), "rest")


def speaks_for_channel(request: Request, sender: str) -> bool:
    """Whether the caller may use `sender`: ids of our channels' prefixes need the API token.

    Otherwise anyone who can reach the webhook (through the balancer too) could speak as
    a Telegram or web chat participant: read their answers, delete their data.
    """
    if channel_of(sender) == "rest":
        return True
    token = get_settings().rasa_token
    given = request.headers.get(CHANNEL_TOKEN_HEADER, "")
    return bool(token) and hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


def trusted_metadata(sender: str, given: Dict[str, Any]) -> Dict[str, Any]:
    """The caller's metadata reduced to short known values, with the channel set by us."""
    kept: Dict[str, Any] = {}
    for key, limit in METADATA_KEYS.items():
        value = given.get(key)
        if isinstance(value, bool) or not isinstance(value, (str, int)) or len(str(value)) > limit:
            continue
        kept[key] = value
    kept["channel"] = channel_of(sender)
    return kept


class RestChannel(RestInput):
    """Same URL and answers as Rasa's REST channel, with checked input."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("amo_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            parsed = parse_body(request)
            if isinstance(parsed, HTTPResponse):
                return parsed
            if not speaks_for_channel(request, parsed["sender"]):
                return _error(RESERVED_SENDER, 403)
            masked = mask(clean_text(parsed["message"]))
            text = masked.text
            metadata = trusted_metadata(parsed["sender"], parsed["metadata"])
            if masked.changed:
                metadata["masked"] = list(masked.kinds)
            if not text.strip():
                # An empty message still gets an answer: the bot asks what the participant wants.
                text = "/greet"
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(text, collector, parsed["sender"],
                                                 input_channel=self.name(), metadata=metadata))
            except Exception:
                logger.exception("Message of %s could not be handled", parsed["sender"])
                return _error("The bot could not handle this message; please try again.", 503)
            if not collector.messages:
                # Every message gets an answer; none means an action failed (e.g. the action
                # server is down). Apologise in the participant's language; the message is
                # in the tracker, and the conversation goes on when the server is back.
                language = await _language_of(request, parsed["sender"]) or \
                    normalise_code(metadata.get("language")) or get_settings().default_language
                apology = get_translator().gettext(language, APOLOGY)
                collector.messages.append({"recipient_id": parsed["sender"],
                                           "text": directional(apology, language)})
            return response.json(collector.messages)

        return webhook

    def get_metadata(self, request: Request) -> Optional[Dict[str, Any]]:
        body = request.json if isinstance(request.json, dict) else {}
        metadata, sender = body.get("metadata"), body.get("sender")
        if not isinstance(metadata, dict) or not isinstance(sender, str):
            return None
        return trusted_metadata(sender.strip(), metadata)
