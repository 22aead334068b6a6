"""Participants' web chat: the page at `/`, `/chat/send` (to Rasa) and `/chat/answers`.

The browser talks only to this server (same origin). `/chat/send` forwards a message
to Rasa's REST webhook with the channel and the picked language as metadata, and
tells the page the language and direction of the reply; `/chat/answers` returns the
caseworkers' answers to the participant's questions, for the page to show.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from typing import Any, Dict, List, Optional

import aiohttp
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import texts
from bot.escalations.queue import answered_for_sender
from bot.i18n.catalogs import MESSAGES, Translator
from bot.i18n.formatting import RLM
from bot.language.supported import BY_CODE, LANGUAGES, is_rtl, negotiate, normalise_code
from bot.web.context import blocking, render, web

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 4000
# The page makes "web-" + 32 hex digits; anything of this shape is accepted as an id.
SENDER = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
RASA_TIMEOUT = aiohttp.ClientTimeout(total=60, connect=3)
TRACKER_TIMEOUT = aiohttp.ClientTimeout(total=5, connect=2)

# Page texts by key, each looked up in the `messages` catalog per language.
PAGE_TEXTS = {
    "title": texts.WEB_TITLE, "placeholder": texts.WEB_PLACEHOLDER, "send": texts.WEB_SEND,
    "language": texts.WEB_LANGUAGE, "server_down": texts.SERVER_DOWN,
    "caseworker_answer": texts.CASEWORKER_ANSWER, "conversation": texts.WEB_CONVERSATION,
    "you_said": texts.WEB_YOU_SAID, "bot_said": texts.WEB_BOT_SAID, "waiting": texts.WEB_WAITING,
}

bp = Blueprint("chat")


def page_texts(translator: Translator, language: str) -> Dict[str, str]:
    """The page's texts in one language; `%(reference)s` stays for the page to fill in."""
    found = {key: translator.lookup(MESSAGES, language, msgid).text
             for key, msgid in PAGE_TEXTS.items() if key != "caseworker_answer"}
    found["caseworker_answer"] = translator.lookup(
        MESSAGES, language, texts.CASEWORKER_ANSWER, reference="%(reference)s").text
    return found


def initial_language(request: Request, default: str) -> str:
    """The `?lang=` choice, else the browser's first supported language, else the default."""
    return (normalise_code(request.args.get("lang"))
            or negotiate(request.headers.get("accept-language")) or default)


@bp.get("/")
async def page(request: Request) -> HTTPResponse:
    """The chat page; JavaScript takes over language switching and messages."""
    context = web(request)
    language = initial_language(request, context.settings.default_language)
    all_texts = {lang.code: page_texts(context.services.translator, lang.code) for lang in LANGUAGES}
    return render(request, "chat.html", language=language, rtl=is_rtl(language),
                  languages=LANGUAGES, texts=all_texts[language], all_texts=all_texts,
                  rtl_languages=[lang.code for lang in LANGUAGES if lang.rtl])


def _error(error: str, status: int, **extra: Any) -> HTTPResponse:
    return response.json({"error": error, **extra}, status=status)


def _server_down(request: Request, language: str) -> HTTPResponse:
    text = web(request).services.translator.gettext(language, texts.SERVER_DOWN)
    return _error("bot_unavailable", 503, message=text, language=language)


async def _reply_language(http: aiohttp.ClientSession, base: str, sender: str) -> Optional[str]:
    """The conversation's language after the reply (the `language` slot), if Rasa tells us."""
    try:
        async with http.get(f"{base}/conversations/{sender}/tracker",
                            params={"include_events": "NONE"}, timeout=TRACKER_TIMEOUT) as resp:
            if resp.status != 200:
                return None
            slots = (await resp.json()).get("slots") or {}
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        return None
    language = slots.get("language")
    return language if language in BY_CODE else None


@bp.post("/chat/send")
async def send(request: Request) -> HTTPResponse:
    """Forwards one message to Rasa; 503 with a translated text when Rasa cannot answer."""
    # Only JSON: a cross-site form cannot send it without a CORS preflight, which we never allow.
    try:
        body = request.json if "json" in (request.content_type or "") else None
    except Exception:
        body = None
    if not isinstance(body, dict):
        return _error("Send JSON: {\"sender\": ..., \"message\": ..., \"language\": ...}", 400)
    sender, message = body.get("sender"), body.get("message")
    language = normalise_code(body.get("language")) or web(request).settings.default_language
    if not isinstance(sender, str) or not SENDER.match(sender):
        return _error("\"sender\" must be 8-64 letters, digits, - or _.", 400)
    if not isinstance(message, str) or not message.strip():
        return _error("\"message\" must be a non-empty string.", 400)
    if len(message) > MAX_MESSAGE_CHARS:
        return _error(f"\"message\" may have at most {MAX_MESSAGE_CHARS} characters.", 400)
    context = web(request)
    assert context.http is not None
    base = context.settings.rasa_url
    payload = {"sender": sender, "message": message,
               "metadata": {"channel": "web", "language": language}}
    try:
        async with context.http.post(f"{base}/webhooks/rest/webhook", json=payload,
                                     timeout=RASA_TIMEOUT) as resp:
            if resp.status != 200:
                logger.error("Rasa answered HTTP %s for %s", resp.status, sender)
                return _server_down(request, language)
            replies = await resp.json()
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
        logger.error("Rasa at %s not reachable: %s", base, exc)
        return _server_down(request, language)
    reply_language = await _reply_language(context.http, base, sender) or language
    return response.json({"language": reply_language,
                          "replies": [_reply(r, reply_language) for r in replies
                                      if isinstance(r, dict)]})


def _reply(reply: Dict[str, Any], language: str) -> Dict[str, Any]:
    text = str(reply.get("text") or "")
    # The NLG starts right-to-left lines with RLM: a reliable sign even if the language
    # could not be read from the tracker.
    rtl = is_rtl(language) or text.startswith(RLM)
    buttons: List[Dict[str, str]] = [
        {"title": str(b.get("title") or ""), "payload": str(b.get("payload") or "")}
        for b in reply.get("buttons") or [] if isinstance(b, dict) and b.get("payload")]
    return {"text": text, "buttons": buttons, "language": language,
            "direction": "rtl" if rtl else "ltr"}


def _iso(moment: Optional[dt.datetime]) -> Optional[str]:
    return moment.isoformat() if moment else None


@bp.get("/chat/answers")
async def answers(request: Request) -> HTTPResponse:
    """Caseworkers' answers to this participant's web questions, oldest first."""
    sender = request.args.get("sender") or ""
    if not SENDER.match(sender):
        return _error("\"sender\" must be 8-64 letters, digits, - or _.", 400)
    context = web(request)
    records = await blocking(answered_for_sender, context.services.escalations, sender)
    translator = context.services.translator
    return response.json({"answers": [{
        "reference": r.reference, "answer": r.answer, "language": r.language,
        "direction": "rtl" if is_rtl(r.language) else "ltr",
        "answered_at": _iso(r.answered_at),
        "heading": translator.gettext(r.language, texts.CASEWORKER_ANSWER, reference=r.reference),
    } for r in records]}, headers={"Cache-Control": "no-store"})
