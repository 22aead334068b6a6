"""Caseworker dashboard: office isolation, queue, answers (free, prepared, concurrent), escaping."""

from __future__ import annotations

import html
import re
import urllib.parse

from bot.accounts import audit
from bot.escalations.canned import CANNED_ANSWERS
from bot.i18n.catalogs import get_translator
from tests.bot.web.conftest import PASSWORD
from tests.bot.web.server import Client, WebApp

SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def logged_in(web: WebApp, username: str) -> Client:
    client = web.client()
    assert client.login(username, PASSWORD).status == 303
    return client


def test_caseworker_sees_only_own_offices_and_gets_404_for_another(web: WebApp) -> None:
    oslo = web.store.record("web-participant-1", "nb", "Spørsmål fra Oslo", channel="web", office="oslo")
    bergen = web.store.record("web-participant-2", "nb", "Spørsmål fra Bergen", channel="web", office="vestland")
    nowhere = web.store.record("web-participant-3", "nb", "Uten kontor", channel="web")
    anna = logged_in(web, "anna")
    queue = anna.get("/dashboard/")
    assert oslo.reference in queue.text
    assert bergen.reference not in queue.text and nowhere.reference not in queue.text
    assert anna.get(f"/dashboard/e/{oslo.reference}").status == 200
    for reference in (bergen.reference, nowhere.reference, "K-ZZZZ"):
        page = anna.get(f"/dashboard/e/{reference}")
        assert page.status == 404, reference
        assert "Bergen" not in page.text
    token = queue.csrf_token()
    answer = anna.post(f"/dashboard/e/{bergen.reference}/answer",
                       {"csrf_token": token, "answer": "Nei", "version": "1"})
    assert answer.status == 404
    assert anna.post(f"/dashboard/e/{bergen.reference}/close", {"csrf_token": token}).status == 404
    untouched = web.store.get(bergen.reference)
    assert untouched is not None and untouched.answer is None and untouched.status == "open"


def test_admin_sees_every_office(web: WebApp) -> None:
    bergen = web.store.record("web-participant-2", "nb", "Spørsmål fra Bergen", channel="web", office="vestland")
    nowhere = web.store.record("web-participant-3", "nb", "Uten kontor", channel="web")
    root = logged_in(web, "root")
    queue = root.get("/dashboard/").text
    assert bergen.reference in queue and nowhere.reference in queue


def test_queue_is_urgent_first_then_oldest_first_with_filters(web: WebApp) -> None:
    first = web.store.record("web-p-00001", "ar", "أول سؤال", channel="web", office="oslo", course="cleaning")
    second = web.store.record("web-p-00002", "nb", "Andre", channel="web", office="oslo", urgent=True)
    third = web.store.record("web-p-00003", "nb", "Tredje", channel="web", office="oslo")
    anna = logged_in(web, "anna")
    text = anna.get("/dashboard/").text
    assert text.index(second.reference) < text.index(first.reference) < text.index(third.reference)
    urgent = anna.get("/dashboard/?status=open&urgent=yes").text
    assert second.reference in urgent and first.reference not in urgent
    arabic = anna.get("/dashboard/?language=ar").text
    assert first.reference in arabic and second.reference not in arabic
    course = anna.get("/dashboard/?course=cleaning").text
    assert first.reference in course and second.reference not in course
    assert re.search(r"<time[^>]*>\s*\d+ (minutt|minutter|sekund|sekunder)", text), "age shown"


def test_answer_is_saved_audited_and_offered_to_the_participant(web: WebApp) -> None:
    participant = web.client()
    record = web.store.record(participant.conversation(), "nb", "Når starter kurset?", channel="web", office="oslo")
    anna = logged_in(web, "anna")
    page = anna.get(f"/dashboard/e/{record.reference}")
    response = anna.post(f"/dashboard/e/{record.reference}/answer",
                         {"csrf_token": page.csrf_token(), "version": str(record.version),
                          "answer": "Kurset starter 11. januar."})
    assert response.status == 303
    assert "Svaret ditt er lagret" in anna.get(response.location).text
    stored = web.store.get(record.reference)
    assert stored is not None and stored.answer == "Kurset starter 11. januar."
    assert stored.answered_by == "anna" and stored.status == "answered"
    actions = [(e.username, e.action) for e in audit.entries(web.store, record.reference)]
    assert ("anna", "viewed") in actions and ("anna", "answered") in actions
    answers = participant.get("/chat/answers").json()["answers"]
    assert [a["answer"] for a in answers] == ["Kurset starter 11. januar."]
    assert web.client().get("/chat/answers").json()["answers"] == []  # someone else


