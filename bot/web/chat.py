"""Participants' web chat: the page at `/`, `/chat/send` (to Rasa), `/chat/answers`, `/chat/restart`.

The browser talks only to this server (same origin). The conversation is the one the
server handed out in a cookie (identity.py); whatever the browser says about who it is,
is ignored. `/chat/send` checks the message and the limits, forwards it to Rasa's REST
webhook with the channel and the picked language as metadata, and tells the page the
language and direction of the reply; `/chat/answers` returns the caseworkers' answers to
this conversation's questions; `/chat/restart` ("Start over") hands out a new conversation.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Dict, List, Optional, Tuple

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import texts
from bot.escalations.queue import answered_for_sender
from bot.i18n.catalogs import MESSAGES, Translator
from bot.i18n.formatting import RLM
from bot.language.supported import LANGUAGES, is_rtl, negotiate, normalise_code
from bot.rasa_client import RasaUnavailable
from bot.web import identity
from bot.web.clients import request_client
from bot.web.context import blocking, render, web
from bot.web.limits import RateLimiter

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 4000

# Page texts by key, each looked up in the `messages` catalog per language.
PAGE_TEXTS = {
    "title": texts.WEB_TITLE, "placeholder": texts.WEB_PLACEHOLDER, "send": texts.WEB_SEND,
    "language": texts.WEB_LANGUAGE, "server_down": texts.SERVER_DOWN,
    "caseworker_answer": texts.CASEWORKER_ANSWER, "conversation": texts.WEB_CONVERSATION,
    "you_said": texts.WEB_YOU_SAID, "bot_said": texts.WEB_BOT_SAID, "waiting": texts.WEB_WAITING,
    "start_over": texts.WEB_START_OVER, "start_over_confirm": texts.WEB_START_OVER_CONFIRM,
    "empty": texts.WEB_EMPTY, "too_many": texts.WEB_TOO_MANY,
}
# Texts with placeholders the page fills in itself.
PAGE_TEMPLATES: Dict[str, Tuple[str, Dict[str, Any]]] = {
    "caseworker_answer": (texts.CASEWORKER_ANSWER, {"reference": "%(reference)s"}),
    "too_long": (texts.WEB_TOO_LONG, {"count": "%(count)s", "max": MAX_MESSAGE_CHARS}),
}

bp = Blueprint("chat")


def page_texts(translator: Translator, language: str) -> Dict[str, str]:
    """The page's texts in one language; `%(reference)s` and `%(count)s` stay for the page."""
    found = {key: translator.lookup(MESSAGES, language, msgid).text
             for key, msgid in PAGE_TEXTS.items()}
    for key, (msgid, params) in PAGE_TEMPLATES.items():
        found[key] = translator.lookup(MESSAGES, language, msgid, **params).text
    return found


def initial_language(request: Request, default: str) -> str:
    """The `?lang=` choice, else the browser's first supported language, else the default."""
    return (normalise_code(request.args.get("lang"))
            or negotiate(request.headers.get("accept-language")) or default)


@bp.get("/")
async def page(request: Request) -> HTTPResponse:
    """The chat page; JavaScript takes over language switching and messages.

    The conversation cookie is handed out here (or renewed), before the first message.
    """
    context = web(request)
    language = initial_language(request, context.settings.default_language)
    all_texts = {lang.code: page_texts(context.services.translator, lang.code) for lang in LANGUAGES}
    # Each visit renews the cookie's lifetime (or hands out a first conversation).
    request.ctx.chat_token = identity.token_of(request) or identity.new_token()
    return render(request, "chat.html", language=language, rtl=is_rtl(language),
                  languages=LANGUAGES, texts=all_texts[language], all_texts=all_texts,
                  rtl_languages=[lang.code for lang in LANGUAGES if lang.rtl],
                  max_chars=MAX_MESSAGE_CHARS, headers={"Cache-Control": "no-store"})


def _error(error: str, status: int, **extra: Any) -> HTTPResponse:
    return response.json({"error": error, **extra}, status=status)


def _server_down(request: Request, language: str) -> HTTPResponse:
    text = web(request).services.translator.gettext(language, texts.SERVER_DOWN)
    return _error("bot_unavailable", 503, message=text, language=language)


