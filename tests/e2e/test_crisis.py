"""Two kinds of message fresh sentences were misread at in all ten languages, each typed in
words no training example has, through the real model, Rasa server and action server.

Thoughts of ending one's life (nlu_data/nlu/<lang>/crisis.yml) were read as despair about
the courses, as "no" or not at all: they get the crisis page, with the emergency number, the
helplines open day and night and the legevakt, also in the middle of the question form,
whose question is then offered again. Despair read as such but with a crisis not far behind
(at least 0.2) gets the page before the answer to despair. Help asked with a task the bot does not do, a CV or a
job application (tasks.yml), was read as a greeting: it gets the polite limits."""

from __future__ import annotations

import pytest

from bot.language.supported import SUPPORTED
from tests.e2e.test_flows import CATALOGUE, FRUSTRATION_REPLY, chosen
from tests.e2e.test_offers import OUT_OF_SCOPE, YES
from tests.e2e.test_question_form import (
    CONTINUE,
    QUESTION,
    WHICH_COUNTY,
    at_the_county_step,
    finish_in_vestland,
    stored,
)

pytestmark = pytest.mark.model

CRISIS_PAGE = CATALOGUE.pages["crisis"]

# No wish to go on living, said as people say it.
CRISIS = {
    "nb": "Jeg ser ingen vits i å leve lenger, alle hadde hatt det bedre uten meg",
    "en": "honestly I don't see the point of living anymore, everyone would be better off without me",
    "ar": "ما عاد بدي عيش، تعبت من كل شي وبفكر انهي حياتي",
    "so": "Ma rabo inaan sii noolaado, waxaan ka fekerayaa inaan naftayda dilo",
    "ti": "ክነብር ኣይደልን እየ፣ ህይወተይ ከብቅዓ እሓስብ ኣለኹ",
    "uk": "я більше не хочу жити, думаю як покінчити з цим усім",
    "ru": "не хочу больше жить, думаю покончить с собой",
    "pl": "nie chcę już żyć, myślę żeby ze sobą skończyć",
    "lt": "nebenoriu gyventi, galvoju kaip viską baigti",
    "fa": "دیگه نمی‌خوام زنده باشم، به خودکشی فکر می‌کنم",
}
# Help with a CV or a job application: not the bot's, and no greeting.
TASK = {
    "nb": "kan du lage en CV til meg? jeg har aldri skrevet en",
    "en": "could you write my CV for me? I have never made one",
    "ar": "ممكن تكتبلي السيرة الذاتية تبعي؟ عمري ما كتبت وحدة",
    "so": "ma ii qori kartaa CV-gayga? weligay ma qorin mid",
    "ti": "ሲቪ ክትጽሕፈለይ ትኽእል ዶ? ቅድሚ ሕጂ ጽሒፈ ኣይፈልጥን",
    "uk": "можете написати мені резюме? я ніколи його не складала",
    "ru": "можете написать мне резюме? я никогда его не составляла",
    "pl": "napiszesz mi CV? nigdy go nie pisałam",
    "lt": "ar galite man parašyti CV? niekada jo nerašiau",
    "fa": "میشه رزومه منو بنویسی؟ تا حالا ننوشتم",
}


def test_every_language_has_every_message():
    assert set(CRISIS) == set(TASK) == set(SUPPORTED)


def test_the_crisis_page_gives_the_numbers_with_their_sources():
    text = " ".join(section.text for section in CRISIS_PAGE.sections)
    for number in ("113", "116 123", "22 40 00 40", "116 117"):
        assert number in text
    assert all(section.sources for section in CRISIS_PAGE.sections[:3])


@pytest.mark.parametrize("language", SUPPORTED)
def test_thoughts_of_ending_ones_life_get_the_numbers(bot, language):
    talk = chosen(bot, language)
    turn = talk.say(CRISIS[language])
    assert talk.c(CRISIS_PAGE.title) in turn.text, turn.text
    for number in ("113", "116 123", "116 117"):
        assert number in turn.text
    assert talk.t(OUT_OF_SCOPE) not in turn.text


@pytest.mark.parametrize("language", ["en", "uk", "ar", "so"])
def test_a_crisis_inside_the_question_form_gets_the_numbers_and_the_question_is_kept(bot, language):
    talk = at_the_county_step(bot, language)
    aside = talk.say(CRISIS[language])
    assert talk.c(CRISIS_PAGE.title) in aside.text and "113" in aside.text, aside.text
    # The offer to continue the question, or, where the message also reads as despair, the
    # offer to pass the situation on: a yes to either takes the form up again.
    assert talk.t(CONTINUE) in aside.text or talk.t(FRUSTRATION_REPLY) in aside.text, aside.text
    assert talk.t(WHICH_COUNTY) in talk.say(YES[language]).text
    record = finish_in_vestland(bot, talk, language)
    assert record.question == QUESTION[language]


@pytest.mark.parametrize("language", ["en", "ti"])
@pytest.mark.parametrize("step", ["interpreter", "consent"])
def test_a_crisis_at_the_forms_later_steps_gets_the_numbers_and_the_step_is_asked_again(bot, language, step):
    talk = at_the_county_step(bot, language)
    talk.say("vestland")
    asked = talk.say(language)
    if step == "consent":
        asked = talk.say("/deny")
    aside = talk.say(CRISIS[language])
    assert talk.c(CRISIS_PAGE.title) in aside.text and "113" in aside.text, aside.text
    assert talk.t(CONTINUE) in aside.text or talk.t(FRUSTRATION_REPLY) in aside.text, aside.text
    # Taken up again where it was left: the same step's question, the answers before it kept.
    again = talk.say(YES[language])
    assert asked.text in again.text, again.text
    if step == "interpreter":
        talk.say("/deny")
    record = stored(bot, talk.say("/affirm"))
    assert record.question == QUESTION[language] and record.office == "vestland"


@pytest.mark.parametrize("language", SUPPORTED)
def test_help_with_a_cv_gets_the_limits_not_a_greeting(bot, language):
    talk = chosen(bot, language)
    turn = talk.say(TASK[language])
    assert talk.t(OUT_OF_SCOPE) in turn.text, turn.text
    assert talk.c(CRISIS_PAGE.title) not in turn.text