def test_prepared_answer_goes_out_in_the_participants_language(web: WebApp) -> None:
    record = web.store.record("web-participant-1", "ar", "متى يبدأ الكورس؟", channel="web", office="oslo")
    anna = logged_in(web, "anna")
    page = anna.get(f"/dashboard/e/{record.reference}")
    expected = get_translator(web.settings.translations_dir).gettext("ar", CANNED_ANSWERS["start_not_decided"])
    assert expected != CANNED_ANSWERS["start_not_decided"]
    assert html.escape(expected, quote=True) in page.text  # offered in the form
    anna.post(f"/dashboard/e/{record.reference}/answer",
              {"csrf_token": page.csrf_token(), "version": "1", "canned": "start_not_decided",
               "answer": ""})
    stored = web.store.get(record.reference)
    assert stored is not None and stored.answer == expected


def test_a_concurrent_answer_is_reported_never_overwritten(web: WebApp) -> None:
    record = web.store.record("web-participant-1", "nb", "Når starter kurset?", channel="web", office="oslo")
    web.store.answer(record.reference, "Svar fra Per", "per", expected_version=record.version)
    anna = logged_in(web, "anna")
    page = anna.get("/dashboard/")
    response = anna.post(f"/dashboard/e/{record.reference}/answer",
                         {"csrf_token": page.csrf_token(), "version": str(record.version),
                          "answer": "Annas svar"})
    assert response.status == 409
    assert "Noen andre svarte" in response.text
    assert "Svar fra Per" in response.text and "Annas svar" in response.text  # nothing lost
    stored = web.store.get(record.reference)
    assert stored is not None and stored.answer == "Svar fra Per"


def test_a_question_closed_while_writing_takes_no_answer(web: WebApp) -> None:
    record = web.store.record("web-participant-1", "nb", "Når starter kurset?", channel="web", office="oslo")
    anna = logged_in(web, "anna")
    form = anna.get(f"/dashboard/e/{record.reference}")
    web.store.close(record.reference)  # a colleague resolves it meanwhile
    response = anna.post(f"/dashboard/e/{record.reference}/answer",
                         {"csrf_token": form.csrf_token(), "version": str(record.version),
                          "answer": "Annas svar"})
    assert response.status == 409
    assert "Dette spørsmålet er lukket" in response.text and "Annas svar" in response.text
    stored = web.store.get(record.reference)
    assert stored is not None and stored.answer is None and stored.status == "closed"
    actions = [(e.username, e.action) for e in audit.entries(web.store, record.reference)]
    assert ("anna", "answer_refused") in actions and ("anna", "answered") not in actions


def test_assign_and_close(web: WebApp) -> None:
    record = web.store.record("web-participant-1", "nb", "Spørsmål", channel="web", office="oslo")
    anna = logged_in(web, "anna")
    token = anna.get("/dashboard/").csrf_token()
    assert anna.post(f"/dashboard/e/{record.reference}/assign", {"csrf_token": token}).status == 303
    assigned = web.store.get(record.reference)
    assert assigned is not None and assigned.assigned_to == "anna"
    assert anna.post(f"/dashboard/e/{record.reference}/close", {"csrf_token": token}).status == 303
    closed = web.store.get(record.reference)
    assert closed is not None and closed.status == "closed"
    assert record.reference not in anna.get("/dashboard/").text  # left the open queue
    assert record.reference in anna.get("/dashboard/?status=closed").text


def test_markup_in_a_question_is_shown_as_text(web: WebApp) -> None:
    record = web.store.record("web-participant-1", "nb", SCRIPT, channel="web", office="oslo")
    anna = logged_in(web, "anna")
    for path in ("/dashboard/", f"/dashboard/e/{record.reference}"):
        page = anna.get(path)
        assert "<script>alert(1)" not in page.text and "<img src=x" not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]


def test_dashboard_speaks_english_on_request(web: WebApp) -> None:
    anna = logged_in(web, "anna")
    assert "Spørsmål funnet" in anna.get("/dashboard/").text
    switched = anna.get("/dashboard/language/en?next=/dashboard/")
    assert switched.status == 303 and switched.location == "/dashboard/"
    assert "Questions found" in anna.get("/dashboard/").text