@bp.post("/chat/send")
async def send(request: Request) -> HTTPResponse:
    """Forwards one message of the cookie's conversation to Rasa.

    400 for an empty or too long message and 429 over the limits, each with a translated
    text; 503 with a translated text when Rasa cannot answer.
    """
    body = _json_body(request)
    if body is None:
        return _error("Send JSON: {\"message\": ..., \"language\": ...}", 400)
    message = body.get("message")
    language = normalise_code(body.get("language")) or web(request).settings.default_language
    # A "sender" in the body is ignored: the conversation is the cookie's.
    sender = _conversation(request)
    if not isinstance(message, str) or not message.strip():
        return _refused(request, "empty", 400, language, texts.WEB_EMPTY)
    if len(message) > MAX_MESSAGE_CHARS:
        return _refused(request, "too_long", 400, language, texts.WEB_TOO_LONG,
                        count=len(message), max=MAX_MESSAGE_CHARS)
    wait = _limited(request, sender)
    if wait:
        refusal = _refused(request, "too_many", 429, language, texts.WEB_TOO_MANY)
        refusal.headers["Retry-After"] = str(max(1, round(wait)))
        return refusal
    context = web(request)
    assert context.rasa is not None
    try:
        replies = await context.rasa.send(sender, message, {"channel": "web", "language": language})
    except RasaUnavailable as exc:
        logger.error("Rasa did not answer a message of %s: %s", sender, exc)
        return _server_down(request, language)
    reply_language = await context.rasa.language(sender) or language
    return response.json({"language": reply_language,
                          "replies": [_reply(r, reply_language) for r in replies]})


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
    """Caseworkers' answers to the questions of the cookie's conversation, oldest first."""
    token = identity.token_of(request)
    if token is None:  # no conversation yet, so no questions either
        return response.json({"answers": []}, headers={"Cache-Control": "no-store"})
    context = web(request)
    records = await blocking(answered_for_sender, context.services.escalations,
                             identity.sender_for(token))
    translator = context.services.translator
    return response.json({"answers": [{
        "reference": r.reference, "answer": r.answer, "language": r.language,
        "direction": "rtl" if is_rtl(r.language) else "ltr",
        "answered_at": _iso(r.answered_at),
        "heading": translator.gettext(r.language, texts.CASEWORKER_ANSWER, reference=r.reference),
    } for r in records]}, headers={"Cache-Control": "no-store"})


@bp.post("/chat/restart")
async def restart(request: Request) -> HTTPResponse:
    """Start over: a new conversation for this browser; the old one is out of its reach."""
    if _json_body(request) is None:
        return _error("Send JSON: {}", 400)
    request.ctx.chat_token = identity.new_token()
    return response.json({"restarted": True}, headers={"Cache-Control": "no-store"})


def _json_body(request: Request) -> Optional[Dict[str, Any]]:
    # Only JSON: a cross-site form cannot send it without a CORS preflight, which we never allow.
    try:
        body = request.json if "json" in (request.content_type or "") else None
    except Exception:
        body = None
    return body if isinstance(body, dict) else None


def _refused(request: Request, error: str, status: int, language: str, msgid: str,
             **params: Any) -> HTTPResponse:
    """A refusal the participant can act on, in their language; the page keeps their text."""
    text = web(request).services.translator.gettext(language, msgid, **params)
    return _error(error, status, message=text, language=language)


def _limited(request: Request, sender: str) -> float:
    """Seconds to wait before this conversation and this address may send again (0: now)."""
    context = web(request)
    limiter: RateLimiter = request.app.ctx.chat_limiter
    address = request_client(request, context.settings.trusted_proxies)
    return limiter.take([(f"conversation:{sender}", context.settings.web_messages_per_minute),
                         (f"address:{address}", context.settings.web_address_messages_per_minute)])


def _conversation(request: Request) -> str:
    """The cookie's conversation; a new one (its cookie set on the response) if there is none."""
    token = identity.token_of(request)
    if token is None:
        token = request.ctx.chat_token = identity.new_token()
    return identity.sender_for(token)


@bp.middleware("response")
async def hand_out_conversation(request: Request, resp: HTTPResponse) -> None:
    """Sets the conversation cookie chosen while handling the request, whatever the answer."""
    token = getattr(request.ctx, "chat_token", None)
    if token:
        identity.set_cookie(resp, token, web(request).settings)
