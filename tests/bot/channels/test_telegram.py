"""The Telegram channel, end to end: `python -m bot.channels.telegram` against a local fake
Bot API, with the real Rasa and action servers where a conversation is needed."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest
import sqlalchemy as sa
from telegram import Bot, Update

from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_bridge import (
    MAX_CALLBACK_DATA,
    MAX_MESSAGE_LENGTH,
    RLM,
    CallbackPayloads,
    keyboard,
    outgoing,
    split_text,
)
from bot.channels.telegram_delivery import AnswerPusher, ChatLocks
from bot.channels.texts import CASEWORKER_ANSWER, HELP, SERVER_DOWN, TEXT_ONLY
from bot.config import PROJECT_ROOT, load_settings
from bot.i18n.catalogs import get_translator
from bot.rasa_client import RasaClient
from tests.bot.channels.fake_bot_api import (
    FakeBotApi,
    callback_update,
    text_update,
    voice_update,
)
from tests.bot.web.server import WebServer, start_web
from tests.conftest import free_port

T = get_translator(PROJECT_ROOT / "translations")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
TOKEN = "123456:TEST-token"
CHATS = itertools.count(7001)


def texts_of(calls: List[Any]) -> List[str]:
    return [c.params["text"] for c in calls]


# The splitter and the keyboard (no processes) ----------------------------------------------

def test_a_long_reply_is_split_at_sentence_boundaries() -> None:
    sentence = "The course lasts twelve weeks and ends with a practical exam. "
    text = sentence * 150  # about 9,300 characters
    parts = split_text(text)
    assert len(parts) == 3
    assert all(len(part) <= MAX_MESSAGE_LENGTH for part in parts)
    assert all(part.endswith("exam.") for part in parts)
    assert " ".join(parts) == text.strip()


def test_text_without_sentence_ends_is_split_at_spaces_and_nothing_is_lost() -> None:
    text = " ".join(f"word{i}" for i in range(2000))  # about 14,000 characters, no full stop
    parts = split_text(text)
    assert all(len(part) <= MAX_MESSAGE_LENGTH for part in parts)
    assert " ".join(parts) == text
    assert all(re.fullmatch(r"word\d+", part.split()[-1]) for part in parts)  # no word cut


def test_one_enormous_word_is_cut_hard_and_emoji_count_double() -> None:
    parts = split_text("😀" * 3000)  # 6,000 UTF-16 code units
    assert [len(p) for p in parts] == [2048, 952]


def test_right_to_left_parts_keep_their_direction_mark() -> None:
    text = RLM + ("هذه جملة طويلة عن الدورة. " * 400)
    parts = split_text(text)
    assert len(parts) > 1 and all(part.startswith(RLM) for part in parts)
    assert all(len(part) <= MAX_MESSAGE_LENGTH for part in parts)


def test_buttons_go_on_the_last_part_and_blank_line_replies_are_joined() -> None:
    replies = [{"text": "First paragraph."}, {"text": "Second paragraph."},
               {"text": "Long. " * 1000, "buttons": [{"title": "Yes", "payload": "/affirm"}]}]
    messages = outgoing(replies, CallbackPayloads())
    assert messages[0].text.startswith("First paragraph.\n\nSecond paragraph.\n\nLong.")
    assert len(messages) == 2 and all(len(m.text) <= MAX_MESSAGE_LENGTH for m in messages)
    assert messages[0].keyboard is None
    assert messages[-1].keyboard.inline_keyboard[0][0].callback_data == "/affirm"


def test_long_payloads_fit_in_callback_data_and_come_back() -> None:
    payloads = CallbackPayloads()
    long_payload = '/course_details{"course":"' + "helsefagarbeider-med-fagbrev-" * 4 + '"}'
    markup = keyboard([{"title": "Ja", "payload": "/affirm"}, {"title": "Nei", "payload": "/deny"},
                       {"title": "A course with a rather long name", "payload": long_payload}], payloads)
    assert markup is not None
    rows = markup.inline_keyboard
    assert [len(row) for row in rows] == [2, 1]  # short titles share a row
    data = rows[1][0].callback_data
    assert len(data.encode()) <= MAX_CALLBACK_DATA
    assert payloads.payload_for(data) == long_payload
    assert payloads.payload_for("/affirm") == "/affirm"


def test_a_forgotten_button_key_falls_back_to_the_buttons_title() -> None:
    """After a restart the key map is empty; the title still tells Rasa what was meant."""
    settings = load_settings({})
    channel = TelegramChannel(settings, RasaClient.from_settings(settings), lambda: FlakyStore([]))
    message = {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "text": "Velg",
               "reply_markup": {"inline_keyboard": [[{"text": "Helsefagarbeider", "callback_data": "#abc"}]]}}
    update = Update.de_json({"update_id": 1, **callback_update(1, "#abc", message)}, None)
    assert channel.payload_of("#abc", update) == "Helsefagarbeider"
    assert channel.payload_of("#gone", update) == "/greet"
    assert channel.payload_of("/affirm", update) == "/affirm"


# Pushing caseworkers' answers (the real PTB Bot against the fake) --------------------------

@dataclass
class Answered:
    reference: str
    sender_id: str
    language: str
    answer: Optional[str]


class FlakyStore:
    """An escalation store whose first read and first marking fail, as a locked database does."""

    def __init__(self, items: List[Answered]):
        self.items = items
        self.marked: List[str] = []
        self.read_failures = 1
        self.mark_failures = 1

    def unnotified_answers(self, channel: str, limit: int = 100) -> List[Answered]:
        assert channel == "telegram"
        if self.read_failures:
            self.read_failures -= 1
            raise sa.exc.OperationalError("SELECT", {}, Exception("database is locked"))
        return [item for item in self.items if item.reference not in self.marked]

    def mark_notified(self, reference: str) -> None:
        if self.mark_failures:
            self.mark_failures -= 1
            raise sa.exc.OperationalError("UPDATE", {}, Exception("database is locked"))
        self.marked.append(reference)


def test_pushed_answers_survive_database_errors_and_arrive_once(fake: FakeBotApi) -> None:
    fake.blocked_chats.add(4713)
    store = FlakyStore([Answered("K-AAAA", "telegram-4711", "uk", "Kurset starter 11. januar."),
                        Answered("K-BBBB", "telegram-4712", "ar", "Ja."),
                        Answered("K-CCCC", "telegram-4713", "nb", "Blokkert."),
                        Answered("K-DDDD", "web-abc", "nb", "Not a Telegram chat.")])

    async def rounds() -> List[int]:
        async with Bot(TOKEN, base_url=f"{fake.url}/bot") as bot:
            pusher = AnswerPusher(bot, lambda: store, T, ChatLocks(), interval=0.1)
            return [await pusher.push_once() for _ in range(4)]

    # 1: reading fails; 2: all sent, marking the first fails; 3: that one marked, none resent.
    assert asyncio.run(rounds()) == [0, 3, 1, 0]
    assert store.marked == ["K-BBBB", "K-CCCC", "K-DDDD", "K-AAAA"]
    heading = T.gettext("uk", CASEWORKER_ANSWER, reference="K-AAAA")
    assert texts_of(fake.messages_to(4711)) == [f"{heading}\n\nKurset starter 11. januar."]
    arabic = texts_of(fake.messages_to(4712))
    assert len(arabic) == 1 and arabic[0].startswith(RLM + T.gettext("ar", CASEWORKER_ANSWER, reference="K-BBBB"))
    assert len(fake.calls_of("sendMessage", 4713, status=403)) == 1  # blocked: not retried forever


# The channel as a process ------------------------------------------------------------------

class Channel:
    """`python -m bot.channels.telegram` with its output in a log file."""

    def __init__(self, env: Dict[str, str], log: Path):
        self.log = log
        base = {k: v for k, v in os.environ.items()
                if not k.startswith(("TELEGRAM_", "AMO_TELEGRAM_"))}
        with open(log, "w", encoding="utf-8") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot.channels.telegram"], cwd=PROJECT_ROOT,
                env={**base, "NO_PROXY": "127.0.0.1,localhost", **env},
                stdout=out, stderr=subprocess.STDOUT)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait(self, timeout: float = 30) -> int:
        return self.process.wait(timeout=timeout)

    def stop(self) -> Optional[int]:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                return self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                return self.process.wait()
        return self.process.returncode


def channel_env(fake: FakeBotApi, tmp: Path, rasa_port: int, **extra: str) -> Dict[str, str]:
    return {"TELEGRAM_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake.url,
            "AMO_RASA_PORT": str(rasa_port), "AMO_VAR_DIR": str(tmp / "var"),
            "AMO_TELEGRAM_PUSH_SECONDS": "0.3", "AMO_LOG_LEVEL": "INFO", **extra}


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    api = FakeBotApi().start()
    yield api
    api.stop()


def log_lines(output: str) -> List[str]:
    return [line for line in output.splitlines() if line.strip()]


@pytest.mark.e2e
def test_missing_token_exits_cleanly_with_one_log_line(tmp_path: Path) -> None:
    channel = Channel({"TELEGRAM_TOKEN": "", "AMO_VAR_DIR": str(tmp_path)}, tmp_path / "log")
    assert channel.wait() == 0
    lines = log_lines(channel.output())
    assert len(lines) == 1, lines
    assert "TELEGRAM_TOKEN is not set" in lines[0]


@pytest.mark.e2e
def test_rejected_token_exits_cleanly_with_one_log_line(fake: FakeBotApi, tmp_path: Path) -> None:
    fake.rejected_tokens.add(TOKEN)
    channel = Channel(channel_env(fake, tmp_path, free_port()), tmp_path / "log")
    try:
        assert channel.wait() == 0
    finally:
        channel.stop()
    lines = log_lines(channel.output())
    assert len(lines) == 1, lines
    assert "rejected TELEGRAM_TOKEN" in lines[0] and TOKEN not in lines[0]
    assert fake.calls_of("getMe", status=401)


@pytest.mark.e2e
def test_rasa_down_gets_an_apology_in_the_users_language(fake: FakeBotApi, tmp_path: Path) -> None:
    channel = Channel(channel_env(fake, tmp_path, free_port()), tmp_path / "log")
    try:
        chat = next(CHATS)
        fake.push(text_update(chat, "Dzień dobry", language_code="pl-PL"))
        sent = fake.wait_for(lambda: fake.messages_to(chat), what="the apology")
        assert texts_of(sent) == [T.gettext("pl", SERVER_DOWN)]
        assert TOKEN not in channel.output()  # httpx would log the Bot API URLs with the token
    finally:
        assert channel.stop() == 0, channel.output()


@pytest.mark.e2e
def test_webhook_mode_takes_updates_with_the_secret_only(fake: FakeBotApi, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    channel = Channel(channel_env(fake, tmp_path, free_port(), AMO_TELEGRAM_WEBHOOK_URL=url,
                                  AMO_TELEGRAM_WEBHOOK_PORT=str(port),
                                  AMO_TELEGRAM_WEBHOOK_SECRET="s3cret-for-tests"), tmp_path / "log")
    try:
        registered = fake.wait_for(lambda: fake.calls_of("setWebhook"), what="setWebhook")[0]
        assert registered.params["url"] == url
        assert registered.params["secret_token"] == "s3cret-for-tests"
        chat = next(CHATS)
        body = json.dumps({"update_id": 1, **text_update(chat, "hei", language_code="nb")}).encode()

        def post(secret: str) -> int:
            request = urllib.request.Request(url, data=body, method="POST", headers={
                "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret})
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    return response.status
            except urllib.error.HTTPError as exc:
                return exc.code
            except OSError:
                return 0  # not listening yet

        assert fake.wait_for(lambda: post("wrong") or None, what="the webhook server") == 403
        assert post("s3cret-for-tests") == 200
        sent = fake.wait_for(lambda: fake.messages_to(chat), what="the reply")
        assert texts_of(sent) == [T.gettext("nb", SERVER_DOWN)]  # Rasa is not running here
    finally:
        assert channel.stop() == 0, channel.output()


# Conversations with the real model ---------------------------------------------------------

@pytest.fixture(scope="module")
def fake_api() -> Iterator[FakeBotApi]:
    api = FakeBotApi().start()
    yield api
    api.stop()


@pytest.fixture(scope="module")
def telegram(bot: Any, fake_api: FakeBotApi, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FakeBotApi]:
    """The channel polling the fake, talking to the session's Rasa; yields the fake."""
    settings = bot.settings
    log = tmp_path_factory.mktemp("telegram") / "channel.log"
    env = channel_env(fake_api, settings.var_dir.parent, settings.rasa_port,
                      **bot.client_env(AMO_VAR_DIR=str(settings.var_dir)))
    channel = Channel(env, log)
    try:
        fake_api.wait_for(lambda: fake_api.calls_of("deleteWebhook"), what="polling to start")
        yield fake_api
    finally:
        code = channel.stop()
        (PROJECT_ROOT / "tests" / "artifacts").mkdir(exist_ok=True)
        (PROJECT_ROOT / "tests" / "artifacts" / "telegram.log").write_text(channel.output())
        assert code == 0, channel.output()


