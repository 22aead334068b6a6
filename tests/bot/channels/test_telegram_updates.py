"""Each Telegram update once, also after a restart; groups ignored. The watermark alone, then
`python -m bot.channels.telegram` against the local fake Bot API."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Iterator

import pytest

from bot.channels.telegram_updates import HORIZON_SECONDS, HandledUpdates, watermark_file
from bot.channels.texts import HELP, TEXT_ONLY
from tests.bot.channels.fake_bot_api import FakeBotApi, text_update, voice_update
from tests.bot.channels.test_telegram import TOKEN, Channel, T, channel_env, texts_of
from tests.conftest import free_port

CHATS = itertools.count(9101)


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_a_repeat_is_refused_and_the_watermark_waits_for_slow_updates(tmp_path: Path) -> None:
    handled = HandledUpdates(tmp_path / "updates.json", Clock())
    assert handled.begin(1001) and handled.begin(1002) and handled.begin(1003)
    handled.finish(1002)  # another chat's update, faster
    handled.finish(1003)
    assert handled.watermark == 0  # 1001 still running: a crash now must not lose it
    assert not handled.begin(1002) and not handled.begin(1001)  # repeats while running or done
    handled.finish(1001)
    assert handled.watermark == 1003
    assert not handled.begin(1003) and handled.begin(1004)


def test_the_watermark_survives_a_restart_for_a_day(tmp_path: Path) -> None:
    clock = Clock()
    path = watermark_file(tmp_path, TOKEN)
    first = HandledUpdates(path, clock)
    for update_id in (500, 501):
        assert first.begin(update_id)
        first.finish(update_id)
    assert json.loads(path.read_text())["update_id"] == 501
    again = HandledUpdates(path, clock)
    assert not again.begin(501) and again.begin(502)
    clock.now += HORIZON_SECONDS  # Telegram keeps nothing this long; ids may start afresh
    assert HandledUpdates(path, clock).begin(17)


def test_ids_starting_afresh_after_a_quiet_day_are_handled(tmp_path: Path) -> None:
    clock = Clock()
    handled = HandledUpdates(None, clock)
    assert handled.begin(90_000)
    handled.finish(90_000)
    clock.now += HORIZON_SECONDS + 1
    assert handled.begin(12)


def test_each_bot_has_its_own_file_and_a_damaged_one_is_not_fatal(tmp_path: Path) -> None:
    assert watermark_file(tmp_path, "123:abc") != watermark_file(tmp_path, "456:abc")
    path = watermark_file(tmp_path, "123:abc")
    path.write_text("{not json", encoding="utf-8")
    assert HandledUpdates(path).begin(1)


# The channel as a process -----------------------------------------------------------------

@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    api = FakeBotApi().start()
    yield api
    api.stop()


@pytest.mark.e2e
def test_an_update_delivered_again_after_a_restart_is_not_answered_again(
        fake: FakeBotApi, tmp_path: Path) -> None:
    env = channel_env(fake, tmp_path, free_port())  # Rasa down: /help and voice are answered here
    chat = next(CHATS)
    update = {"update_id": fake.new_update_id(), **text_update(chat, "/help", language_code="lt")}
    first = Channel(env, tmp_path / "first.log")
    try:
        fake.push(update)
        fake.wait_for(lambda: fake.messages_to(chat), what="the help text")
    finally:
        assert first.stop() == 0, first.output()
    # Telegram did not get the confirmation and delivers the update again, then a new one.
    second = Channel(env, tmp_path / "second.log")
    try:
        fake.push(dict(update), voice_update(chat, language_code="lt"))
        fake.wait_for(lambda: len(fake.messages_to(chat)) >= 2, what="the answer to the new update")
    finally:
        assert second.stop() == 0, second.output()
    assert texts_of(fake.messages_to(chat)) == [T.gettext("lt", HELP), T.gettext("lt", TEXT_ONLY)]
    assert "delivered again" in second.output()


@pytest.mark.e2e
def test_groups_get_nothing_while_a_private_chat_is_served(fake: FakeBotApi, tmp_path: Path) -> None:
    channel = Channel(channel_env(fake, tmp_path, free_port()), tmp_path / "log")
    group, supergroup, private = -100_001, -1_002_000_003, next(CHATS)
    try:
        fake.push(text_update(group, "/help", "nb", chat_type="group"),
                  text_update(supergroup, "Hei, når starter kurset?", "nb", chat_type="supergroup"),
                  voice_update(group, "nb") | {"message": {**voice_update(group, "nb")["message"],
                                                          "chat": {"id": group, "type": "group",
                                                                   "title": "Kursgruppe"}}},
                  text_update(private, "/help", "nb"))
        sent = fake.wait_for(lambda: fake.messages_to(private), what="the private answer")
        assert texts_of(sent) == [T.gettext("nb", HELP)]
        fake.wait_for(lambda: channel.output().count("private chats only") == 3, what="three ignored")
    finally:
        assert channel.stop() == 0, channel.output()
    assert [c for c in fake.calls if str(c.params.get("chat_id", "")).startswith("-")] == []
