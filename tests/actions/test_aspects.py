"""A message about one part of a course is told apart from one about the whole course, in
every language, whatever the case and the diacritics, and "how much" is not "where"."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import pytest

from actions.aspects import CUES, Aspect, asked_aspect, aspects
from bot.language.supported import SUPPORTED

D, P, S = Aspect.DURATION, Aspect.PLACE, Aspect.START

# Per language: (message, the one part it asks about or None for the whole page).
ASKED: Dict[str, List[Tuple[str, Optional[Aspect]]]] = {
    "nb": [("hvor lenge varer det?", D), ("hvor mange uker er kurset?", D), ("hvor lang tid tar det", D),
           ("hvor er det?", P), ("HVOR holdes kurset", P), ("når starter det?", S), ("nar starter det", S),
           ("og neste oppstart?", S),
           # "hvor" is "how" before a measure: money, a number, a distance, not a place.
           ("hvor mye får jeg?", None), ("hvor mange er med på kurset?", None), ("hvor langt er det?", None),
           ("hvor mye tid tar det?", D), ("hva lærer man?", None), ("hvor lenge varer det og når starter det?", None),
           ("når slutter kurset?", None), ("hvilket klokkeslett starter det?", None)],
    "en": [("how long is it?", D), ("How many weeks does it take", D), ("where is it held?", P),
           ("where's it?", P), ("WHEN DOES IT START", S), ("and the next intake?", S),
           ("how long until it starts?", S), ("how much money do I get?", None), ("what do I learn?", None),
           ("how long is it and where?", None), ("what time does it start in the morning?", None),
           ("when does it finish?", None), ("how long is the lunch break?", None), ("is it full time?", None)],
    "ar": [("كم مدتها؟", D), ("وكم تستغرق؟", D), ("كم أسبوع؟", D), ("أين تقام الدورة؟", P), ("وأين مكانها؟", P),
           ("وين الكورس؟", P), ("بأي مدينة؟", P), ("قديش بتطول؟", D), ("متى تبدأ؟", S), ("ومتى البداية؟", S), ("كم أحصل من فلوس؟", None),
           ("كم مدة الدورة وماذا أتعلم فيها؟", None), ("متى تنتهي؟", None)],
    "so": [("muddo intee le'eg ayuu qaataa?", D), ("imisa toddobaad ayuu socdaa?", D),
           ("xaggee lagu qabtaa?", P), ("magaaladee ayuu ka dhacaa?", P), ("immisa bilood?", D), ("halkee buu ka dhacaa?", P), ("goorma ayay bilaabataa?", S),
           ("lacagta meeqa ayaan helayaa?", None), ("maxaa lagu bartaa?", None),
           ("goorma ayay dhammaanaysaa?", None)],
    "ti": [("ክንደይ ግዜ ይወስድ?", D), ("ክንደይ ሰሙን እዩ?", D), ("ኣበይ እዩ ዝካየድ?", P), ("አበይ እዩ?", P),
           ("መዓስ ይጅምር?", S), ("ገንዘብ ክንደይ እዩ?", None), ("ኣብኡ እንታይ ይምሃር?", None),
           ("ሰዓት ክንደይ ይጅምር?", None)],
    "uk": [("скільки триває?", D), ("скільки тижнів він триває?", D), ("де він проходить?", P), ("куди треба їхати?", P),
           ("коли починається?", S), ("а коли наступний набір?", S), ("а скільки платять?", None),
           ("чого там навчають?", None), ("о котрій годині починаються заняття?", None),
           ("коли закінчується курс?", None)],
    "ru": [("сколько длится?", D), ("как долго?", D), ("где проходит курс?", P), ("когда начало?", S),
           ("когда старт?", S), ("а сколько платят?", None), ("чему там учат?", None),
           ("во сколько начинаются занятия?", None)],
    "pl": [("ile to trwa?", D), ("jak dlugo?", D), ("Jak długo?", D), ("gdzie są zajęcia?", P),
           ("kiedy startuje?", S), ("od kiedy?", S), ("a ile płacą?", None), ("czego się tam uczy?", None),
           ("o której zaczynają się zajęcia?", None)],
    "lt": [("kiek trunka?", D), ("kiek savaičių?", D), ("kiek savaiciu", D), ("kur vyksta kursai?", P),
           ("kada prasideda?", S), ("o kiek moka?", None), ("ko ten mokoma?", None),
           ("kada baigiasi kursas?", None), ("kelintą valandą prasideda pamokos?", None)],
    "fa": [("چقدر طول میکشه؟", D), ("چند هفته طول می‌کشه؟", D), ("کجاست؟", P), ("در چه شهری برگزار میشه؟", P), ("كجاست؟", P),
           ("کی شروع میشه؟", S), ("چقدر پول میدن؟", None), ("توش چی یاد میدن؟", None),
           ("این کورس تیوری است یا عملی؟", None), ("ساعت چند شروع میشه؟", None)],
}


def test_every_language_has_cues_for_every_part_and_examples_here():
    assert set(CUES) == set(SUPPORTED) == set(ASKED)
    for language, cues in CUES.items():
        assert {D, P, S} <= set(cues), language
    for language, cases in ASKED.items():
        assert {D, P, S, None} <= {aspect for _text, aspect in cases}, language


@pytest.mark.parametrize("language,text,aspect",
                         [(language, text, aspect) for language, cases in ASKED.items() for text, aspect in cases])
def test_the_part_asked_about(language, text, aspect):
    assert asked_aspect(text) is aspect, (language, text, aspects(text))


def test_a_button_payload_asks_about_no_part():
    # The "more about this course" button must bring the whole page, whatever the course id.
    assert aspects('/course_details{"course":"where-when-how-long"}') == frozenset()


def test_several_parts_and_the_other_one_are_all_seen():
    assert aspects("how long is it, where is it and when does it start?") == {D, P, S}
    assert aspects("when does it start and what do I learn?") == {S, Aspect.OTHER}