@pytest.fixture(scope="module")
def site(bot: Any) -> Iterator[WebServer]:
    """`python -m bot.web` in front of the session's bot, one for the module."""
    with start_web(bot.settings.var_dir, bot.client_env(AMO_WEB_COOKIE_SECURE="false")) as server:
        yield server


def say(api: FakeBotApi, chat: int, text: str, language_code: Optional[str] = "uk",
        count: int = 1) -> List[Any]:
    """Sends a text and waits for `count` more messages to the chat; returns the new ones."""
    before = len(api.messages_to(chat))
    api.push(text_update(chat, text, language_code))
    api.wait_for(lambda: len(api.messages_to(chat)) >= before + count, timeout=30,
                 what=f"a reply to {text!r}")
    return api.messages_to(chat)[before:]


@pytest.mark.model
def test_privit_gets_a_ukrainian_answer_with_an_inline_keyboard(telegram: FakeBotApi) -> None:
    chat = next(CHATS)
    reply = say(telegram, chat, "Привіт")[-1]
    assert CYRILLIC.search(reply.params["text"]), reply.params["text"]
    buttons = [b for row in reply.params["reply_markup"]["inline_keyboard"] for b in row]
    assert "Українська" in [b["text"] for b in buttons]
    assert all(len(b["callback_data"].encode()) <= MAX_CALLBACK_DATA for b in buttons)


