"""The web chat's conversations belong to the browser the server gave them to.

Real bot, real `python -m bot.web`, and real Chromium where the page's behaviour
matters (Start over, refusals shown in the chat).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any, Dict, List

import pytest

from bot.channels.texts import WEB_TOO_LONG, WEB_TOO_MANY
from bot.rasa_client import BlockingRasaClient, RasaUnavailable
from bot.services import Services
from bot.web.identity import COOKIE
from tests.bot.web.server import WebServer, start_web
from tests.e2e.test_privacy import ASK_QUESTION
from tests.e2e.test_web import T, browser, conversation_of, page, say, shot, site  # noqa: F401

LIMIT_TEXT = ("You have left %(n)s question for a caseworker in the last 24 hours. That is as many as one "
              "person can leave in a day, so I cannot take another one now. Please try again tomorrow.")


def user_texts(bot: Any, sender: str) -> List[str]:
    """What Rasa has recorded as said in a conversation (none for one that does not exist)."""
    events: List[Dict[str, Any]] = bot.tracker(sender).get("events") or []
    return [str(e.get("text")) for e in events if e.get("event") == "user"]


@pytest.mark.model
def test_a_forged_sender_adds_nothing_to_another_conversation(bot: Any, site: WebServer) -> None:  # noqa: F811
    owner, intruder = site.client(), site.client()
    assert owner.post_json("/chat/send", {"message": "hei", "language": "nb"}).status == 200
    victim = owner.conversation()
    telegram = f"telegram-{uuid.uuid4().int % 10**9}"
    for forged in (victim, telegram):
        sent = intruder.post_json("/chat/send", {"sender": forged, "message": "slett dataene mine",
                                                 "language": "nb"})
        assert sent.status == 200  # spoken, but in the intruder's own conversation
    assert user_texts(bot, victim) == ["hei"]
    assert user_texts(bot, telegram) == []
    assert user_texts(bot, intruder.conversation()) == ["slett dataene mine", "slett dataene mine"]


@pytest.mark.model
def test_a_stranger_at_the_webhook_cannot_speak_as_a_channel_participant(bot: Any, site: WebServer) -> None:  # noqa: F811
    """The webhook is open (through the balancer too); our channels' ids need the API token."""
    owner = site.client()
    assert owner.post_json("/chat/send", {"message": "hei", "language": "nb"}).status == 200
    victim = owner.conversation()
    telegram = f"telegram-{uuid.uuid4().int % 10**9}"
    stranger = BlockingRasaClient(bot.url)  # the same client, without the token
    for forged in (victim, telegram):
        with pytest.raises(RasaUnavailable) as refused:
            stranger.send(forged, "slett dataene mine")
        assert refused.value.status == 403 and "belong to the bot's own channels" in str(refused.value)
    assert user_texts(bot, victim) == ["hei"]
    assert user_texts(bot, telegram) == []
    # Any other id is anyone's to use, as with Rasa's own REST channel.
    assert stranger.send(f"curl-{uuid.uuid4().hex[:8]}", "hei")


@pytest.mark.model
def test_an_answer_is_shown_only_in_the_browser_that_asked(site: WebServer, browser: Any) -> None:  # noqa: F811
    asker, other = browser.new_context(), browser.new_context()
    pages = [asker.new_page(), other.new_page()]
    for tab in pages:
        tab.goto(site.url + "/?lang=nb")
        say(tab, "hei")
    record = site.store.record(conversation_of(pages[0]), "nb", "Når starter kurset?", channel="web",
                               office="oslo")
    site.store.answer(record.reference, "Kurset starter 11. januar.", "anna")
    for tab in pages:
        with tab.expect_response(lambda r: "/chat/answers" in r.url):
            tab.reload()  # the page asks for answers as it loads
    pages[0].locator(".msg-caseworker").wait_for(timeout=15_000)
    assert "Kurset starter 11. januar." in pages[0].locator(".msg-caseworker").inner_text()
    pages[1].wait_for_timeout(500)
    assert pages[1].locator(".msg-caseworker").count() == 0
    assert "11. januar" not in pages[1].content()
    asker.close()
    other.close()


