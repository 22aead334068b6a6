"""Help asked without a topic gets the overview with the topics, in all ten languages;
"understood" is a yes, not "that was unclear"; help with a topic gets the topic."""

from __future__ import annotations

import pytest

from bot.language.supported import SUPPORTED
from tests.e2e.test_flows import CATALOGUE, chosen
from tests.e2e.test_flows_every_language import SMALL_TALK

pytestmark = pytest.mark.model

OVERVIEW = "Hello! I can tell you about NAV's labour-market courses (AMO), the work placement and money during a course."
ANYTHING_ELSE = "OK. What would you like to know?"
WELCOME = SMALL_TALK["/thanks"]
UNCLEAR = SMALL_TALK["/not_understood"]

HELP = {
    "nb": "hjelp", "en": "help", "ar": "مساعدة", "so": "caawimaad", "ti": "ሓገዝ",
    "uk": "допомога", "ru": "помощь", "pl": "pomoc", "lt": "pagalba", "fa": "کمک",
}
WHAT_CAN_YOU_DO = {
    "nb": "hva kan du hjelpe meg med?", "en": "what can you help me with?",
    "ar": "بماذا يمكنك أن تساعدني؟", "so": "maxaad iga caawin kartaa?", "ti": "ብምንታይ ክትሕግዘኒ ትኽእል?",
    "uk": "з чим ти можеш мені допомогти?", "ru": "с чем ты можешь мне помочь?",
    "pl": "w czym możesz mi pomóc?", "lt": "kuo galite man padėti?", "fa": "در چه چیزی می‌توانی کمکم کنی؟",
}
UNDERSTOOD = {
    "nb": "ok, skjønner", "en": "ok, got it", "ar": "تمام، فهمت", "so": "hagaag, waan fahmay", "ti": "ሕራይ፡ ተረዲኡኒ",
    "uk": "зрозуміло", "ru": "понятно", "pl": "rozumiem", "lt": "supratau", "fa": "باشه، فهمیدم",
}
NOT_UNDERSTOOD = {
    "nb": "jeg skjønner ikke", "en": "I don't understand", "ar": "ما فهمت", "so": "ma fahmin",
    "ti": "ኣይተረደኣንን", "uk": "не зрозуміло", "ru": "не понятно", "pl": "nie rozumiem", "lt": "nesupratau",
    "fa": "نفهمیدم",
}
# "No" and then not understanding: the "no" had made the whole message a deny.
NO_NOT_UNDERSTOOD = {
    "nb": "nei, jeg forsto ikke hva du mente", "en": "no, I didn't get that", "ar": "لا، ما فهمت شي",
    "so": "maya, waxba kama fahmin", "ti": "ኣይፋልን፣ ኣይተረደኣንን", "uk": "ні, я нічого не зрозуміла",
    "ru": "нет, я не поняла", "pl": "nie, nie zrozumiałem tego", "lt": "ne, aš nelabai supratau",
    "fa": "نه، اصلا نفهمیدم",
}
HELP_WITH_AN_APPEAL = {
    "nb": "kan du hjelpe meg å klage på vedtaket?", "en": "can you help me appeal the decision?",
    "ar": "هل يمكنك مساعدتي في الاعتراض على القرار؟", "so": "ma iga caawin kartaa inaan racfaan ka qaato go'aanka?",
    "ti": "ኣብ ውሳነ ይግባይ ንምባል ክትሕግዘኒ ትኽእል ዶ?", "uk": "допоможіть мені оскаржити рішення",
    "ru": "помогите мне обжаловать решение", "pl": "pomóż mi odwołać się od decyzji",
    "lt": "padėkite man apskųsti sprendimą", "fa": "کمکم کن به تصمیم اعتراض کنم",
}


def test_every_language_has_every_message():
    for texts in (HELP, WHAT_CAN_YOU_DO, UNDERSTOOD, NOT_UNDERSTOOD, NO_NOT_UNDERSTOOD, HELP_WITH_AN_APPEAL):
        assert set(texts) == set(SUPPORTED)


@pytest.mark.parametrize("language", SUPPORTED)
def test_help_alone_gets_the_overview_not_you_are_welcome(bot, language):
    """"help" had been read as thanks and got "You are welcome"."""
    talk = chosen(bot, language)
    turn = talk.say(HELP[language])
    assert talk.t(OVERVIEW) in turn.text, turn.text
    assert talk.t(WELCOME) not in turn.text
    assert "/list_courses" in turn.payloads


@pytest.mark.parametrize("language", SUPPORTED)
def test_what_can_you_help_with_gets_the_overview(bot, language):
    talk = chosen(bot, language)
    talk.say("/list_courses")
    turn = talk.say(WHAT_CAN_YOU_DO[language])
    assert talk.t(OVERVIEW) in turn.text, turn.text


@pytest.mark.parametrize("language", SUPPORTED)
def test_understood_after_an_answer_is_not_taken_for_not_understood(bot, language):
    """"Зрозуміло", "Rozumiem", "فهمت" had got "sorry, that was not clear"."""
    talk = chosen(bot, language)
    talk.say("/allowance")
    turn = talk.say(UNDERSTOOD[language])
    assert talk.t(UNCLEAR) not in turn.text, turn.text
    assert talk.t(ANYTHING_ELSE) in turn.text, turn.text


@pytest.mark.parametrize("texts", [NOT_UNDERSTOOD, NO_NOT_UNDERSTOOD], ids=["alone", "after-no"])
@pytest.mark.parametrize("language", SUPPORTED)
def test_not_understood_after_an_answer_offers_other_words(bot, language, texts):
    """Alone, or after a "no" ("Ні, я не зрозумів", which had been read as a plain no and
    got "OK. What would you like to know?")."""
    talk = chosen(bot, language)
    talk.say("/allowance")
    turn = talk.say(texts[language])
    assert talk.t(UNCLEAR) in turn.text, turn.text
    assert talk.t(ANYTHING_ELSE) not in turn.text


@pytest.mark.parametrize("language", SUPPORTED)
def test_help_with_a_topic_gets_the_topic(bot, language):
    talk = chosen(bot, language)
    turn = talk.say(HELP_WITH_AN_APPEAL[language])
    assert talk.c(CATALOGUE.pages["appeals"].title) in turn.text, turn.text
    assert talk.t(OVERVIEW) not in turn.text