@pytest.mark.model
def test_a_pressed_button_is_answered_and_continues_the_conversation(telegram: FakeBotApi) -> None:
    chat = next(CHATS)
    greeting = say(telegram, chat, "Привіт")[-1]
    button = next(b for row in greeting.params["reply_markup"]["inline_keyboard"] for b in row
                  if b["callback_data"] == "/list_courses")
    before = len(telegram.messages_to(chat))
    update = callback_update(chat, button["callback_data"], greeting.result)
    telegram.push(update)
    telegram.wait_for(lambda: len(telegram.messages_to(chat)) > before, timeout=30, what="the course list")
    answered = telegram.calls_of("answerCallbackQuery")
    assert update["callback_query"]["id"] in [c.params["callback_query_id"] for c in answered]
    edits = telegram.calls_of("editMessageReplyMarkup", chat)
    assert [int(e.params["message_id"]) for e in edits] == [greeting.result["message_id"]]
    assert "reply_markup" not in edits[0].params  # the keyboard is gone
    course_list = "\n".join(texts_of(telegram.messages_to(chat)[before:]))
    assert CYRILLIC.search(course_list) and course_list != greeting.params["text"]


@pytest.mark.model
@pytest.mark.parametrize("status", [429, 502])
def test_a_failed_send_is_retried_and_the_message_arrives(telegram: FakeBotApi, status: int) -> None:
    chat = next(CHATS)
    telegram.fail_next_sends(1, status=status, retry_after=1)
    started = time.monotonic()
    reply = say(telegram, chat, "Привіт")[-1]
    assert CYRILLIC.search(reply.params["text"])
    failed = telegram.calls_of("sendMessage", chat, status=status)
    assert len(failed) == 1 and failed[0].at < reply.at
    if status == 429:
        assert reply.at - failed[0].at >= 0.95  # retry_after honoured
    assert time.monotonic() - started < 15


