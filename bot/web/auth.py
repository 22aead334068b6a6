"""Caseworker login: server-side sessions, CSRF tokens and a rate limit on failed logins.

- Sessions: a random id in an HttpOnly, SameSite=Lax cookie scoped to /dashboard; the
  row in `web_sessions` ends 8 hours after login or 30 minutes after the last request.
- CSRF: every POST behind the login carries the session's token; the login form itself
  (no session yet) uses a double-submit cookie.
- Rate limit (bot.accounts.logins, in the database): 5 failed logins in 5 minutes for a
  user name, or 20 from a client address, turn further attempts away with 429 until the
  window has passed, even with the right password. The client address is read through
  the trusted proxies of `AMO_TRUSTED_PROXIES` (bot.web.clients).
- Audit: every login, logout and failed login is written to the audit log.
"""

from __future__ import annotations

import functools
import hmac
import logging
import secrets
from dataclasses import dataclass
from typing import Any, Callable, Coroutine, Dict, Optional
from urllib.parse import quote

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.accounts import audit, sessions, users
from bot.accounts.logins import LoginLimiter
from bot.accounts.sessions import Lifetime, WebSession
from bot.accounts.users import User, authenticate, get_user
from bot.web.clients import request_client
from bot.web.context import blocking, web
from bot.web.locale import D_
from bot.web.pages import dashboard_page, gettext

logger = logging.getLogger(__name__)

SESSION_COOKIE = "amo_session"
LOGIN_CSRF_COOKIE = "amo_login_csrf"
LIFETIME = Lifetime()
UNKNOWN_USER = "(unknown)"

WRONG_LOGIN = D_("Wrong user name or password.")
TOO_MANY = D_("Too many failed logins. Wait %(minutes)s minutes and try again.")
FORM_EXPIRED = D_("This form has expired or was sent from another site. Reload the page and try again.")

Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]


@dataclass(frozen=True)
class Caseworker:
    """The logged-in user of a request, with their session."""

    user: User
    session: WebSession
    session_id: str


def tokens_match(sent: Optional[str], expected: Optional[str]) -> bool:
    return bool(sent) and bool(expected) and hmac.compare_digest(str(sent), str(expected))


async def current_caseworker(request: Request) -> Optional[Caseworker]:
    """The caseworker of the session cookie, or None (no cookie, expired, account deleted)."""
    session_id = request.cookies.get(SESSION_COOKIE)
    if not session_id:
        return None
    store = web(request).services.escalations
    session = await blocking(sessions.resume, store, session_id, LIFETIME)
    if session is None:
        return None
    user = await blocking(get_user, store, session.username)
    if user is None:
        await blocking(sessions.end, store, session_id)
        return None
    return Caseworker(user, session, session_id)


def forbidden(request: Request) -> HTTPResponse:
    return dashboard_page(request, "message.html", status=403, message=gettext(request)(FORM_EXPIRED))


