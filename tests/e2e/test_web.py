"""The web chat and the dashboard in real headless Chromium, against the real bot.

Chromium is Debian's (`apt-get install -y chromium`), driven by the `playwright`
package; `playwright install` (a browser download) is never needed. Screenshots go
to tests/artifacts/.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path
from typing import Any, Iterator, List

import pytest

from bot.accounts.users import add_user, scrypt_params
from bot.channels.texts import SERVER_DOWN
from bot.i18n.catalogs import get_translator
from bot.web.identity import COOKIE, sender_for
from tests.bot.web.server import WebServer, start_web
from tests.conftest import ARTIFACTS

CHROMIUM = os.environ.get("AMO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "correct horse battery"
SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(1)>"
ARABIC = re.compile(r"[\u0600-\u06FF]")
ETHIOPIC = re.compile(r"[\u1200-\u137F]")
REPLY_TIMEOUT_MS = 60_000

T = get_translator(Path(__file__).resolve().parents[2] / "translations")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"No Chromium at {CHROMIUM}: apt-get install -y chromium")
    with sync_api.sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except sync_api.Error as exc:
            pytest.skip(f"Playwright could not start Chromium: {exc}")
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(bot: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    """`python -m bot.web` in front of the running bot, sharing its escalation database."""
    # Plain HTTP on loopback: TLS and secure cookies are the reverse proxy's part.
    with start_web(bot.settings.var_dir, bot.client_env(AMO_WEB_COOKIE_SECURE="false")) as server:
        yield server


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 420, "height": 860})  # a phone
    page = context.new_page()
    page.set_default_timeout(REPLY_TIMEOUT_MS)
    yield page
    context.close()


def caseworker(site: WebServer, offices: List[str]) -> str:
    name = f"cw-{uuid.uuid4().hex[:6]}"
    add_user(site.store, name, PASSWORD, "caseworker", offices, scrypt_params(site.settings))
    return name


def log_in(page: Any, site: WebServer, username: str) -> None:
    page.goto(site.url + "/dashboard/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/dashboard/$"))


def say(page: Any, text: str) -> str:
    """Types a message like a participant (Enter sends) and returns the newest reply."""
    before = page.locator(".msg-bot").count()
    page.fill("#message", text)
    page.press("#message", "Enter")
    return next_reply(page, before)


def next_reply(page: Any, before: int) -> str:
    """Waits for reply number `before` + 1 and for the page to be ready again."""
    # Locator waits, not wait_for_function: the page's CSP forbids evaluating strings.
    page.locator(".msg-bot").nth(before).wait_for()
    page.locator("#send:enabled").wait_for()
    return str(page.locator(".msg-bot").last.inner_text())


def conversation_of(page: Any) -> str:
    """The conversation the server gave this browser (its HttpOnly cookie, read as the browser)."""
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    return sender_for(cookies[COOKIE])


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


@pytest.mark.model
def test_norwegian_conversation_with_buttons(site: WebServer, page: Any) -> None:
    page.goto(site.url + "/?lang=nb")
    reply = say(page, "hei")
    greeting = T.gettext("nb", "Hello! I can tell you about NAV's labour-market courses (AMO), the work placement and money during a course.")
    assert greeting in reply
    courses = page.locator(".msg-bot").last.get_by_role("button", name=T.gettext("nb", "Courses"), exact=True)
    before = page.locator(".msg-bot").count()
    courses.click()
    next_reply(page, before)
    assert page.locator(".msg-user").last.inner_text().strip().endswith(T.gettext("nb", "Courses"))
    assert page.evaluate("document.documentElement.dir") == "ltr"
    shot(page, "chat-nb")


@pytest.mark.model
def test_arabic_conversation_is_right_to_left(site: WebServer, page: Any) -> None:
    page.goto(site.url + "/")
    page.select_option("#language", "ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    reply = say(page, "مرحبا، أريد أن أعرف عن الدورات")
    assert ARABIC.search(reply), reply
    bubble = page.locator(".msg-bot").last
    assert bubble.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert bubble.get_attribute("lang") == "ar"
    shot(page, "chat-ar")


@pytest.mark.model
def test_tigrinya_conversation(site: WebServer, page: Any) -> None:
    page.goto(site.url + "/")
    page.select_option("#language", "ti")
    reply = say(page, "ሰላም፣ ብዛዕባ ኮርሳት ክፈልጥ እደሊ")
    assert ETHIOPIC.search(reply), reply
    assert page.evaluate("document.documentElement.lang") == "ti"
    assert page.locator(".msg-bot").last.evaluate("e => getComputedStyle(e).direction") == "ltr"
    shot(page, "chat-ti")


@pytest.mark.model
def test_caseworker_answer_reaches_the_web_chat(site: WebServer, browser: Any, page: Any) -> None:
    page.goto(site.url + "/?lang=nb")
    say(page, "hei")
    sender = conversation_of(page)
    record = site.store.record(sender, "nb", "Når starter rengjøringskurset?", channel="web",
                               office="oslo", course="cleaning")
    staff = browser.new_context()
    dashboard = staff.new_page()
    log_in(dashboard, site, caseworker(site, ["oslo"]))
    dashboard.click(f"text={record.reference}")
    assert "Når starter rengjøringskurset?" in dashboard.inner_text("blockquote.question")
    dashboard.click("form[action$='/assign'] button")
    dashboard.fill("#answer", "Kurset starter 11. januar. <b>Velkommen</b>")
    dashboard.click("#answer-form button[type=submit]")
    assert dashboard.locator(".notice").is_visible()
    shot(dashboard, "dashboard-detail")
    staff.close()
    # The chat polls every 10 seconds.
    answer = page.locator(".msg-caseworker")
    answer.wait_for(timeout=25_000)
    assert "Kurset starter 11. januar. <b>Velkommen</b>" in answer.inner_text()  # markup as text
    assert record.reference in answer.inner_text()
    shot(page, "chat-caseworker-answer")


@pytest.mark.model
def test_script_in_a_question_renders_as_text(site: WebServer, page: Any) -> None:
    record = site.store.record(f"web-{uuid.uuid4().hex}", "nb", SCRIPT, channel="web", office="oslo")
    dialogs: List[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, site, caseworker(site, ["oslo"]))
    assert SCRIPT[:40] in page.inner_text("table.queue")
    page.goto(f"{site.url}/dashboard/e/{record.reference}")
    assert page.inner_text("blockquote.question") == SCRIPT
    assert page.locator("blockquote.question img, blockquote.question script").count() == 0
    page.wait_for_timeout(500)
    assert dialogs == []


@pytest.mark.model
def test_caseworker_of_another_office_gets_404(site: WebServer, page: Any) -> None:
    record = site.store.record(f"web-{uuid.uuid4().hex}", "nb", "Spørsmål fra Bergen",
                               channel="web", office="vestland")
    log_in(page, site, caseworker(site, ["oslo"]))
    assert record.reference not in page.inner_text("main")
    response = page.goto(f"{site.url}/dashboard/e/{record.reference}")
    assert response is not None and response.status == 404
    assert "Spørsmål fra Bergen" not in page.content()
    shot(page, "dashboard-404")


def test_rasa_down_shows_the_apology_in_the_chosen_language(browser: Any, tmp_path: Path) -> None:
    with start_web(tmp_path / "var") as site:  # Rasa at a closed port
        page = browser.new_page()
        page.goto(site.url + "/")
        page.select_option("#language", "fa")
        page.fill("#message", "سلام")
        page.press("#message", "Enter")
        error = page.locator(".msg-error")
        error.wait_for(timeout=15_000)
        assert error.inner_text().strip().endswith(T.gettext("fa", SERVER_DOWN))
        assert page.evaluate("document.documentElement.dir") == "rtl"
        shot(page, "chat-server-down-fa")
        page.close()


FNR = "01017012345"  # shaped like a birth date: masked whatever its check digits


@pytest.mark.model
@pytest.mark.parametrize("language,steps,question,county_payload,answer", [
    ("ar", ["مرحبا", "أريد أن أترك سؤالا للمرشد في NAV"],
     f"رقمي الشخصي {FNR}، متى تبدأ دورة التنظيف؟", "rogaland", "تبدأ الدورة في 8 فبراير."),
    ("nb", ["hei", "jeg vil legge igjen et spørsmål til veilederen min"],
     f"Fødselsnummeret mitt er {FNR}, når starter renholdskurset?", "rogaland", "Kurset starter 8. februar."),
])
def test_question_over_rest_is_masked_answered_in_the_dashboard_and_shown_to_the_participant(
        bot: Any, site: WebServer, browser: Any, language: str, steps: List[str], question: str,
        county_payload: str, answer: str) -> None:
    me = f"e2e-{language}-{uuid.uuid4().hex[:8]}"
    for text in steps:
        bot.say(me, text)
    masked = " ".join(r.get("text") or "" for r in bot.say(me, question))
    assert T.gettext(language, "I removed personal numbers or contact details from your question before storing it.") in masked
    for reply in (county_payload, language, "/deny"):  # county, answer language, no interpreter
        bot.say(me, reply)
    done = " ".join(r.get("text") or "" for r in bot.say(me, "/affirm"))
    reference = re.search(r"K-[0-9A-Z]{4}", done).group(0)

    staff = browser.new_context()
    dashboard = staff.new_page()
    dashboard.set_default_timeout(REPLY_TIMEOUT_MS)
    log_in(dashboard, site, caseworker(site, [county_payload]))
    dashboard.click(f"text={reference}")
    shown = dashboard.inner_text("blockquote.question")
    assert FNR not in shown and "[ID-NUMBER]" in shown
    assert FNR not in dashboard.content()
    assert dashboard.locator("ol.context li").count() >= 2  # the turns before the question
    dashboard.fill("#answer", answer)
    dashboard.click("#answer-form button[type=submit]")
    assert dashboard.locator(".notice").is_visible()
    shot(dashboard, f"dashboard-answer-{language}")
    staff.close()

    status = " ".join(r.get("text") or "" for r in bot.say(me, "/escalation_status"))
    assert answer in status
    assert reference in status


@pytest.mark.model
def test_buttons_behave_like_telegrams(site: WebServer, page: Any) -> None:
    """A pressed button's row is disabled, and the buttons of earlier messages are inactive."""
    page.goto(site.url + "/?lang=en")
    say(page, "hello")
    before = page.locator(".msg-bot").count()
    first = page.locator(".msg-bot").nth(before - 1)  # fixed by position: `.last` moves on
    first.get_by_role("button", name=T.gettext("en", "Courses"), exact=True).click()
    next_reply(page, before)
    assert first.locator("button:enabled").count() == 0
    assert first.locator("button:disabled").count() > 0
    newest = page.locator(".msg-bot").nth(page.locator(".msg-bot").count() - 1)
    assert newest.locator("button:enabled").count() > 0
    say(page, "how much money do I get during the course?")
    assert newest.locator("button:enabled").count() == 0
    assert page.locator(".msg-bot").last.locator("button:enabled").count() > 0
    shot(page, "buttons-spent")
