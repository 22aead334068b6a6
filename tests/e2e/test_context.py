"""Follow-ups refer back to what was just talked about, in all ten languages: "how long is
it?" and "and the requirements?" after a course, "what about Bergen?" after a course (its
starts there) or after a list (that county's courses), "and the travel?" after the money.
A follow-up about one part of the course ("how long is it?", "where is it held?") gets
that part, with a button to the whole course.

The follow-ups are typed as participants write them (none of them is a training example);
the course or list they follow is opened by its button. Expected texts come from the
translation catalogs, and every reply is checked for leaked English (`Conversation`).
"""

from __future__ import annotations

from typing import Dict, Tuple

import pytest

from bot.language.supported import SUPPORTED
from tests.e2e.test_flows import CATALOGUE, chosen

pytestmark = pytest.mark.model

# Per language: the follow-ups, and for the place ones the county they name.
HOW_LONG = {
    "nb": "hvor mange uker er det?", "en": "how many weeks is it?", "ar": "كم أسبوع مدتها؟",
    "so": "imisa toddobaad ayuu socdaa?", "ti": "ክንደይ ሰሙን እዩ?", "uk": "скільки тижнів він триває?",
    "ru": "сколько недель длится?", "pl": "ile tygodni trwa?", "lt": "kiek savaičių trunka?",
    "fa": "چند هفته طول میکشه؟",
}
REQUIREMENTS = {
    "nb": "hva må jeg ha for å komme inn?", "en": "and who can join?", "ar": "وما هي الشروط للقبول؟",
    "so": "shuruudaha ka warran?", "ti": "ቅድመ ኩነታቱኸ?", "uk": "а які вимоги?", "ru": "а какие требования?",
    "pl": "a jakie są wymagania?", "lt": "o kokie reikalavimai?", "fa": "شرایطش چیه؟",
}
JOBS = {
    "nb": "og jobb etterpå?", "en": "and jobs after?", "ar": "وهل فيه شغل بعدها؟", "so": "shaqo ka dib ma jirtaa?",
    "ti": "ድሕሪኡ ስራሕከ?", "uk": "а робота після нього?", "ru": "а работа потом?", "pl": "a praca potem?",
    "lt": "o darbas po to?", "fa": "بعدش کار هست؟",
}
# A city where the care assistant course runs, named as a follow-up.
CARE_CITY: Dict[str, Tuple[str, str]] = {
    "nb": ("og i Trondheim?", "trondelag"), "en": ("and in Trondheim?", "trondelag"),
    "ar": ("وفي بيرغن؟", "vestland"), "so": ("iyo Trondheim?", "trondelag"), "ti": ("ኣብ በርገን ድማ?", "vestland"),
    "uk": ("а в Бергені?", "vestland"), "ru": ("а в Тронхейме?", "trondelag"), "pl": ("a w Trondheim?", "trondelag"),
    "lt": ("o Trondheime?", "trondelag"), "fa": ("برگن چطور؟", "vestland"),
}
# Another county, named after a list of courses.
OTHER_PLACE: Dict[str, Tuple[str, str]] = {
    "nb": ("hva med Stavanger?", "rogaland"), "en": ("what about Stavanger?", "rogaland"),
    "ar": ("وماذا عن تروندهايم؟", "trondelag"), "so": ("Stavanger ka warran?", "rogaland"),
    "ti": ("Stavangerከ?", "rogaland"), "uk": ("а Ставангер?", "rogaland"),
    "ru": ("а что насчёт Ставангера?", "rogaland"), "pl": ("a co ze Stavanger?", "rogaland"),
    "lt": ("o kaip su Stavangeriu?", "rogaland"), "fa": ("استاوانگر چی؟", "rogaland"),
}
TRAVEL = {
    "nb": "og busskortet?", "en": "what about the bus ticket?", "ar": "وتذكرة الباص؟",
    "so": "kharashka baska ka warran?", "ti": "ናይ መጓዓዝያ ወጻኢታትከ?", "uk": "а квиток на автобус?",
    "ru": "а проезд на автобусе?", "pl": "a bilet na autobus?", "lt": "o autobuso bilietas?",
    "fa": "بلیط اتوبوس چی؟",
}
MONEY = {
    "nb": "og hvor mye får jeg utbetalt?", "en": "and how much do I get paid?", "ar": "وكم أحصل من فلوس؟",
    "so": "lacagta meeqa ayaan helayaa?", "ti": "ገንዘብከ?", "uk": "а скільки платять?", "ru": "а сколько платят?",
    "pl": "a ile płacą?", "lt": "o kiek moka?", "fa": "چقدر پول میدن؟",
}
# A course question typed, then follow-ups about one part of it, in a few languages.
ASK_CARE = {
    "en": "tell me about the care assistant course", "nb": "fortell meg om kurset pleie og omsorg",
    "pl": "opowiedz mi o kursie dla opiekunki", "ar": "أخبرني عن دورة مساعد رعاية",
    "uk": "розкажіть про курс для доглядальниці",
}
WHERE = {"en": "where is it held?", "nb": "hvor holdes det?", "pl": "a gdzie się odbywa?", "ar": "أين تقام الدورة؟",
         "uk": "а де він проходить?"}
