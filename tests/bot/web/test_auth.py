"""Dashboard login: CSRF tokens, the login rate limit, session expiry and logout."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from bot.accounts.sessions import web_sessions
from bot.web.auth import LoginLimiter, safe_next
from tests.bot.web.conftest import PASSWORD
from tests.bot.web.server import WebServer


def test_dashboard_needs_a_login(web: WebServer) -> None:
    response = web.client().get("/dashboard/")
    assert response.status == 303
    assert response.location.startswith("/dashboard/login?next=")


def test_login_sets_an_httponly_lax_session_cookie(web: WebServer) -> None:
    client = web.client()
    response = client.login("anna", PASSWORD)
    assert response.status == 303 and response.location == "/dashboard/"
    cookie = next(c for c in response.headers.get_all("Set-Cookie") if c.startswith("amo_session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=28800" in cookie
    assert client.get("/dashboard/").status == 200


def test_login_without_the_form_token_is_refused(web: WebServer) -> None:
    client = web.client()
    client.get("/dashboard/login")
    response = client.post("/dashboard/login", {"username": "anna", "password": PASSWORD})
    assert response.status == 403
    assert client.get("/dashboard/").status == 303  # not logged in


def test_posts_without_the_session_token_change_nothing(web: WebServer) -> None:
    record = web.store.record("web-participant-1", "nb", "Når starter kurset?", channel="web",
                              office="oslo")
    client = web.client()
    client.login("anna", PASSWORD)
    for action, form in (("answer", {"answer": "Svar", "version": "1"}), ("close", {}),
                         ("assign", {})):
        response = client.post(f"/dashboard/e/{record.reference}/{action}", form)
        assert response.status == 403, action
        wrong = client.post(f"/dashboard/e/{record.reference}/{action}", {**form, "csrf_token": "x" * 43})
        assert wrong.status == 403, action
    unchanged = web.store.get(record.reference)
    assert unchanged is not None
    assert unchanged.status == "open" and unchanged.answer is None and unchanged.assigned_to is None


def test_five_failures_for_a_user_lock_further_attempts_with_429(web: WebServer) -> None:
    client = web.client()
    for _ in range(5):
        assert client.login("anna", "wrong password!").status == 401
    locked = client.login("anna", PASSWORD)  # even the right password, for now
    assert locked.status == 429
    assert "Retry-After" in locked.headers
    assert "For mange mislykkede innlogginger" in locked.text
    assert client.get("/dashboard/").status == 303


def test_five_failures_from_one_address_lock_other_user_names_too(web: WebServer) -> None:
    client = web.client()
    for name in ("a1", "a2", "a3", "a4", "a5"):
        assert client.login(name, "wrong password!").status == 401
    assert client.login("per", PASSWORD).status == 429


def test_session_ends_after_30_idle_minutes(web: WebServer) -> None:
    client = web.client()
    client.login("anna", PASSWORD)
    assert client.get("/dashboard/").status == 200
    _age_sessions(web, last_seen=dt.timedelta(minutes=31))
    response = client.get("/dashboard/")
    assert response.status == 303 and "/dashboard/login" in response.location


def test_session_ends_8_hours_after_login_even_when_active(web: WebServer) -> None:
    client = web.client()
    client.login("anna", PASSWORD)
    _age_sessions(web, created=dt.timedelta(hours=8, minutes=1), last_seen=dt.timedelta(minutes=1))
    assert client.get("/dashboard/").status == 303


def test_logout_ends_the_session_on_the_server(web: WebServer) -> None:
    client = web.client()
    client.login("anna", PASSWORD)
    stolen = client.cookie("amo_session")
    page = client.get("/dashboard/")
    assert client.post("/dashboard/logout", {"csrf_token": page.csrf_token()}).status == 303
    replay = web.client()
    assert replay.request("GET", "/dashboard/", headers={"Cookie": f"amo_session={stolen}"}).status == 303


def test_session_ids_are_stored_hashed(web: WebServer) -> None:
    client = web.client()
    client.login("anna", PASSWORD)
    with web.store.engine.connect() as conn:
        stored = [row.id_hash for row in conn.execute(sa.select(web_sessions))]
    assert stored and client.cookie("amo_session") not in stored


def test_limiter_window_passes() -> None:
    now = [1000.0]
    limiter = LoginLimiter(max_failures=5, window=300, clock=lambda: now[0])
    keys = limiter.keys("Anna", "10.0.0.1")
    for _ in range(5):
        limiter.failed(keys)
    assert 299 <= limiter.retry_after(keys) <= 300
    assert limiter.retry_after(limiter.keys("ANNA ", "10.0.0.2")) > 0  # user names fold case
    now[0] += 301
    assert limiter.retry_after(keys) == 0


def test_login_redirect_stays_on_the_dashboard() -> None:
    assert safe_next("/dashboard/e/K-ABCD") == "/dashboard/e/K-ABCD"
    for target in ("https://evil.example/", "//evil.example/dashboard", "/dashboard\\@evil", None, ""):
        assert safe_next(target) == "/dashboard"


def _age_sessions(web: WebServer, created: dt.timedelta = dt.timedelta(0),
                  last_seen: dt.timedelta = dt.timedelta(0)) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    with web.store.engine.begin() as conn:
        conn.execute(web_sessions.update().values(created_at=now - created,
                                                  last_seen_at=now - last_seen))
