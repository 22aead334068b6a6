"""Participants' web chat over HTTP: the page, Rasa unreachable, and caseworkers' answers."""

from __future__ import annotations

import re

from bot.channels.texts import SERVER_DOWN, WEB_SEND
from bot.i18n.catalogs import get_translator
from bot.language.supported import LANGUAGES
from tests.bot.web.server import WebApp


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


def test_rasa_down_gives_503_with_the_apology_in_the_chosen_language(web: WebApp) -> None:
    response = web.client().post_json("/chat/send", {"sender": "web-0123456789", "message": "hei",
                                                     "language": "ti"})
    assert response.status == 503
    body = response.json()
    assert body["error"] == "bot_unavailable"
    assert body["message"] == get_translator(web.settings.translations_dir).gettext("ti", SERVER_DOWN)
    assert body["message"] != SERVER_DOWN


def test_send_checks_its_input(web: WebApp) -> None:
    client = web.client()
    assert client.post_json("/chat/send", {"sender": "x", "message": "hei"}).status == 400
    assert client.post_json("/chat/send", {"sender": "web-0123456789", "message": ""}).status == 400
    assert client.post_json("/chat/send", {"sender": "web-0123456789", "message": "a" * 4001}).status == 400
    form = client.post("/chat/send", {"sender": "web-0123456789", "message": "hei"})
    assert form.status == 400  # only JSON: a cross-site form cannot post here


def test_answers_are_those_of_this_sender_on_the_web(web: WebApp) -> None:
    mine = web.store.record("web-me-000001", "ar", "سؤال", channel="web", office="oslo")
    web.store.record("web-me-000001", "ar", "لم يُجب بعد", channel="web", office="oslo")
    other = web.store.record("web-other-0001", "nb", "Annen", channel="web", office="oslo")
    web.store.answer(mine.reference, "الجواب", "anna")
    web.store.answer(other.reference, "Ikke ditt", "anna")
    answers = web.client().get("/chat/answers?sender=web-me-000001").json()["answers"]
    assert [(a["reference"], a["answer"], a["direction"]) for a in answers] == [
        (mine.reference, "الجواب", "rtl")]
    assert mine.reference in answers[0]["heading"]
    assert web.client().get("/chat/answers?sender=%3Cscript%3E").status == 400
