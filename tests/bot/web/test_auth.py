"""Dashboard login: CSRF tokens, the login rate limit, session expiry, logout and audit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa

from bot.accounts import audit
from bot.accounts.sessions import web_sessions
from bot.web.auth import safe_next
from tests.bot.web.conftest import PASSWORD, add_account
from tests.bot.web.server import Client, WebApp, web_app


def login_via(client: Client, username: str, password: str, forwarded_for: str) -> int:
    """A login through a proxy that names the client in X-Forwarded-For."""
    token = client.get("/dashboard/login").csrf_token()
    body = (f"csrf_token={token}&username={username}&password={password.replace(' ', '+')}"
            "&next=/dashboard/").encode()
    return client.request("POST", "/dashboard/login", body, {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": forwarded_for}).status


def test_dashboard_needs_a_login(web: WebApp) -> None:
    response = web.client().get("/dashboard/")
    assert response.status == 303
    assert response.location.startswith("/dashboard/login?next=")


def test_login_sets_an_httponly_lax_session_cookie(web: WebApp) -> None:
    client = web.client()
    response = client.login("anna", PASSWORD)
    assert response.status == 303 and response.location == "/dashboard/"
    cookie = next(c for c in response.headers.get_all("Set-Cookie") if c.startswith("amo_session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=28800" in cookie
    assert client.get("/dashboard/").status == 200


def test_login_without_the_form_token_is_refused(web: WebApp) -> None:
    client = web.client()
    client.get("/dashboard/login")
    response = client.post("/dashboard/login", {"username": "anna", "password": PASSWORD})
    assert response.status == 403
    assert client.get("/dashboard/").status == 303  # not logged in


def test_posts_without_the_session_token_change_nothing(web: WebApp) -> None:
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


def test_five_failures_for_a_user_lock_further_attempts_with_429(web: WebApp) -> None:
    client = web.client()
    for _ in range(5):
        assert client.login("anna", "wrong password!").status == 401
    locked = client.login("anna", PASSWORD)  # even the right password, for now
    assert locked.status == 429
    assert "Retry-After" in locked.headers
    assert "For mange mislykkede innlogginger" in locked.text
    assert client.get("/dashboard/").status == 303


def test_behind_a_trusted_proxy_one_users_typos_lock_only_that_user(tmp_path: Path) -> None:
    with web_app(tmp_path / "var", {"AMO_TRUSTED_PROXIES": "127.0.0.1"}) as site:
        add_account(site.store, "anna", "caseworker", ["oslo"])
        add_account(site.store, "per", "caseworker", ["oslo"])
        office = "203.0.113.7"  # every caseworker of the office comes through the same proxy
        for _ in range(5):
            assert login_via(site.client(), "anna", "wrong password!", office) == 401
        assert login_via(site.client(), "anna", PASSWORD, "198.51.100.9") == 429
        assert login_via(site.client(), "per", PASSWORD, office) == 303
        failures = [e for e in audit.entries(site.store.database) if e.action == "login_failed"]
        assert len(failures) == 5 and all(e.detail == f"from {office}" for e in failures)


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(web: WebApp) -> None:
    """No trusted proxies: the header is ignored, every attempt counts on the real address."""
    for index in range(2):
        assert login_via(web.client(), "anna", "wrong password!", f"192.0.2.{index}") == 401
    failures = [e for e in audit.entries(web.store.database) if e.action == "login_failed"]
    assert [e.detail for e in failures] == ["from 127.0.0.1"] * 2


def test_the_limit_holds_across_two_web_apps(tmp_path: Path) -> None:
    database = {"AMO_DATABASE_URL": f"sqlite:///{tmp_path / 'shared.db'}"}
    with web_app(tmp_path / "one", database) as one, web_app(tmp_path / "two", database) as two:
        add_account(one.store, "anna", "caseworker", ["oslo"])
        for _ in range(3):
            assert one.client().login("anna", "wrong password!").status == 401
        for _ in range(2):
            assert two.client().login("anna", "wrong password!").status == 401
        assert one.client().login("anna", PASSWORD).status == 429
        assert two.client().login("anna", PASSWORD).status == 429


def test_logins_logouts_and_failures_are_audited(web: WebApp) -> None:
    client = web.client()
    assert client.login("anna", "wrong password!").status == 401
    assert client.login("my secret password", "oops").status == 401  # a password in the name field
    assert client.login("anna", PASSWORD).status == 303
    client.post("/dashboard/logout", {"csrf_token": client.get("/dashboard/").csrf_token()})
    entries = [(e.username, e.action, e.detail) for e in reversed(audit.entries(web.store.database))]
    assert entries == [("anna", "login_failed", "from 127.0.0.1"),
                       ("(unknown)", "login_failed", "from 127.0.0.1"),
                       ("anna", "login", "from 127.0.0.1"), ("anna", "logout", None)]
    with web.store.engine.connect() as conn:
        dump = "\n".join(str(row) for table in ("audit_log", "login_failures")
                         for row in conn.execute(sa.text(f"SELECT * FROM {table}")))
    assert "my secret password" not in dump


def test_session_ends_after_30_idle_minutes(web: WebApp) -> None:
    client = web.client()
    client.login("anna", PASSWORD)
    assert client.get("/dashboard/").status == 200
    _age_sessions(web, last_seen=dt.timedelta(minutes=31))
    response = client.get("/dashboard/")
    assert response.status == 303 and "/dashboard/login" in response.location


def test_session_ends_8_hours_after_login_even_when_active(web: WebApp) -> None:
    client = web.client()
    client.login("anna", PASSWORD)
    _age_sessions(web, created=dt.timedelta(hours=8, minutes=1), last_seen=dt.timedelta(minutes=1))
    assert client.get("/dashboard/").status == 303


def test_logout_ends_the_session_on_the_server(web: WebApp) -> None:
    client = web.client()
    client.login("anna", PASSWORD)
    stolen = client.cookie("amo_session")
    page = client.get("/dashboard/")
    assert client.post("/dashboard/logout", {"csrf_token": page.csrf_token()}).status == 303
    replay = web.client()
    assert replay.request("GET", "/dashboard/", headers={"Cookie": f"amo_session={stolen}"}).status == 303


def test_session_ids_are_stored_hashed(web: WebApp) -> None:
    client = web.client()
    client.login("anna", PASSWORD)
    with web.store.engine.connect() as conn:
        stored = [row.id_hash for row in conn.execute(sa.select(web_sessions))]
    assert stored and client.cookie("amo_session") not in stored


def test_login_redirect_stays_on_the_dashboard() -> None:
    assert safe_next("/dashboard/e/K-ABCD") == "/dashboard/e/K-ABCD"
    for target in ("https://evil.example/", "//evil.example/dashboard", "/dashboard\\@evil", None, ""):
        assert safe_next(target) == "/dashboard"


def _age_sessions(web: WebApp, created: dt.timedelta = dt.timedelta(0),
                  last_seen: dt.timedelta = dt.timedelta(0)) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    with web.store.engine.begin() as conn:
        conn.execute(web_sessions.update().values(created_at=now - created,
                                                  last_seen_at=now - last_seen))
