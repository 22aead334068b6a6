"""Webhook mode: only calls with the secret get in, whatever bytes the header holds."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Iterator

import pytest

from bot.channels.texts import SERVER_DOWN
from tests.bot.channels.fake_bot_api import FakeBotApi, text_update
from tests.bot.channels.test_telegram import Channel, T, channel_env, texts_of
from tests.conftest import free_port

SECRET = "s3cret-for-tests"


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    api = FakeBotApi().start()
    yield api
    api.stop()


def post_raw(port: int, header: bytes, body: bytes) -> int:
    """A webhook call with the secret header's raw bytes (urllib would refuse some)."""
    request = (b"POST /telegram/hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               b"X-Telegram-Bot-Api-Secret-Token: " + header + b"\r\n"
               b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(request)
            status_line = sock.makefile("rb").readline()
    except OSError:
        return 0  # not listening yet
    return int(status_line.split()[1]) if status_line else 0


@pytest.mark.e2e
def test_only_the_exact_secret_gets_in(fake: FakeBotApi, tmp_path: Path) -> None:
    port = free_port()
    channel = Channel(channel_env(fake, tmp_path, free_port(),
                                  AMO_TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram/hook",
                                  AMO_TELEGRAM_WEBHOOK_PORT=str(port),
                                  AMO_TELEGRAM_WEBHOOK_SECRET=SECRET), tmp_path / "log")
    stranger, owner = 8101, 8102
    try:
        fake.wait_for(lambda: fake.calls_of("setWebhook"), what="setWebhook")

        def body(chat: int, update_id: int) -> bytes:
            return json.dumps({"update_id": update_id, **text_update(chat, "hei", "nb")}).encode()

        assert fake.wait_for(lambda: post_raw(port, b"wrong", body(stranger, 1)) or None,
                             what="the webhook server") == 403
        for header in ("s3cret-for-tësts".encode(), "sécret".encode("latin-1"), "🔑".encode(),
                       b"\xff\xfe", SECRET.encode() + b"\xc3\xa9", b""):
            assert post_raw(port, header, body(stranger, 2)) == 403, header
        assert post_raw(port, SECRET.encode(), body(owner, 3)) == 200
        sent = fake.wait_for(lambda: fake.messages_to(owner), what="the reply")
        assert texts_of(sent) == [T.gettext("nb", SERVER_DOWN)]  # Rasa is not running here
    finally:
        assert channel.stop() == 0, channel.output()
    assert fake.messages_to(stranger) == []
    assert "Traceback" not in channel.output()
