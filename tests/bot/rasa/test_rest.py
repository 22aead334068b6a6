from dataclasses import replace
from types import SimpleNamespace

import pytest

from bot.config import load_settings
from bot.rasa import rest
from bot.rasa.rest import (
    MAX_MESSAGE_CHARS,
    channel_of,
    clean_text,
    speaks_for_channel,
    trusted_metadata,
)
from bot.rasa_client import CHANNEL_TOKEN_HEADER


def test_control_and_bidi_override_characters_are_dropped():
    assert clean_text("he\u202eollo\x00\x07 there\n") == "heollo there\n"


def test_huge_messages_are_trimmed():
    assert len(clean_text("a" * 100_000)) == MAX_MESSAGE_CHARS


def test_the_channel_comes_from_the_sender_prefix_not_from_the_caller():
    assert channel_of("telegram-42") == "telegram"
    assert channel_of("web-0123456789abcdef") == "web"
    assert channel_of("someone") == "rest"
    forged = trusted_metadata("someone", {"channel": "telegram", "chat_id": 42})
    assert forged == {"chat_id": 42, "channel": "rest"}


def test_metadata_keeps_only_short_known_values():
    given = {"language": "ar", "language_code": "ar-EG", "note": "fnr 01017012345",
             "chat_id": "x" * 100, "channel": "web"}
    assert trusted_metadata("web-abcdef0123", given) == {"language": "ar", "language_code": "ar-EG",
                                                         "channel": "web"}


def caller(headers: dict) -> SimpleNamespace:
    return SimpleNamespace(headers=headers)


@pytest.mark.parametrize("token", ["s3cret-token", ""])
def test_only_our_channels_may_use_their_sender_ids(monkeypatch, tmp_path, token):
    settings = replace(load_settings({"AMO_VAR_DIR": str(tmp_path)}), rasa_token=token)
    monkeypatch.setattr(rest, "get_settings", lambda: settings)
    for sender in ("telegram-42", "web-0123456789abcdef0123456789abcdef"):
        assert not speaks_for_channel(caller({}), sender)
        assert not speaks_for_channel(caller({CHANNEL_TOKEN_HEADER: "wrong"}), sender)
        assert not speaks_for_channel(caller({CHANNEL_TOKEN_HEADER: "s3cret-tokeñ"}), sender)
        # Without a configured token nobody speaks for a channel, not even with an empty one.
        assert speaks_for_channel(caller({CHANNEL_TOKEN_HEADER: "s3cret-token"}), sender) == bool(token)
        assert not speaks_for_channel(caller({CHANNEL_TOKEN_HEADER: ""}), sender)
    # Everyone else picks any other id, as Rasa's REST channel allows.
    assert speaks_for_channel(caller({}), "curl-user")
    assert speaks_for_channel(caller({}), "Web-not-ours")
