"""Short course names inside their course phrase, in all ten languages: "the IT course",
"IT-kurset", "курс IT" and "دورة IT" are the IT course; the pronoun "it" is not."""

from __future__ import annotations

import pytest

from bot.language.supported import SUPPORTED
from tests.e2e.test_flows import CATALOGUE, Conversation

pytestmark = pytest.mark.model

HOW_LONG_IS_THE_IT_COURSE = {
    "nb": "Hvor lenge varer IT-kurset?", "en": "How long is the IT course?", "ar": "كم مدة دورة IT؟",
    "so": "Intee in le'eg ayay qaadataa koorsada IT?", "ti": "ኮርስ IT ክንደይ ግዜ ይወስድ?",
    "uk": "Скільки триває курс IT?", "ru": "Сколько длится курс IT?", "pl": "Ile trwa kurs IT?",
    "lt": "Kiek laiko trunka IT kursai?", "fa": "دوره IT چقدر طول می‌کشد؟",
}


def test_every_language_has_the_question():
    assert set(HOW_LONG_IS_THE_IT_COURSE) == set(SUPPORTED)


@pytest.mark.parametrize("language", SUPPORTED)
def test_the_it_course_is_found_by_its_short_name(bot, language):
    talk = Conversation(bot, language)
    talk.say(f'/choose_language{{"language":"{language}"}}')
    turn = talk.say(HOW_LONG_IS_THE_IT_COURSE[language])
    course = CATALOGUE.courses["it-support"]
    assert talk.c(course.name) in turn.text, turn.text
    assert talk.t("Which course do you mean?") not in turn.text


def test_the_pronoun_it_is_not_the_it_course(bot):
    talk = Conversation(bot, "en")
    talk.say('/choose_language{"language":"en"}')
    turn = talk.say("how long is it?")
    assert talk.t("Which course do you mean?") in turn.text, turn.text
    assert talk.c(CATALOGUE.courses["it-support"].name) not in turn.text