@pytest.mark.model
def test_a_voice_note_gets_the_text_only_note_in_the_users_language(telegram: FakeBotApi) -> None:
    chat = next(CHATS)
    telegram.push(voice_update(chat, language_code="pl"))
    sent = telegram.wait_for(lambda: telegram.messages_to(chat), what="the text-only note")
    assert texts_of(sent) == [T.gettext("pl", TEXT_ONLY)]
    assert T.gettext("pl", TEXT_ONLY) != TEXT_ONLY


@pytest.mark.model
def test_help_speaks_the_conversations_language_not_the_apps(telegram: FakeBotApi) -> None:
    chat = next(CHATS)
    say(telegram, chat, "Привіт, я хочу дізнатися про курси", language_code="en")
    help_text = say(telegram, chat, "/help", language_code="en")[-1].params["text"]
    assert help_text == T.gettext("uk", HELP) != HELP


@pytest.mark.model
def test_a_redelivered_update_is_answered_once(telegram: FakeBotApi) -> None:
    chat = next(CHATS)
    update = {"update_id": telegram.new_update_id(), **text_update(chat, "/help", language_code="lt")}
    telegram.push(update, dict(update))  # the same update_id twice in one batch
    # One chat is answered in order: once the voice note's answer is there, a second
    # answer to the duplicate would be there too.
    telegram.push(voice_update(chat, language_code="lt"))
    telegram.wait_for(lambda: len(telegram.messages_to(chat)) >= 2, what="the answers")
    assert texts_of(telegram.messages_to(chat)) == [T.gettext("lt", HELP), T.gettext("lt", TEXT_ONLY)]


