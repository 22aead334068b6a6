"""Keyboard mash (bot/rasa/mash.py): letters along one keyboard row, or one letter held."""

import pytest

from bot.rasa.mash import is_mash, mash_word


@pytest.mark.parametrize("text", [
    "asdfghjkl", "qwerty", "kjhkjh", "sdfsdf sdf", "xcvbnm,.", "hhhhh", "ЙЦУКЕН", "фывапролд",
    "фівапролдж", "شسيبلاتن", "ضصثقف", "شسیبلا", "lkjlkj lkj", "asdf!!!"])
def test_mash_is_mash(text):
    assert is_mash(text)


@pytest.mark.parametrize("text", [
    "hei", "ok", "tak", "kurs", "praksis", "hahaha", "jajaja", "glad", "type", "flask",
    "asdf hjelp", "hjelp meg", "كورس", "курс", "👍", "123", "", "ስራሕ", "sdf"])
def test_words_are_not_mash(text):
    assert not is_mash(text)


def test_a_word_the_model_knows_is_never_mash():
    assert mash_word("were") and mash_word("ytre")  # along the top row
    assert is_mash("were") and not is_mash("were", known=lambda word: word == "were")
    assert not is_mash("ytre kjhkjh", known=lambda word: word == "ytre")
    assert is_mash("asdf hei") and not is_mash("asdf hei", known=lambda word: word == "hei")
