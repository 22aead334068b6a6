"""Languages the bot does not speak, named in a message."""

from __future__ import annotations

import pytest

from bot.language.others import OTHER_LANGUAGES, language_name, other_language_named_in
from bot.language.supported import SUPPORTED


@pytest.mark.parametrize("text, code", [
    ("Do you speak Kurdish?", "ku"),
    ("can we talk in Sorani", "ckb"),
    ("Amharic please", "am"),
    ("snakker du tyrkisk?", "tr"),
    ("هل تتكلم الكردية؟", "ku"),
    ("ممكن تحكي معي بالكردي", "ku"),
    ("میشه به پشتو حرف بزنیم؟", "ps"),
    ("کردی بلدی؟", "ku"),
    ("можна курдською?", "ku"),
    ("ты говоришь по-курдски?", "ku"),
    ("czy mówisz po niemiecku?", "de"),
    ("ar kalbi kurdiškai?", "ku"),
    ("ma ku hadli kartaa Kurdishka?", "ku"),
    ("ብኣምሓርኛ ክትዛረብ ትኽእል ዶ፧", "am"),
])
def test_a_language_the_bot_does_not_speak_is_found_in_its_forms(text, code):
    assert other_language_named_in(text) == code


@pytest.mark.parametrize("text", [
    "can we speak Arabic", "Czy mówisz po polsku", "Відповідайте російською", "ብትግርኛ ጽሓፈለይ",
    "change language", "Have a nice day", "kurs i Bergen", "hvordan går det", "ok takk", "",
])
def test_supported_languages_and_ordinary_words_name_no_other_language(text):
    assert other_language_named_in(text) is None


def test_no_supported_language_is_among_the_others():
    assert not set(OTHER_LANGUAGES) & set(SUPPORTED)
    assert {"sv", "da", "nn", "no"}.isdisjoint(OTHER_LANGUAGES)  # read as Norwegian


def test_the_name_is_given_in_the_language_of_the_answer_or_in_english():
    assert language_name("ku", "uk") == "курдська"
    assert language_name("ku", "nb") == "kurdisk"
    assert language_name("ku", "en") == "Kurdish"
    assert language_name("xx-unknown", "nb") == "xx-unknown"