@pytest.mark.model
def test_one_chats_messages_are_answered_in_order(telegram: FakeBotApi) -> None:
    chat = next(CHATS)
    # /help is answered locally at once; without the chat lock it would overtake the greeting.
    telegram.push(text_update(chat, "Привіт"), text_update(chat, "/help"))
    sent = telegram.wait_for(lambda: len(telegram.messages_to(chat)) >= 2 and telegram.messages_to(chat),
                             timeout=30, what="both answers")
    assert texts_of(sent)[-1] == T.gettext("uk", HELP)
    assert "reply_markup" in sent[0].params  # the greeting, with its keyboard, came first


@pytest.mark.model
def test_a_caseworker_answer_is_pushed_to_the_chat_once(bot: Any, telegram: FakeBotApi) -> None:
    from bot.escalations.store import EscalationStore

    chat = next(CHATS)
    store = EscalationStore(bot.settings.effective_database_url)
    store.create_schema()
    record = store.record(f"telegram-{chat}", "uk", "Коли починається курс?", channel="telegram")
    store.answer(record.reference, "Kurset starter 11. januar.", "veileder1")
    sent = telegram.wait_for(lambda: telegram.messages_to(chat), what="the pushed answer")
    heading = T.gettext("uk", CASEWORKER_ANSWER, reference=record.reference)
    assert texts_of(sent) == [f"{heading}\n\nKurset starter 11. januar."]
    telegram.wait_for(lambda: record.reference not in
                      [e.reference for e in store.unnotified_answers("telegram")], what="marking")
    # A later answer is pushed in a later round; the first must not come again with it.
    second = store.record(f"telegram-{chat}", "uk", "Де курс?", channel="telegram")
    store.answer(second.reference, "I Bergen.", "veileder1")
    telegram.wait_for(lambda: len(telegram.messages_to(chat)) >= 2, what="the second answer")
    assert texts_of(telegram.messages_to(chat))[1].endswith("I Bergen.")
    assert len(telegram.messages_to(chat)) == 2


def _plain(text: str) -> str:
    """Reply text without layout: channels may join or split replies at blank lines."""
    return re.sub(r"\s+", " ", text.replace("\u200f", "")).strip()


@pytest.mark.model
@pytest.mark.parametrize("message,language", [
    ("hei", "nb"),
    ("Привіт, які курси є в Осло?", "uk"),
    ("مرحبا، كم مدة دورة التنظيف؟", "ar"),
    ("what do I do if my boss at the praksisplass treats me badly?", "en"),
])
def test_rest_telegram_and_web_chat_give_the_same_answer(bot: Any, telegram: FakeBotApi, site: WebServer,
                                                         message: str, language: str) -> None:
    rest = _plain(" ".join(r.get("text") or "" for r in bot.say(f"parity-rest-{next(CHATS)}", message, language)))
    chat = next(CHATS)
    before = len(telegram.messages_to(chat))
    telegram.push(text_update(chat, message, language))
    telegram.wait_for(lambda: _plain(" ".join(m.params["text"] for m in telegram.messages_to(chat)[before:])) == rest
                      or len(telegram.messages_to(chat)) > before + 5, timeout=30, what="the Telegram reply")
    via_telegram = _plain(" ".join(m.params["text"] for m in telegram.messages_to(chat)[before:]))
    reply = site.client().post_json("/chat/send", {"sender": f"web-parity{next(CHATS):08d}",
                                                   "message": message, "language": language})
    via_web = _plain(" ".join(r["text"] for r in reply.json()["replies"]))
    assert rest and via_telegram == rest and via_web == rest
