"""Messages as participants really write them, through the real model, Rasa server and
action server: transliterated first messages answered in the participant's language,
look-alike languages offered as a choice, and typing habits understood."""

from __future__ import annotations

import pytest

from bot.language.supported import BY_CODE
from tests.e2e.test_flows import CATALOGUE, Conversation, T, Turn

pytestmark = pytest.mark.model

MONEY = CATALOGUE.pages["money"].title
PROBLEMS = CATALOGUE.pages["placement-problems"].title


@pytest.mark.parametrize("language,text", [
    ("ru", "zdravstvujte, skolko deneg platyat vo vremya kursa?"),
    ("uk", "dobryi den, skilky hroshei platiat pid chas kursu?"),
    ("ar", "marhaba, addesh masari bya3touni wa2t el kurs?"),
    ("fa", "salam, too dore cheghadr pool behem midan?"),
])
def test_a_transliterated_first_message_is_answered_in_the_participants_language(bot, language, text):
    talk = Conversation(bot, language)
    turn = talk.say(text)
    assert talk.c(MONEY) in turn.text, turn.text


def test_a_word_shared_by_arabic_and_persian_offers_both(bot):
    talk = Conversation(bot, "ar")
    turn = Turn(bot.say(talk.sender, "salam"))  # answered in either of the two
    assert '/choose_language{"language":"ar"}' in turn.payloads, turn.text
    assert '/choose_language{"language":"fa"}' in turn.payloads
    chosen = talk.say('/choose_language{"language":"ar"}')
    assert talk.t("OK, I will answer in %(language)s.", language="العربية") in chosen.text


@pytest.mark.parametrize("language,text,page", [
    ("pl", "ILE KASY DOSTANE NA KURSIE", MONEY),                       # capitals, no diacritics
    ("nb", "hvor mye penger far jeg pa kurset", MONEY),                # no æøå
    ("lt", "kiek pinigu gausiu kol busiu kurse", MONEY),
    ("en", "i only sweep the floor there all day and no one teaches me a thing", PROBLEMS),  # said indirectly
])
def test_messages_typed_the_way_people_type_are_understood(bot, language, text, page):
    talk = Conversation(bot, language)
    talk.say({"pl": "dzien dobry", "nb": "hei", "lt": "labas", "en": "hello"}[language])
    turn = talk.say(text)
    assert talk.c(page) in turn.text, turn.text


@pytest.mark.parametrize("text,language", [
    ("mumkin nehki bel3arabi law sama7t", "ar"),
    ("mozhno po-russki pozhaluysta", "ru"),
    ("mozhna ukrainskoyu?", "uk"),
    # in their cases and with prepositions
    ("Перейдіть, будь ласка, на українську", "uk"),
    ("Czy możemy rozmawiać po polsku?", "pl"),
    ("Fadlan iigu jawaab af Soomaaliga", "so"),
])
def test_a_language_named_in_latin_letters_or_its_cases_is_the_one_chosen(bot, text, language):
    talk = Conversation(bot, "nb")
    talk.say("hei")
    turn = talk.say(text, replies_in=language)
    name = BY_CODE[language].native_name
    assert T.gettext(language, "OK, I will answer in %(language)s.", language=name) in turn.text, turn.text


@pytest.mark.parametrize("language,text", [
    ("en", "Is there a Norwegian language course?"),
    ("uk", "Чи є курс норвезької мови?"),
    ("ar", "هل توجد دورة اللغة النرويجية؟"),
])
def test_a_course_named_after_a_language_keeps_the_participants_language(bot, language, text):
    """Naming the Norwegian course is not asking to talk Norwegian: the course is
    described in the participant's language."""
    talk = Conversation(bot, language)
    turn = talk.say(text)
    assert talk.c(CATALOGUE.courses["work-norwegian"].name) in turn.text, turn.text


def test_a_question_that_names_a_language_never_switches_without_asking(bot):
    """"Can I get an interpreter in Arabic?" is about an interpreter: answered in English,
    or, if the model reads a wish to switch in it, English and Arabic are offered."""
    talk = Conversation(bot, "en")
    turn = talk.say("Can I get an interpreter in Arabic?")
    asked = {'/choose_language{"language":"en"}', '/choose_language{"language":"ar"}'} <= set(turn.payloads)
    assert asked or T.gettext("en", "OK, I will answer in %(language)s.", language="العربية") not in turn.text
    assert T.gettext("ar", "OK, I will answer in %(language)s.", language="العربية") not in turn.text, turn.text