@pytest.mark.model
def test_start_over_ends_the_conversation_in_this_browser(bot: Any, site: WebServer, page: Any) -> None:  # noqa: F811
    page.goto(site.url + "/?lang=uk")
    say(page, "Привіт")
    before = conversation_of(page)
    record = site.store.record(before, "uk", "Коли починається курс?", channel="web", office="oslo")
    site.store.answer(record.reference, "Курс починається 11 січня.", "anna")
    page.reload()
    page.locator(".msg-caseworker").wait_for(timeout=15_000)
    cookie = next(c for c in page.context.cookies() if c["name"] == COOKIE)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.evaluate("document.cookie") == ""  # page scripts cannot read it
    assert page.evaluate("localStorage.getItem('amo-sender')") is None
    restart = page.locator("#restart")
    assert restart.is_visible() and restart.inner_text().strip() == T.gettext("uk", "Start over")
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        restart.click()
    page.locator("#send:enabled").wait_for()
    assert conversation_of(page) != before
    assert page.locator(".msg").count() == 0  # neither the messages nor the answer
    page.wait_for_timeout(500)
    assert page.locator(".msg-caseworker").count() == 0
    assert "11 січня" not in page.content()
    say(page, "hei")
    assert user_texts(bot, conversation_of(page)) == ["hei"]
    shot(page, "chat-start-over")


def test_refusals_are_shown_in_the_chat_and_the_text_is_kept(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    with start_web(tmp_path / "var", {"AMO_WEB_MESSAGES_PER_MINUTE": "1"}) as server:  # Rasa is down
        tab = browser.new_page()
        tab.goto(server.url + "/")
        tab.select_option("#language", "ar")
        too_long = "ا" * 4001
        tab.fill("#message", too_long)
        tab.press("#message", "Enter")
        error = tab.locator(".msg-error").last
        error.wait_for(timeout=15_000)
        assert error.inner_text().strip().endswith(T.gettext("ar", WEB_TOO_LONG, count=4001, max=4000))
        assert tab.input_value("#message") == too_long  # nothing lost
        tab.fill("#message", "مرحبا")
        tab.press("#message", "Enter")  # the one message of this minute (Rasa down: an apology)
        tab.locator(".msg-error").nth(1).wait_for(timeout=15_000)
        tab.locator("#send:enabled").wait_for()
        tab.fill("#message", "سؤال آخر")
        tab.press("#message", "Enter")
        tab.locator(".msg-error").nth(2).wait_for(timeout=15_000)
        assert tab.locator(".msg-error").last.inner_text().strip().endswith(T.gettext("ar", WEB_TOO_MANY))
        assert tab.input_value("#message") == "سؤال آخر"
        assert tab.locator(".msg-user").count() == 0  # what was refused is not shown as sent
        shot(tab, "chat-too-many-ar")
        tab.close()


@pytest.mark.model
def test_no_question_is_taken_over_the_daily_limit(bot: Any) -> None:
    me = f"e2e-limit-{uuid.uuid4().hex[:8]}"
    store = Services(bot.settings).escalations
    for i in range(bot.settings.questions_per_day):
        store.record(me, "nb", f"Spørsmål {i}", channel="rest")
    bot.say(me, "hei")
    replies = " ".join(r.get("text") or "" for r in
                       bot.say(me, "jeg vil legge igjen et spørsmål til veilederen min"))
    n = bot.settings.questions_per_day
    assert T.ngettext("nb", LIMIT_TEXT, LIMIT_TEXT.replace("question for", "questions for"), n) in replies
    assert T.gettext("nb", ASK_QUESTION) not in replies
    assert len(store.list(sender_id=me)) == n
    other = f"e2e-limit-{uuid.uuid4().hex[:8]}"
    bot.say(other, "hei")
    asked = " ".join(r.get("text") or "" for r in
                     bot.say(other, "jeg vil legge igjen et spørsmål til veilederen min"))
    assert T.ngettext("nb", LIMIT_TEXT, LIMIT_TEXT.replace("question for", "questions for"), n) not in asked
    assert T.gettext("nb", ASK_QUESTION) in asked

