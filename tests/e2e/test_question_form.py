"""The question form can be left and resumed, in all ten languages: another question in
the middle is answered and the form offered again, with nothing typed so far lost;
"stop", "avbryt", "cancel" and their kin leave it."""

from __future__ import annotations

import pytest

from bot.escalations.store import EscalationStore
from bot.language.supported import SUPPORTED
from tests.e2e.test_flows import CATALOGUE, Conversation
from tests.e2e.test_flows_every_language import QUESTION
from tests.e2e.test_offers import ASK_QUESTION, NO, YES

pytestmark = pytest.mark.model

HOW_MUCH_MONEY = {
    "nb": "Hvor mye penger får jeg under kurset?", "en": "How much money do I get during the course?",
    "ar": "كم من المال أحصل عليه أثناء الدورة؟", "so": "Immisa lacag ah ayaan helayaa inta lagu jiro koorsada?",
    "ti": "ኣብ እዋን ኮርስ ክንደይ ገንዘብ እረክብ?", "uk": "Скільки грошей я отримую під час курсу?",
    "ru": "Сколько денег я получаю во время курса?", "pl": "Ile pieniędzy dostanę w czasie kursu?",
    "lt": "Kiek pinigų gausiu per kursus?", "fa": "در طول دوره چقدر پول می‌گیرم؟",
}
STOP = {
    "nb": "avbryt", "en": "cancel", "ar": "إلغاء", "so": "jooji", "ti": "ኣቋርጽ", "uk": "скасувати",
    "ru": "отмена", "pl": "anuluj", "lt": "atšaukti", "fa": "لغو",
}
WHICH_COUNTY = "Which county do you live in? Your question then goes to a caseworker there."
CONTINUE = "Do you want to continue your question to a caseworker? What you wrote so far is kept."
CANCELLED = "OK, I did not send anything and did not store your question."
CHATBOT = ("I am a chatbot, not a person. I can explain NAV's courses and placements. For your own case, "
           "I can pass your question to a NAV caseworker.")


def test_every_language_has_its_messages():
    assert set(HOW_MUCH_MONEY) == set(STOP) == set(SUPPORTED)


def stored(bot, done):  # type: ignore[no-untyped-def]
    """The escalation whose reference the form's last message `done` gives."""
    reference = done.text.split("K-")[1][:4]
    return EscalationStore(bot.settings.effective_database_url).get(f"K-{reference}")


def finish_in_vestland(bot, talk: Conversation, language: str):  # type: ignore[no-untyped-def]
    """Answers the form's remaining steps (county Vestland, replies in `language`, no
    interpreter, consent) and returns what was stored."""
    talk.say("vestland")
    talk.say(language)
    talk.say("/deny")
    return stored(bot, talk.say("/affirm"))


def at_the_county_step(bot, language: str) -> Conversation:  # type: ignore[no-untyped-def]
    talk = Conversation(bot, language)
    talk.say(f'/choose_language{{"language":"{language}"}}')
    talk.say("/contact_caseworker")
    assert talk.t(WHICH_COUNTY) in talk.say(QUESTION[language]).text
    return talk


@pytest.mark.parametrize("language", SUPPORTED)
def test_another_question_is_answered_and_the_form_resumed_with_nothing_lost(bot, language):
    talk = at_the_county_step(bot, language)
    aside = talk.say(HOW_MUCH_MONEY[language])
    assert talk.c(CATALOGUE.pages["money"].title) in aside.text, aside.text
    assert talk.t(CONTINUE) in aside.text and "/affirm" in aside.payloads
    assert talk.t(WHICH_COUNTY) in talk.say(YES[language]).text
    record = finish_in_vestland(bot, talk, language)
    assert record.question == QUESTION[language] and record.office == "vestland"


@pytest.mark.parametrize("language", ["en", "ar", "pl"])
def test_asking_whether_the_bot_is_a_person_shows_only_the_offer_to_continue(bot, language):
    talk = at_the_county_step(bot, language)
    aside = talk.say("/bot_challenge")
    assert talk.t(CHATBOT) in aside.text, aside.text
    # Already on its way to a caseworker: no "Talk to a caseworker" button beside the offer.
    assert sorted(aside.payloads) == ["/affirm", "/deny"], aside.payloads
    assert talk.t(WHICH_COUNTY) in talk.say(YES[language]).text


@pytest.mark.parametrize("language", SUPPORTED)
def test_stop_leaves_the_form_and_stores_nothing(bot, language):
    talk = at_the_county_step(bot, language)
    left = talk.say(STOP[language])
    assert talk.t(CANCELLED) in left.text, left.text
    assert EscalationStore(bot.settings.effective_database_url).list(sender_id=talk.sender) == []
    # Left for good: the next question to a caseworker starts from the beginning.
    assert talk.t(ASK_QUESTION) in talk.say("/contact_caseworker").text


@pytest.mark.parametrize("language", SUPPORTED)
def test_a_question_left_waiting_is_dropped_on_no(bot, language):
    talk = at_the_county_step(bot, language)
    talk.say(HOW_MUCH_MONEY[language])
    assert talk.t(CANCELLED) in talk.say(NO[language]).text
    assert talk.t(ASK_QUESTION) in talk.say("/contact_caseworker").text


def test_a_polish_no_to_continue_keeps_the_question_and_asks_again(bot):
    """Spoken Polish says "no" for yes: the question is not dropped on it."""
    talk = at_the_county_step(bot, "pl")
    talk.say(HOW_MUCH_MONEY["pl"])
    again = talk.say("no")
    assert talk.t("I am not sure whether you mean yes or no.") in again.text, again.text
    assert talk.t(CONTINUE) in again.text and talk.t(CANCELLED) not in again.text
    assert talk.t(WHICH_COUNTY) in talk.say("tak").text
    record = finish_in_vestland(bot, talk, "pl")
    assert record.question == QUESTION["pl"]


def test_a_question_left_waiting_is_kept_when_the_participant_asks_for_a_caseworker_later(bot):
    talk = at_the_county_step(bot, "pl")
    talk.say(HOW_MUCH_MONEY["pl"])
    talk.say("/list_courses")
    assert talk.t(WHICH_COUNTY) in talk.say("/contact_caseworker").text


@pytest.mark.parametrize("step_reply", ["vestland", "/deny"])
def test_stop_works_at_later_steps_too(bot, step_reply):
    talk = at_the_county_step(bot, "en")
    if step_reply == "/deny":
        talk.say("vestland")
        talk.say("en")
    assert talk.t(CANCELLED) in talk.say("stop").text
    assert EscalationStore(bot.settings.effective_database_url).list(sender_id=talk.sender) == []
