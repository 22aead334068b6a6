"""Who a web chat participant is: a conversation the server hands out in a cookie.

The browser never names its conversation. The cookie holds a random token of 192 bits
(HttpOnly, so page scripts cannot read it; SameSite=Strict, so other sites cannot send
it); the conversation id that Rasa, the escalation store and the logs see is a hash of
it, so whoever reads a stored id still cannot speak as that participant. "Start over"
hands out a new token: the old conversation is then out of reach of that browser.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Optional

from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import Settings

COOKIE = "amo_chat"
SENDER_PREFIX = "web-"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def sender_for(token: str) -> str:
    """The conversation id of a cookie token: "web-" and 128 bits of its SHA-256."""
    return SENDER_PREFIX + hashlib.sha256(token.encode("ascii")).hexdigest()[:32]


def token_of(request: Request) -> Optional[str]:
    """The request's conversation token, if it carries a well-formed one."""
    token = request.cookies.get(COOKIE) or ""
    return token if _TOKEN.match(token) else None


def set_cookie(resp: HTTPResponse, token: str, settings: Settings) -> None:
    """Hands the token to the browser (again: each visit renews its lifetime)."""
    resp.cookies[COOKIE] = token
    cookie = resp.cookies[COOKIE]
    cookie["path"] = "/"
    cookie["max-age"] = max(settings.web_conversation_days, 1) * 24 * 3600
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["secure"] = settings.web_cookie_secure
