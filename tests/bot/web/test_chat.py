"""Participants' web chat over HTTP: the page, its cookie, limits, Rasa unreachable, answers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest

from bot.channels.texts import SERVER_DOWN, WEB_EMPTY, WEB_SEND, WEB_TOO_LONG, WEB_TOO_MANY
from bot.i18n.catalogs import get_translator
from bot.language.supported import LANGUAGES
from bot.web.identity import COOKIE, sender_for
from tests.bot.web.server import Client, WebApp, web_app


def t(web: WebApp, language: str, msgid: str, **params: object) -> str:
    text = get_translator(web.settings.translations_dir).gettext(language, msgid, **params)
    assert language == "en" or text != msgid % params if params else text != msgid
    return text


def set_cookie_header(client: Client, path: str = "/") -> str:
    headers = client.get(path).headers.get_all("Set-Cookie") or []
    found = [h for h in headers if h.startswith(f"{COOKIE}=")]
    assert len(found) == 1, headers
    return found[0]


def test_page_lists_every_language_in_its_own_script(web: WebApp) -> None:
    page = web.client().get("/")
    assert page.status == 200
    for lang in LANGUAGES:
        assert re.search(rf'<option value="{lang.code}" lang="{lang.code}"[^>]*>{re.escape(lang.native_name)}</option>',
                         page.text), lang.code
    assert 'aria-live="polite"' in page.text and '<label for="message"' in page.text
    assert "https://" not in page.text.split("</head>")[0]  # no CDN: every asset is ours


def test_arabic_page_is_right_to_left_and_translated(web: WebApp) -> None:
    page = web.client().get("/?lang=ar").text
    assert '<html lang="ar" dir="rtl">' in page
    send = get_translator(web.settings.translations_dir).gettext("ar", WEB_SEND)
    assert f">{send}</button>" in page


def test_the_page_opens_in_the_browsers_language_unless_one_is_chosen(web: WebApp) -> None:
    client = web.client()
    persian = client.request("GET", "/", headers={"Accept-Language": "de-DE,fa-AF;q=0.8,en;q=0.5"})
    assert '<html lang="fa" dir="rtl">' in persian.text
    chosen = client.request("GET", "/?lang=pl", headers={"Accept-Language": "fa-AF"})
    assert '<html lang="pl" dir="ltr">' in chosen.text
    unknown = client.request("GET", "/", headers={"Accept-Language": "de-DE"})
    assert f'<html lang="{web.settings.default_language}" dir="ltr">' in unknown.text


def test_the_page_hands_out_a_conversation_in_an_httponly_strict_cookie(web: WebApp) -> None:
    browser = web.client()
    header = set_cookie_header(browser)
    attributes = {part.strip().split("=")[0].lower() for part in header.split(";")}
    assert {"httponly", "samesite", "path", "max-age"} <= attributes
    assert "samesite=strict" in header.lower() and "secure" not in attributes
    token = browser.cookie(COOKIE)
    assert token is not None and len(token) >= 22  # at least 128 bits, URL-safe base64
    set_cookie_header(browser)  # a later visit renews the same conversation
    assert browser.cookie(COOKIE) == token
    other = web.client()
    other.get("/")
    assert other.cookie(COOKIE) != token
    assert "amo-sender" not in browser.get("/static/chat.js").text.replace('OLD_SENDER_KEY = "amo-sender"', "")


def test_the_cookie_is_secure_when_the_setting_says_so(tmp_path: Path) -> None:
    with web_app(tmp_path / "var", {"AMO_WEB_COOKIE_SECURE": "true"}) as web:
        header = set_cookie_header(web.client())
    assert "secure" in {part.strip().lower() for part in header.split(";")}


def test_rasa_down_gives_503_with_the_apology_in_the_chosen_language(web: WebApp) -> None:
    response = web.client().post_json("/chat/send", {"message": "hei", "language": "ti"})
    assert response.status == 503
    body = response.json()
    assert body["error"] == "bot_unavailable"
    assert body["message"] == t(web, "ti", SERVER_DOWN)


def test_empty_and_too_long_messages_are_refused_with_a_text_in_the_participants_language(web: WebApp) -> None:
    client = web.client()
    empty = client.post_json("/chat/send", {"message": "  \n", "language": "uk"})
    assert empty.status == 400 and empty.json()["message"] == t(web, "uk", WEB_EMPTY)
    long = client.post_json("/chat/send", {"message": "a" * 4001, "language": "so"})
    assert long.status == 400
    assert long.json()["message"] == t(web, "so", WEB_TOO_LONG, count=4001, max=4000)
    assert client.post_json("/chat/send", {"message": "a" * 4000, "language": "so"}).status == 503  # allowed
    form = client.post("/chat/send", {"message": "hei"})
    assert form.status == 400  # only JSON: a cross-site form cannot post here


def test_answers_are_only_those_of_the_cookies_conversation(web: WebApp) -> None:
    me, stranger = web.client(), web.client()
    mine = web.store.record(me.conversation(), "ar", "سؤال", channel="web", office="oslo")
    web.store.record(me.conversation(), "ar", "لم يُجب بعد", channel="web", office="oslo")
    theirs = web.store.record(stranger.conversation(), "nb", "Annen", channel="web", office="oslo")
    web.store.answer(mine.reference, "الجواب", "anna")
    web.store.answer(theirs.reference, "Ikke ditt", "anna")
    answers = me.get("/chat/answers").json()["answers"]
    assert [(a["reference"], a["answer"], a["direction"]) for a in answers] == [
        (mine.reference, "الجواب", "rtl")]
    assert mine.reference in answers[0]["heading"]
    # Naming another conversation changes nothing: the cookie decides.
    forged = stranger.get(f"/chat/answers?sender={me.conversation()}").json()["answers"]
    assert [a["answer"] for a in forged] == ["Ikke ditt"]
    assert web.client().get(f"/chat/answers?sender={me.conversation()}").json()["answers"] == []


def test_the_stored_id_is_not_the_cookie(web: WebApp) -> None:
    browser = web.client()
    sender = browser.conversation()
    token = browser.cookie(COOKIE)
    assert token is not None and token not in sender and sender == sender_for(token)
    # Someone who read the id from the database cannot use it as a cookie.
    thief = web.client()
    record = web.store.record(sender, "nb", "Mitt spørsmål", channel="web", office="oslo")
    web.store.answer(record.reference, "Svar", "anna")
    thief.request("GET", "/chat/answers", headers={"Cookie": f"{COOKIE}={sender}"})
    assert thief.request("GET", "/chat/answers",
                         headers={"Cookie": f"{COOKIE}={sender}"}).json()["answers"] == []


def test_start_over_gives_a_new_conversation_and_leaves_the_old_one_out_of_reach(web: WebApp) -> None:
    browser = web.client()
    old = browser.conversation()
    record = web.store.record(old, "nb", "Spørsmål", channel="web", office="oslo")
    web.store.answer(record.reference, "Svar til den forrige", "anna")
    assert len(browser.get("/chat/answers").json()["answers"]) == 1
    assert browser.post("/chat/restart", {}).status == 400  # JSON only, like /chat/send
    restarted = browser.post_json("/chat/restart", {})
    assert restarted.status == 200
    assert browser.conversation() != old
    assert browser.get("/chat/answers").json()["answers"] == []
    assert browser.get("/").status == 200 and browser.conversation() != old


@pytest.fixture
def limited(tmp_path: Path) -> Iterator[WebApp]:
    """Three messages a minute per conversation, five per address; the test client is a proxy."""
    with web_app(tmp_path / "var", {"AMO_WEB_MESSAGES_PER_MINUTE": "3",
                                      "AMO_WEB_ADDRESS_MESSAGES_PER_MINUTE": "5",
                                      "AMO_TRUSTED_PROXIES": "10.9.0.0/16"}) as server:
        yield server


def test_too_many_messages_of_one_conversation_get_429_in_the_participants_language(limited: WebApp) -> None:
    browser = limited.client()
    statuses = [browser.post_json("/chat/send", {"message": f"hei {i}", "language": "pl"}).status
                for i in range(3)]
    assert statuses == [503, 503, 503]  # let through to Rasa (which is down here)
    refused = browser.post_json("/chat/send", {"message": "hei igjen", "language": "pl"})
    assert refused.status == 429
    assert refused.json()["message"] == t(limited, "pl", WEB_TOO_MANY)
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    # Another conversation from the same address still gets through, up to the address limit.
    other = limited.client()
    assert [other.post_json("/chat/send", {"message": "hei", "language": "nb"}).status
            for _ in range(3)] == [503, 503, 429]


def test_the_address_limit_counts_new_conversations_too(limited: WebApp) -> None:
    statuses = [limited.client().post_json("/chat/send", {"message": "hei", "language": "ar"}).status
                for _ in range(6)]
    assert statuses == [503] * 5 + [429]


def test_x_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(limited: WebApp) -> None:
    # 127.0.0.1 is not in AMO_TRUSTED_PROXIES: a made-up header does not buy a new address.
    statuses = [limited.client().request(
        "POST", "/chat/send", b'{"message": "hei"}',
        {"Content-Type": "application/json", "X-Forwarded-For": f"192.0.2.{i}"}).status
        for i in range(6)]
    assert statuses[-1] == 429


def test_behind_a_trusted_proxy_each_forwarded_address_has_its_own_limit(tmp_path: Path) -> None:
    def post(web: WebApp, address: str) -> int:
        return web.client().request("POST", "/chat/send", b'{"message": "hei"}',
                                    {"Content-Type": "application/json",
                                     "X-Forwarded-For": f"203.0.113.9, {address}"}).status

    with web_app(tmp_path / "var", {"AMO_WEB_ADDRESS_MESSAGES_PER_MINUTE": "2",
                                      "AMO_TRUSTED_PROXIES": "127.0.0.1"}) as web:
        assert [post(web, "192.0.2.1") for _ in range(3)] == [503, 503, 429]
        assert post(web, "192.0.2.2") == 503  # another participant behind the same proxy
