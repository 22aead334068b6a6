"""Language identification and the stickiness rules."""

from __future__ import annotations

import pytest

from bot.language.identify import Detection, decide, get_identifier

ID = get_identifier()


@pytest.mark.parametrize("text,expected", [
    ("Hei, jeg lurer på hvilke kurs som finnes", "nb"),
    ("Eg lurer på kva kurs som finst her", "nb"),  # Nynorsk reads as Norwegian
    ("I would like to know more about the courses", "en"),
    ("أريد أن أعرف المزيد عن الدورات", "ar"),
    ("Waxaan rabaa inaan ogaado koorsooyinka", "so"),
    ("ብዛዕባ እቲ ኮርስ ክትነግረኒ ትኽእል", "ti"),
    ("Я хотів би дізнатися більше про курси", "uk"),
    ("Я хотел бы узнать больше о курсах", "ru"),
    ("Chciałbym dowiedzieć się więcej o kursach", "pl"),
    ("Norėčiau sužinoti daugiau apie kursus", "lt"),
    ("می‌خواهم درباره دوره‌ها بیشتر بدانم", "fa"),
])
def test_sentences_are_identified(text, expected):
    assert ID.detect(text).language == expected


def test_loanwords_and_course_names_do_not_count_as_words():
    detection = ID.detect("NAV praksisplass tiltakspenger ok", ignore=["helsefag"])
    assert detection.words == 0
    assert ID.detect("arbeidstreningen meldekortet dagpengene helsefag", ignore=["helsefag"]).words == 0


@pytest.mark.parametrize("text,expected", [
    ("How do I sign up for a course?", "en"),
    ("is there an age limit", "en"),
    ("how much do I get paid during arbeidstrening", "en"),
    ("Czy mogę dostać praksisplass w Oslo?", "pl"),
    ("ile dostanę pieniędzy na arbeidstrening", "pl"),
    ("Kiek mokama už arbeidstrening?", "lt"),
    ("nie dostałem meldekort w tym tygodniu", "pl"),
    ("šią savaitę negavau meldekort", "lt"),
    ("hvor mye tiltakspenger får jeg", "nb"),
])
def test_a_first_message_without_a_hint_is_answered_in_its_language(text, expected):
    """Judged on the words other than NAV's, by the lead over the second language."""
    assert decide(None, ID.detect(text), None, None, "nb").language == expected


@pytest.mark.parametrize("text", ["ja", "ok", "tiltakspenger?", "kurs oslo", "12345"])
def test_a_first_message_that_says_nothing_clear_gets_the_default(text):
    assert decide(None, ID.detect(text), None, None, "nb").language == "nb"


def test_the_lead_is_over_the_second_language_of_the_same_script():
    detection = ID.detect("Я хотів би дізнатися більше про курси")
    assert detection.language == "uk" and detection.lead > 0.5
    assert ID.detect("ja").lead < 0.3


def test_masking_placeholders_do_not_count_as_words():
    assert ID.detect("[ID-NUMBER] [PHONE] [E-MAIL]").words == 0
    detection = ID.detect("رقمي [ID-NUMBER] وهاتفي [PHONE]")
    assert detection.language == "ar" and detection.words == 2


def test_unsupported_language_is_recognised():
    detection = ID.detect("Guten Tag, ich möchte wissen welche Kurse es gibt")
    assert detection.language is None and detection.unsupported == "de"


def det(language, words=5, confidence=0.9, script="latin", unsupported=None, lead=0.8):
    return Detection(language, confidence, words, script, unsupported, lead=lead)


def test_explicit_choice_always_wins():
    decision = decide("en", det("en"), hint="nb", explicit="ar", default="nb")
    assert decision.language == "ar" and decision.reason == "choice"


def test_a_sentence_without_a_clear_lead_does_not_switch():
    assert decide("en", det("nb", lead=0.2), None, None, "nb").language == "en"
    assert decide(None, det("pl", lead=0.2), None, None, "nb").language == "nb"


def test_short_message_keeps_the_language():
    assert decide("uk", det("pl", words=1), None, None, "nb").language == "uk"
    assert decide("ar", det("en", words=2), None, None, "nb").language == "ar"
    assert decide("uk", det(None, words=0), None, None, "nb").language == "uk"


def test_full_sentence_switches_and_says_from_where():
    decision = decide("uk", det("en"), None, None, "nb")
    assert decision.language == "en" and decision.switched_from == "uk"


def test_a_short_message_in_another_script_switches():
    decision = decide("nb", det("uk", words=1, confidence=1.0, script="cyrillic"), None, None, "nb")
    assert decision.language == "uk"


def test_hint_is_used_only_without_a_language_in_force():
    assert decide(None, det(None, words=0), "so", None, "nb").language == "so"
    assert decide("en", det(None, words=0), "so", None, "nb").language == "en"


def test_default_when_nothing_is_known():
    assert decide(None, det(None, words=0), None, None, "nb").language == "nb"


def test_unsupported_sentence_keeps_the_language_and_flags_it():
    decision = decide("en", det(None, unsupported="de"), None, None, "nb")
    assert decision.unsupported and decision.language == "en"
