"""Meanings that the same messages, written in English and translated into nine languages,
were misread at in several languages at once (nlu_data/nlu/<lang>/common.yml), and the
question whether the course itself costs anything, which no source answers: each typed in
all ten languages, in words no training example has."""

from __future__ import annotations

import pytest

from bot.language.supported import SUPPORTED
from tests.e2e.test_flows import CATALOGUE, chosen
from tests.e2e.test_offers import ASK_QUESTION

pytestmark = pytest.mark.model

# A letter from NAV or the municipality that the participant cannot make sense of: a caseworker's
# matter (it had been read as list_courses or not_understood in six languages).
LETTER = {
    "nb": "jeg har fått et brev fra kommunen som jeg ikke forstår noe av",
    "en": "there's a letter from NAV on my table and I can't figure out what they want from me",
    "ar": "جاني خطاب من ناف وما عرفت شو المطلوب مني",
    "so": "NAV ayaa warqad ii soo dirtay, mana garanayo waxa ay iga rabaan",
    "ti": "ካብ NAV ደብዳቤ መጺኡኒ፡ እንታይ ከም ዝደልዩ ግን ኣይፈለጥኩን",
    "uk": "мені прийшов лист від NAV, і я не можу зрозуміти, чого від мене хочуть",
    "ru": "пришло письмо из коммуны, ничего не могу в нём разобрать",
    "pl": "dostałam pismo z NAV i nie wiem, o co im chodzi",
    "lt": "gavau laišką iš NAV ir nesuprantu, ko iš manęs nori",
    "fa": "یک نامه از NAV برایم آمده و نمی‌فهمم از من چه می‌خواهند",
}
# Whether starting a course ends the benefit: the money page (read as change_course, illness or
# job_prospects in four languages).
LOSE_BENEFIT = {
    "nb": "mister jeg dagpengene hvis jeg begynner på kurset?",
    "en": "if I join the course, do I lose my dagpenger?",
    "ar": "إذا بدأت الدورة هل ستتوقف إعانة البطالة؟",
    "so": "haddii aan koorsada galo, ma waayayaa lacagta shaqo la'aanta?",
    "ti": "ኮርስ እንተጀሚረ ናይ ስራሕ ኣልቦነት ሓገዝ ይቋረጸኒ ድዩ?",
    "uk": "якщо піду на курс, мені перестануть платити допомогу по безробіттю?",
    "ru": "если я пойду на курс, я потеряю пособие по безработице?",
    "pl": "jak pójdę na kurs, to zabiorą mi zasiłek?",
    "lt": "ar neteksiu bedarbio pašalpos, jei pradėsiu kursą?",
    "fa": "اگر دوره را شروع کنم، بیمه بیکاری‌ام قطع می‌شود؟",
}
# Whether the course itself costs anything: the costs page, which says that no source tells.
FEE = {
    "nb": "koster kurset noe for meg?",
    "en": "is the course free or do I have to pay something?",
    "ar": "هل يجب أن أدفع رسوما مقابل الدورة؟",
    "so": "koorsada lacag ma ka bixinayaa?",
    "ti": "ነቲ ኮርስ ክኸፍል ድየ?",
    "uk": "курс для мене платний чи безкоштовний?",
    "ru": "за курс нужно что-то платить?",
    "pl": "czy za kurs trzeba coś zapłacić?",
    "lt": "ar už kursą reikia mokėti?",
    "fa": "برای دوره باید پولی بپردازم؟",
}
UNKNOWN_FEE = next(section.text for section in CATALOGUE.pages["costs"].sections
                   if section.text.startswith("Om selve kurset koster deg noe"))


def test_every_language_has_every_message():
    for texts in (LETTER, LOSE_BENEFIT, FEE):
        assert set(texts) == set(SUPPORTED)


@pytest.mark.parametrize("language", SUPPORTED)
def test_a_letter_not_understood_starts_a_question_to_the_caseworker(bot, language):
    talk = chosen(bot, language)
    turn = talk.say(LETTER[language])
    assert talk.t(ASK_QUESTION) in turn.text, turn.text


@pytest.mark.parametrize("language", SUPPORTED)
def test_losing_the_benefit_by_starting_a_course_gets_the_money_page(bot, language):
    talk = chosen(bot, language)
    turn = talk.say(LOSE_BENEFIT[language])
    assert talk.c(CATALOGUE.pages["money"].title) in turn.text, turn.text


@pytest.mark.parametrize("language", SUPPORTED)
def test_the_course_fee_is_said_to_be_unknown(bot, language):
    """No source says whether a course costs the participant anything: the answer says so,
    instead of a course page, the money page or "I can only help with courses"."""
    talk = chosen(bot, language)
    turn = talk.say(FEE[language])
    assert talk.c(CATALOGUE.pages["costs"].title) in turn.text, turn.text
    assert talk.c(UNKNOWN_FEE) in turn.text, turn.text