def test_the_login_page_follows_the_browser_between_norwegian_and_english(web: WebApp) -> None:
    def login_page(accept_language: str) -> str:
        return web.client().request("GET", "/dashboard/login",
                                    headers={"Accept-Language": accept_language}).text
    english, nynorsk = login_page("da, en-GB;q=0.9"), login_page("nn-NO, en;q=0.5")
    assert '<html lang="en"' in english and '<html lang="nb"' in nynorsk
    assert '<html lang="nb"' in login_page("de-DE")


def test_every_dashboard_page_needs_a_login(web: WebApp) -> None:
    record = web.store.record("web-participant-9", "nb", "Spørsmål", channel="web", office="oslo")
    stranger = web.client()
    for path in ("/dashboard/", f"/dashboard/e/{record.reference}"):
        page = stranger.get(path)
        assert page.status in (302, 303) and "/dashboard/login" in page.location, path
    for action in ("assign", "answer", "close"):
        page = stranger.post(f"/dashboard/e/{record.reference}/{action}", {"answer": "x", "version": "1"})
        assert page.status in (302, 303, 403), action
    assert web.store.get(record.reference).status == "open"


def test_sql_injection_in_filters_references_and_login_is_harmless(web: WebApp) -> None:
    oslo = web.store.record("web-participant-10", "nb", "Spørsmål i Oslo", channel="web", office="oslo")
    bergen = web.store.record("web-participant-11", "nb", "Hemmelig i Bergen", channel="web", office="vestland")
    anna = logged_in(web, "anna")
    for attack in ("' OR 1=1 --", "oslo' OR office LIKE '%", "x\"; DROP TABLE escalations; --"):
        quoted = urllib.parse.quote(attack, safe="")
        queue = anna.get(f"/dashboard/?office={quoted}&language={quoted}&course={quoted}&status=open")
        assert queue.status == 200 and bergen.reference not in queue.text
        assert anna.get(f"/dashboard/e/{quoted}").status == 404
    assert stranger_cannot_log_in(web, "' OR '1'='1")
    assert web.store.get(oslo.reference) is not None and web.store.get(bergen.reference) is not None


def stranger_cannot_log_in(web: WebApp, attack: str) -> bool:
    client = web.client()
    return client.login(attack, attack).status != 303


def test_an_unchecked_prepared_answer_is_marked_before_it_is_sent(web: WebApp) -> None:
    record = web.store.record("web-participant-1", "so", "Goorma ayuu bilaabmayaa?", channel="web", office="oslo")
    anna = logged_in(web, "anna")
    page = anna.get(f"/dashboard/e/{record.reference}").text
    # Every Somali text is still a machine draft: each prepared answer says so.
    assert page.count("(maskinoversatt, ikke kontrollert)") == len(CANNED_ANSWERS)
    assert 'id="canned-unchecked"' in page
    # The answer time is the one participants are told (AMO_RESPONSE_DAYS).
    days = str(web.settings.response_days)
    translator = get_translator(web.settings.translations_dir)
    expected = translator.gettext("so", CANNED_ANSWERS["looking_into_it"], days=days)
    assert days in expected and expected in html.unescape(page)


def test_a_reviewed_prepared_answer_is_not_marked(tmp_path) -> None:
    import shutil

    from bot.config import PROJECT_ROOT
    from tests.bot.web.conftest import add_account
    from tests.bot.web.server import web_app

    translations = tmp_path / "translations"
    shutil.copytree(PROJECT_ROOT / "translations", translations)
    po = translations / "so" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    first_line = CANNED_ANSWERS["start_not_decided"][:40]
    entry = text.index(first_line)
    flag = text.rindex("#, unreviewed", 0, entry)
    po.write_text(text[:flag] + "#, python-format" + text[flag + len("#, unreviewed"):], encoding="utf-8")
    with web_app(tmp_path / "var", {"AMO_TRANSLATIONS_DIR": str(translations)}) as server:
        add_account(server.store, "anna", "caseworker", ["oslo"])
        record = server.store.record("web-participant-1", "so", "Goorma?", channel="web", office="oslo")
        page = logged_in(server, "anna").get(f"/dashboard/e/{record.reference}").text
    option = re.search(r'<option value="start_not_decided"[^>]*>[^<]*</option>', page)
    assert option and "ikke kontrollert" not in option.group(0) and "data-unchecked" not in option.group(0)
    assert page.count("(maskinoversatt, ikke kontrollert)") == len(CANNED_ANSWERS) - 1
