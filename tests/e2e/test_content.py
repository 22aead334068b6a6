"""Conversations about appeals, travel costs, illness, a county without courses, the
women's course and the money at the placement, in Norwegian, English, Arabic, Somali and Ukrainian, with the real model.

Expected texts come from the catalogs, so a check holds only when the answer is the right
one and in the participant's language; example values must be labelled as examples.
"""

from __future__ import annotations

import uuid
from typing import Dict

import pytest

from actions.course_wording import EXAMPLE_STARTS
from bot.i18n.catalogs import CONTENT
from tests.e2e.test_flows import CATALOGUE, T, Turn

pytestmark = pytest.mark.model

LANGUAGES = ("nb", "en", "ar", "so", "uk")
SAY: Dict[str, Dict[str, str]] = {
    "appeal": {
        "nb": "jeg vil klage på vedtaket fra NAV, hvor lang frist har jeg?",
        "en": "how can I appeal the decision NAV made about my course?",
        "ar": "أريد الاعتراض على قرار NAV بخصوص الدورة، كم المهلة؟",
        "so": "waxaan doonayaa inaan ka racfaano go'aanka NAV ka gaartay koorsadayda",
        "uk": "Як подати скаргу на рішення NAV щодо мого курсу?",
    },
    "travel": {
        "nb": "kan NAV dekke bussen min til kurset hver dag?",
        "en": "will NAV pay for my bus to the course every day?",
        "ar": "هل تدفع NAV أجرة الباص إلى الدورة كل يوم؟",
        "so": "NAV ma bixisaa kharashka baska aan ku tago koorsada?",
        "uk": "Чи оплатить NAV мені автобус до курсу щодня?",
    },
    "illness": {
        "nb": "jeg er syk i morgen og kan ikke komme på kurset, hva gjør jeg?",
        "en": "I am sick tomorrow and can't come to the course, what should I do?",
        "ar": "أنا مريض غدًا ولا أستطيع الذهاب إلى الدورة، ماذا أفعل؟",
        "so": "berri waan jiranahay mana iman karo koorsada, maxaan sameeyaa?",
        "uk": "Я завтра хворію і не можу прийти на курс, що робити?",
    },
    "finnmark": {
        "nb": "hvilke kurs finnes i Finnmark?",
        "en": "which courses are there in Finnmark?",
        "ar": "ما هي الدورات في فينمارك؟",
        "so": "koorsooyin noocee ah ayaa ka jira Finnmark?",
        "uk": "Які курси є у Фіннмарку?",
    },
    "womens_course": {
        "nb": "fortell meg om kvinnekurset",
        "en": "tell me about the course for women",
        "ar": "كم مدة دورة للنساء وماذا أتعلم فيها؟",
        "so": "ii sheeg wax ku saabsan koorsada haweenka",
        "uk": "Скільки триває курс для жінок і чого там навчають?",
    },
    "placement_pay": {
        "nb": "får jeg lønn når jeg er i praksis?",
        "en": "do I get paid during the work placement?",
        "ar": "هل أحصل على راتب أثناء التدريب العملي؟",
        "so": "lacag ma la i siinayaa inta aan praksis ku jiro?",
        "uk": "Чи платять мені гроші під час практики?",
    },
    "placement": {
        "nb": "hva gjør jeg på praksisplassen?",
        "en": "what will I do at the work placement?",
        "ar": "ماذا سأفعل في مكان التدريب العملي؟",
        "so": "maxaan ka qabanayaa goobta praksis-ka?",
        "uk": "Що я робитиму на практиці?",
    },
}
EXAMPLE_LENGTH = ("Example length: no source confirms it. Ask your caseworker or the course provider "
                  "how long your course lasts.")
by_language = pytest.mark.parametrize("language", LANGUAGES)


class Talk:
    """One participant; every message carries the language hint of their app."""

    def __init__(self, bot, language: str):  # type: ignore[no-untyped-def]
        self.bot, self.language = bot, language
        self.sender = f"content-{language}-{uuid.uuid4().hex[:8]}"

    def say(self, flow: str) -> Turn:
        return Turn(self.bot.say(self.sender, SAY[flow][self.language], self.language))

    def t(self, msgid: str, **params: object) -> str:
        return T.gettext(self.language, msgid, **params)

    def c(self, text: str, **params: object) -> str:
        return T.lookup(CONTENT, self.language, text, **params).text


def test_every_flow_is_written_in_every_language():
    assert all(set(texts) == set(LANGUAGES) for texts in SAY.values())


@by_language
def test_appeal_deadlines_and_the_amo_exception(bot, language):
    talk = Talk(bot, language)
    turn = talk.say("appeal")
    page = CATALOGUE.pages["appeals"]
    assert talk.c(page.title) in turn.text, turn.text
    for section in page.sections[1:4]:  # deadlines, the AMO exception, who helps
        assert talk.c(section.text) in turn.text, section.text


@by_language
def test_travel_costs(bot, language):
    talk = Talk(bot, language)
    turn = talk.say("travel")
    assert talk.c("Når du deltar i et arbeidsmarkedstiltak, kan du få støtte til reise.") in turn.text, turn.text
    childcare = CATALOGUE.pages["costs"].sections[2].text
    assert talk.c(childcare) in turn.text  # only some groups: ask whether you qualify


@by_language
def test_illness_tell_the_provider_and_the_meldekort(bot, language):
    talk = Talk(bot, language)
    turn = talk.say("illness")
    sections = CATALOGUE.pages["illness"].sections
    assert talk.c(sections[0].text) in turn.text, turn.text
    assert talk.c(sections[1].text) in turn.text


@by_language
def test_pay_at_the_placement_is_the_course_money(bot, language):
    """Asked on its own, pay at the placement gets the money page, which says the days of
    the placement count; the placement page says the same where it describes the place."""
    talk = Talk(bot, language)
    turn = talk.say("placement_pay")
    assert talk.c(CATALOGUE.pages["money"].sections[0].text) in turn.text, turn.text
    turn = talk.say("placement")
    pay = next(s for s in CATALOGUE.pages["placement"].sections if "lønn i" in s.text)
    assert talk.c(pay.text) in turn.text, turn.text


@by_language
def test_a_county_without_courses_is_said_plainly(bot, language):
    talk = Talk(bot, language)
    turn = talk.say("finnmark")
    assert talk.t("The catalogue has no course in %(county)s. Ask your caseworker which courses there are "
                  "where you live. I can also pass your question to a caseworker.", county="Finnmark") in turn.text, turn.text
    assert "2027" not in turn.text and "/contact_caseworker" in turn.payloads


@by_language
def test_the_womens_course_says_its_length_and_dates_are_examples(bot, language):
    talk = Talk(bot, language)
    turn = talk.say("womens_course")
    course = CATALOGUE.courses["womens-basic"]
    assert talk.c(course.name) in turn.text, turn.text
    assert talk.t(EXAMPLE_LENGTH) in turn.text
    assert talk.t(EXAMPLE_STARTS) in turn.text and talk.t("(example)") in turn.text
    assert talk.t("Length: %(weeks)s weeks.", weeks=16) in turn.text
