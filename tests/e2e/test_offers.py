"""The bot's offers answered in words, in all ten languages: a typed yes (or 👍) does
what the offer's button does, a typed no does not start anything."""

from __future__ import annotations

import pytest

from bot.language.supported import SUPPORTED
from tests.e2e.test_flows import Conversation

pytestmark = pytest.mark.model

YES = {
    "nb": "ja, gjerne", "en": "yes please", "ar": "نعم من فضلك", "so": "haa, fadlan", "ti": "እወ",
    "uk": "так, будь ласка", "ru": "да, пожалуйста", "pl": "tak, poproszę", "lt": "taip, prašau",
    "fa": "بله لطفا",
}
NO = {
    "nb": "nei takk", "en": "no thanks", "ar": "لا شكرا", "so": "maya, mahadsanid", "ti": "ኣይፋል",
    "uk": "ні, дякую", "ru": "нет, спасибо", "pl": "nie, dziękuję", "lt": "ne, ačiū", "fa": "نه ممنون",
}
ASK_QUESTION = ("Write your question in your own words and language. Please do not write your national "
                "identity number; I remove such numbers, phone numbers and e-mail addresses before storing.")


def chosen(bot, language: str) -> Conversation:  # type: ignore[no-untyped-def]
    talk = Conversation(bot, language)
    talk.say(f'/choose_language{{"language":"{language}"}}')
    return talk


def test_every_language_has_a_yes_and_a_no():
    assert set(YES) == set(NO) == set(SUPPORTED)


@pytest.mark.parametrize("language", SUPPORTED)
def test_typed_yes_after_a_placement_problem_starts_the_question(bot, language):
    talk = chosen(bot, language)
    assert "/contact_caseworker" in talk.say("/placement_problem").payloads
    assert talk.t(ASK_QUESTION) in talk.say(YES[language]).text


@pytest.mark.parametrize("language", SUPPORTED)
def test_typed_yes_after_hopelessness_starts_the_question(bot, language):
    talk = chosen(bot, language)
    talk.say("/frustration")
    assert talk.t(ASK_QUESTION) in talk.say(YES[language]).text


@pytest.mark.parametrize("language", SUPPORTED)
def test_typed_no_after_an_offer_starts_nothing(bot, language):
    talk = chosen(bot, language)
    talk.say("/frustration")
    turn = talk.say(NO[language])
    assert talk.t(ASK_QUESTION) not in turn.text
    assert talk.t("OK. What would you like to know?") in turn.text


@pytest.mark.parametrize("emoji", ["👍", "👌🏽"])
def test_a_thumbs_up_is_a_yes(bot, emoji):
    talk = chosen(bot, "uk")
    talk.say("/placement_problem")
    assert talk.t(ASK_QUESTION) in talk.say(emoji).text


def test_yes_after_i_am_a_chatbot_leads_to_a_caseworker(bot):
    talk = chosen(bot, "en")
    talk.say("/bot_challenge")
    assert talk.t(ASK_QUESTION) in talk.say("yes").text
