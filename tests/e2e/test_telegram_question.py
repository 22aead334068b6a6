"""A Telegram participant's question, typed and pressed through the real channel, is
recorded, answered on the dashboard's side and pushed back to the chat, in both profiles.

The channel (`python -m bot.channels.telegram`) polls a local fake of the Bot API and
talks to the session's bot; the question goes through the real model and action server
into the escalation store of the profile (SQLite or PostgreSQL).
"""

from __future__ import annotations

import re
from typing import Any, Callable, List

import pytest

from bot.channels.texts import CASEWORKER_ANSWER
from bot.escalations.store import EscalationStore
from tests.bot.channels.fake_bot_api import FakeBotApi, callback_update, text_update
from tests.bot.channels.test_telegram import CHATS, T, fake_api, telegram  # noqa: F401  (fixtures)
from tests.e2e.test_flows import SAY
from tests.e2e.test_flows_every_language import QUESTION

pytestmark = pytest.mark.model

ASK = ("Write your question in your own words and language. Please do not write your national identity number; "
       "I remove such numbers, phone numbers and e-mail addresses before storing.")
WHICH_COUNTY = "Which county do you live in? Your question then goes to a caseworker there."
SENT = "Thank you. Your question has been sent to a NAV caseworker. Your reference is %(reference)s."


class Chat:
    """One Telegram chat with the bot: typed messages and pressed buttons."""

    def __init__(self, api: FakeBotApi, language: str):
        self.api, self.language, self.id = api, language, next(CHATS)

    def _wait(self, act: Callable[[], Any], until: Callable[[List[dict]], bool], what: str) -> str:
        before = len(self.api.messages_to(self.id))
        act()
        self.api.wait_for(lambda: until([m.params for m in self.api.messages_to(self.id)[before:]]),
                          timeout=60, what=what)
        return "\n".join(m.params["text"] for m in self.api.messages_to(self.id)[before:])

    def say(self, text: str, button: str) -> str:
        """Types `text` and waits for a reply with the button `button`."""
        return self._wait(lambda: self.api.push(text_update(self.id, text, self.language)),
                          lambda sent: any(button in payloads(p) for p in sent), f"{button} after {text!r}")

    def press(self, payload: str, until: Callable[[List[dict]], bool]) -> str:
        """Presses the button with `payload` on the newest message that has it."""
        message = next(m for m in reversed(self.api.messages_to(self.id)) if payload in payloads(m.params))
        return self._wait(lambda: self.api.push(callback_update(self.id, payload, message.result)),
                          until, f"the answer to {payload}")


def payloads(params: dict) -> List[str]:
    rows = (params.get("reply_markup") or {}).get("inline_keyboard") or []
    return [button.get("callback_data") for row in rows for button in row]


def button(payload: str) -> Callable[[List[dict]], bool]:
    return lambda sent: any(payload in payloads(p) for p in sent)


def text(wanted: str) -> Callable[[List[dict]], bool]:
    return lambda sent: any(wanted in p["text"] for p in sent)


@pytest.mark.parametrize("language", ["uk", "ar"])
def test_a_question_asked_in_telegram_is_recorded_and_the_answer_pushed_back(
        bot: Any, telegram: FakeBotApi, language: str) -> None:  # noqa: F811
    chat = Chat(telegram, language)

    def t(msgid: str, **values: Any) -> str:
        return T.gettext(language, msgid, **values)

    chat.say(SAY["placement_problem"][language], "/contact_caseworker")
    chat.press("/contact_caseworker", text(t(ASK)))
    chat._wait(lambda: telegram.push(text_update(chat.id, QUESTION[language], language)),
               text(t(WHICH_COUNTY)), "the county question")
    chat.press("vestland", button(language))
    chat.press(language, button("/deny"))
    chat.press("/deny", button("/affirm"))
    done = chat.press("/affirm", text("K-"))
    reference = re.search(r"K-[0-9A-Z]{4}", done)
    assert reference and t(SENT, reference=reference.group(0)) in done, done

    store = EscalationStore(bot.settings.effective_database_url)
    record = store.get(reference.group(0))
    assert record is not None and record.channel == "telegram" and record.sender_id == f"telegram-{chat.id}"
    assert record.question == QUESTION[language] and record.office == "vestland" and record.urgent
    store.answer(record.reference, "Kurset starter 11. januar.", "veileder1")
    heading = T.gettext(language, CASEWORKER_ANSWER, reference=record.reference)
    pushed = telegram.wait_for(lambda: [m for m in telegram.messages_to(chat.id)
                                        if heading in m.params["text"]], timeout=30, what="the pushed answer")
    assert len(pushed) == 1 and pushed[0].params["text"].endswith("Kurset starter 11. januar.")
