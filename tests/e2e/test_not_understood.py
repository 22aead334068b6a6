""""I don't understand" gets an honest answer in the participant's language: other words,
another language or a caseworker; inside the question form it is answered and the form
offered again, with nothing typed so far lost."""

from __future__ import annotations

import pytest

from bot.language.supported import SUPPORTED
from tests.e2e.test_flows import chosen
from tests.e2e.test_flows_every_language import QUESTION, SMALL_TALK
from tests.e2e.test_offers import ASK_QUESTION, YES
from tests.e2e.test_question_form import CONTINUE, WHICH_COUNTY, finish_in_vestland, stored

pytestmark = pytest.mark.model

NOT_UNDERSTOOD = SMALL_TALK["/not_understood"]
INTERPRETER = "Do you want an interpreter (tolk) if a caseworker invites you to a meeting?"


@pytest.mark.parametrize("language", SUPPORTED)
def test_the_answer_offers_other_words_another_language_and_a_caseworker(bot, language):
    talk = chosen(bot, language)
    talk.say("/list_courses")
    turn = talk.say("/not_understood")
    assert talk.t(NOT_UNDERSTOOD) in turn.text, turn.text
    assert {"/choose_language", "/contact_caseworker", "/list_courses"} <= set(turn.payloads)
    assert talk.t("Change language") in turn.titles
    # Nothing else: no thanks, no "what would you like to know".
    assert talk.t("OK. What would you like to know?") not in turn.text


@pytest.mark.parametrize("language", ["ar", "so"])
def test_the_language_button_shows_every_language(bot, language):
    talk = chosen(bot, language)
    talk.say("/not_understood")
    turn = talk.say("/choose_language")
    assert talk.t("Which language do you want?") in turn.text
    assert {f'/choose_language{{"language":"{code}"}}' for code in SUPPORTED} <= set(turn.payloads)


@pytest.mark.parametrize("language", ["nb", "ar", "ti", "ru"])
def test_at_the_question_step_it_is_answered_and_not_sent_as_the_question(bot, language):
    talk = chosen(bot, language)
    assert talk.t(ASK_QUESTION) in talk.say("/contact_caseworker").text
    aside = talk.say("/not_understood")
    assert talk.t(NOT_UNDERSTOOD) in aside.text and talk.t(CONTINUE) in aside.text, aside.text
    # One row of buttons: the offer to continue, not the answer's own beside it.
    assert sorted(aside.payloads) == ["/affirm", "/deny"], aside.payloads
    assert talk.t(ASK_QUESTION) in talk.say(YES[language]).text
    assert talk.t(WHICH_COUNTY) in talk.say(QUESTION[language]).text
    record = finish_in_vestland(bot, talk, language)
    assert record.question == QUESTION[language] and record.office == "vestland"


@pytest.mark.parametrize("language", ["en", "uk", "fa"])
def test_at_later_steps_the_form_resumes_where_it_was(bot, language):
    talk = chosen(bot, language)
    talk.say("/contact_caseworker")
    talk.say(QUESTION[language])
    aside = talk.say("/not_understood")
    assert talk.t(NOT_UNDERSTOOD) in aside.text and "/affirm" in aside.payloads, aside.text
    assert talk.t(WHICH_COUNTY) in talk.say(YES[language]).text
    talk.say("vestland")
    talk.say(language)
    assert talk.t(NOT_UNDERSTOOD) in talk.say("/not_understood").text
    assert talk.t(INTERPRETER) in talk.say("/affirm").text
    talk.say("/deny")
    record = stored(bot, talk.say("/affirm"))
    assert record.question == QUESTION[language] and record.office == "vestland"