def login_required(handler: Handler) -> Handler:
    """Sends visitors without a live session to the login page; checks CSRF on every POST."""
    @functools.wraps(handler)
    async def wrapped(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
        caseworker = await current_caseworker(request)
        if caseworker is None:
            target = request.path if request.method == "GET" else "/dashboard"
            return response.redirect(f"/dashboard/login?next={quote(target)}", status=303)
        request.ctx.caseworker = caseworker
        if request.method == "POST" and not tokens_match(
                request.form.get("csrf_token"), caseworker.session.csrf_token):
            logger.warning("CSRF token missing or wrong: %s %s by %s", request.method,
                           request.path, caseworker.user.username)
            return forbidden(request)
        return await handler(request, *args, **kwargs)
    return wrapped


def safe_next(target: Optional[str]) -> str:
    """Only a dashboard path: a login link must not send anyone to another site."""
    if target and target.startswith("/dashboard") and "//" not in target and "\\" not in target:
        return target
    return "/dashboard"


def _set_cookie(resp: HTTPResponse, request: Request, name: str, value: str, path: str,
                max_age: int) -> None:
    resp.cookies[name] = value
    cookie = resp.cookies[name]
    cookie["path"] = path
    cookie["max-age"] = max_age
    cookie["httponly"] = True
    cookie["samesite"] = "Lax"
    if web(request).settings.web_cookie_secure:
        cookie["secure"] = True


bp = Blueprint("auth", url_prefix="/dashboard")


def _record_failure(store: Any, username: str, address: str) -> None:
    """A failed login in the audit log, under the name only if such an account exists:
    what someone typed into the name field may be a password, and is not kept."""
    known = bool(username) and users.exists(store, username)
    audit.record(store, username if known else UNKNOWN_USER, "login_failed", "",
                 f"from {address}")
    logger.warning("Failed login of %s from %s", "an existing account" if known else
                   "an unknown user name", address)


def _login_page(request: Request, status: int = 200, error: str = "",
                headers: Optional[Dict[str, str]] = None, **params: Any) -> HTTPResponse:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if len(token) != 43:  # token_urlsafe(32); anything else was not made by us
        token = secrets.token_urlsafe(32)
    _ = gettext(request)
    posted = request.method == "POST"
    fields = request.form if posted else request.args
    resp = dashboard_page(request, "login.html", status=status, headers=headers,
                          login_token=token, error=_(error, **params) if error else "",
                          next=safe_next(fields.get("next")),
                          username=(request.form.get("username") or "") if posted else "")
    _set_cookie(resp, request, LOGIN_CSRF_COOKIE, token, "/dashboard/login", 3600)
    return resp


@bp.get("/login")
async def login_form(request: Request) -> HTTPResponse:
    """The login form."""
    if await current_caseworker(request):
        return response.redirect(safe_next(request.args.get("next")), status=303)
    return _login_page(request)


@bp.post("/login")
async def login(request: Request) -> HTTPResponse:
    """Checks the form token, the rate limit and the password; starts a session."""
    context = web(request)
    if not tokens_match(request.form.get("csrf_token"), request.cookies.get(LOGIN_CSRF_COOKIE)):
        return _login_page(request, status=403, error=FORM_EXPIRED)
    username = (request.form.get("username") or "").strip()[:64]
    password = request.form.get("password") or ""
    store = context.services.escalations
    limiter = LoginLimiter(store.database)
    address = request_client(request, context.settings.trusted_proxies)
    wait = await blocking(limiter.retry_after, username, address)
    if wait > 0:
        logger.warning("Login from %s refused: too many failures", address)
        minutes = max(1, round(wait / 60))
        return _login_page(request, status=429, error=TOO_MANY, minutes=minutes,
                           headers={"Retry-After": str(int(wait) + 1)})
    params = users.scrypt_params(context.settings)
    user = await blocking(authenticate, store, username, password, params) if username else None
    if user is None:
        await blocking(limiter.failed, username, address)
        await blocking(_record_failure, store, username, address)
        return _login_page(request, status=401, error=WRONG_LOGIN)
    await blocking(limiter.succeeded, username)
    await blocking(sessions.purge_expired, store, LIFETIME)
    session_id, _session = await blocking(sessions.start, store, user.username)
    await blocking(audit.record, store, user.username, "login", "", f"from {address}")
    logger.info("%s logged in from %s", user.username, address)
    resp = response.redirect(safe_next(request.form.get("next")), status=303)
    _set_cookie(resp, request, SESSION_COOKIE, session_id, "/dashboard",
                int(LIFETIME.absolute.total_seconds()))
    _set_cookie(resp, request, LOGIN_CSRF_COOKIE, "", "/dashboard/login", 0)
    return resp


@bp.post("/logout")
@login_required
async def logout(request: Request) -> HTTPResponse:
    """Ends the session here and in the database."""
    caseworker: Caseworker = request.ctx.caseworker
    store = web(request).services.escalations
    await blocking(sessions.end, store, caseworker.session_id)
    await blocking(audit.record, store, caseworker.user.username, "logout", "")
    resp = response.redirect("/dashboard/login", status=303)
    _set_cookie(resp, request, SESSION_COOKIE, "", "/dashboard", 0)
    return resp