WHEN = {"en": "when does it begin?", "nb": "når begynner det?", "pl": "kiedy się zaczyna?", "ar": "متى يبدأ؟",
        "uk": "коли він починається?"}
CARE = CATALOGUE.courses["care-assistant"]
WHICH_COURSE = "Which course do you mean?"
LENGTH = "Length: %(weeks)s weeks."
MORE = "More about this course"
FOR_ALL = "AMO courses are for jobseekers aged 19 or older. It is not a right: NAV decides who gets a place."


def test_every_language_has_every_follow_up():
    for texts in (HOW_LONG, REQUIREMENTS, JOBS, CARE_CITY, OTHER_PLACE, TRAVEL, MONEY):
        assert set(texts) == set(SUPPORTED)


@pytest.mark.parametrize("language", SUPPORTED)
def test_follow_ups_about_a_course_refer_to_it(bot, language):
    talk = chosen(bot, language)
    talk.say('/course_details{"course":"care-assistant"}')
    name = talk.c(CARE.name)

    length = talk.say(HOW_LONG[language])
    assert name in length.text and talk.t(LENGTH, weeks=42) in length.text, length.text
    assert talk.t("What you learn:") not in length.text and talk.t("Next starts:") not in length.text
    assert talk.t(WHICH_COURSE) not in length.text
    assert length.payloads[0] == '/course_details{"course":"care-assistant"}'

    requirements = talk.say(REQUIREMENTS[language])
    assert name in requirements.text and talk.t(FOR_ALL) in requirements.text, requirements.text

    jobs = talk.say(JOBS[language])
    on_call = next(c for c in CARE.caveats if "ringevikar" in c)
    assert name in jobs.text and talk.c(on_call) in jobs.text, jobs.text

    text, county = CARE_CITY[language]
    place = talk.say(text)
    county_name = CATALOGUE.counties[county]
    city = next(p.place for p in CARE.places if p.county == county)
    assert name in place.text and talk.t("Next starts:") in place.text, place.text
    assert f"{city} ({county_name})" in place.text
    assert talk.t("Courses in %(county)s:", county=county_name) not in place.text
    assert f'/list_courses{{"county":"{county}"}}' in place.payloads


@pytest.mark.parametrize("language", SUPPORTED)
def test_a_place_after_a_list_lists_that_county_and_it_is_no_course(bot, language):
    talk = chosen(bot, language)
    talk.say('/course_details{"course":"care-assistant"}')
    listed = talk.say('/list_courses{"county":"oslo"}')
    assert talk.t("Courses in %(county)s:", county="Oslo") in listed.text
    text, county = OTHER_PLACE[language]
    other = talk.say(text)
    assert talk.t("Courses in %(county)s:", county=CATALOGUE.counties[county]) in other.text, other.text
    # Several courses were listed since the course: "how long is it?" has nothing to refer to.
    which = talk.say(HOW_LONG[language])
    assert talk.t(WHICH_COURSE) in which.text, which.text


@pytest.mark.parametrize("language", SUPPORTED)
def test_and_the_travel_after_the_money_answers_the_travel(bot, language):
    talk = chosen(bot, language)
    money_page = talk.c(CATALOGUE.pages["money"].title)
    costs_page = talk.c(CATALOGUE.pages["costs"].title)
    assert money_page in talk.say("/allowance").text
    travel = talk.say(TRAVEL[language])
    assert costs_page in travel.text and money_page not in travel.text, travel.text
    money = talk.say(MONEY[language])
    assert money_page in money.text and costs_page not in money.text, money.text


@pytest.mark.parametrize("language", sorted(ASK_CARE))
def test_a_question_about_one_part_gets_that_part_and_the_button_the_whole_course(bot, language):
    talk = chosen(bot, language)
    name = talk.c(CARE.name)
    page = talk.say(ASK_CARE[language])
    assert name in page.text and talk.t("What you learn:") in page.text, page.text

    length = talk.say(HOW_LONG[language])
    assert name in length.text and talk.t(LENGTH, weeks=42) in length.text, length.text
    assert talk.t("What you learn:") not in length.text and talk.t("Next starts:") not in length.text
    assert length.titles[0] == talk.t(MORE)

    whole = talk.say(length.payloads[0])  # the button
    assert talk.t("What you learn:") in whole.text and talk.t(LENGTH, weeks=42) in whole.text, whole.text
    assert talk.t(MORE) not in whole.titles

    where = talk.say(WHERE[language])
    assert talk.t("It runs in:") in where.text and talk.t("(example)") in where.text, where.text
    assert all(f"{p.place} ({CATALOGUE.counties[p.county]})" in where.text for p in CARE.places)
    assert talk.t(LENGTH, weeks=42) not in where.text and talk.t("Next starts:") not in where.text

    when = talk.say(WHEN[language])
    assert talk.t("Next starts:") in when.text and talk.t("(example)") in when.text, when.text
    assert talk.t(LENGTH, weeks=42) not in when.text and talk.t("It runs in:") not in when.text
