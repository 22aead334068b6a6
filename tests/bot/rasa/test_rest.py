from bot.rasa.rest import MAX_MESSAGE_CHARS, channel_of, clean_text, trusted_metadata


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
