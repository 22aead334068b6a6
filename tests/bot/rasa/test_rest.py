from bot.rasa.rest import MAX_MESSAGE_CHARS, clean_text


def test_control_and_bidi_override_characters_are_dropped():
    assert clean_text("he\u202eollo\x00\x07 there\n") == "heollo there\n"


def test_huge_messages_are_trimmed():
    assert len(clean_text("a" * 100_000)) == MAX_MESSAGE_CHARS
