"""Meanings on the participant's path that fresh messages, written for the purpose in each
language, were misread at (nlu_data/nlu/<lang>/journey.yml): each typed in words no
training example has, through the real model, Rasa server and action server. The Polish
long-days message is the second one written for it: the first ended in "Czy to jest
dozwolone?" ("is it allowed?"), a question that alone reads as bot_challenge, and fell to
the fallback."""

from __future__ import annotations

import pytest

from bot.language.supported import SUPPORTED
from tests.e2e.test_flows import CATALOGUE, chosen
from tests.e2e.test_native_misreadings import CHANGE, answers_with_its_texts
from tests.e2e.test_offers import ASK_QUESTION

pytestmark = pytest.mark.model

AFTER = CATALOGUE.pages["after-course"].title
APPEALS = CATALOGUE.pages["appeals"].title
PROBLEMS = CATALOGUE.pages["placement-problems"].title

# A decision (vedtak) not understood, with no wish to contest it (read as an appeal in English and Somali).
VEDTAK = {
    "nb": "Jeg fikk et vedtak i posten i går, men skjønner ikke hva det betyr. Kan noen forklare det for meg?",
    "en": "A vedtak came in my NAV inbox yesterday and I can't make sense of it, could someone explain what it says?",
    "ar": "وصلني قرار (vedtak) من ناف بالنرويجية ولا أفهم ما المكتوب فيه، هل يمكن لأحد أن يشرحه لي؟",
    "so": "Waxaa ii yimid vedtak NAV ka timid, af norwiiji ah, mana fahmin waxa ku qoran. Qof ii sharxi kara ma jiraa?",
    "ti": "ካብ NAV vedtak ብኖርወይኛ መጺኡኒ፣ እንታይ ከም ዝብል ኣይተረድኣንን። ዝገልጸለይ ሰብ ይርከብ ዶ?",
    "uk": "Мені прийшов vedtak від NAV норвезькою, і я не розумію, що там написано. Хтось може мені його пояснити?",
    "ru": "Пришёл vedtak от NAV на норвежском, ничего в нём не понимаю. Может кто-нибудь объяснить, что там написано?",
    "pl": "Przyszedł mi vedtak z NAV po norwesku i nie rozumiem, co w nim jest. Czy ktoś może mi to wytłumaczyć?",
    "lt": "Gavau vedtak iš NAV norvegiškai ir nesuprantu, kas jame parašyta. Ar kas nors galėtų man paaiškinti?",
    "fa": "یک vedtak از ناو به نروژی برایم آمده و نمی‌فهمم چه نوشته. کسی می‌تواند برایم توضیح بدهد؟",
}
# The course finished: what now (read as changing or applying for a course in Persian, English and Norwegian).
FINISHED = {
    "nb": "Kurset mitt var ferdig på fredag. Hva skjer med meg nå, hva er neste steg?",
    "en": "My course ended on Friday. What happens to me now, what is the next step?",
    "ar": "انتهت دورتي يوم الجمعة. ماذا سيحدث لي الآن، وما هي الخطوة التالية؟",
    "so": "Koorsadaydu waxay dhammaatay Jimcihii. Hadda maxaa ii dhacaya, tallaabada xigtaa waa maxay?",
    "ti": "ኮርሰይ ዓርቢ ተወዲኡ። ሕጂ እንታይ ክኸውን እዩ፣ ዝቕጽል ስጉምቲ እንታይ እዩ?",
    "uk": "Мій курс закінчився в п'ятницю. Що тепер зі мною буде, який наступний крок?",
    "ru": "Мой курс закончился в пятницу. Что теперь со мной будет, какой следующий шаг?",
    "pl": "Mój kurs skończył się w piątek. Co teraz ze mną będzie, jaki jest następny krok?",
    "lt": "Mano kursai baigėsi penktadienį. Kas dabar su manimi bus, koks kitas žingsnis?",
    "fa": "دوره‌ام جمعه تمام شد. حالا چه اتفاقی برایم می‌افتد و قدم بعدی چیست؟",
}
# A seat on one course while preferring another trade (read as applying or listing courses in Polish and Lithuanian).
PREFER_ANOTHER = {
    "nb": "NAV har gitt meg plass på renholdskurset, men jeg vil heller jobbe i barnehage. Kan jeg få det i stedet?",
    "en": "NAV put me on the cleaning course, but I would much rather work in a kindergarten. Can I have that instead?",
    "ar": "ناف سجلتني في دورة التنظيف، لكنني أفضل العمل في روضة أطفال. هل يمكنني أخذ ذلك بدلاً منها؟",
    "so": "NAV waxay i geliyeen koorsada nadiifinta, laakiin waxaan doorbidayaa inaan ka shaqeeyo barnaamijka carruurta (barnehage). Taas ma heli karaa beddelkeeda?",
    "ti": "NAV ኣብ ኮርስ ጽሬት ኣእትዮምኒ፣ ግን ኣብ ቤት ትምህርቲ ህጻናት (barnehage) ክሰርሕ እየ ዝመርጽ። ኣብ ክንድኡ ክረኽቦ ይኽእል ዶ?",
    "uk": "NAV записав мене на курс прибирання, але я б краще працювала в дитячому садку. Можна мені замість цього туди?",
    "ru": "NAV записал меня на курс уборщицы, но я бы лучше работала в детском саду. Можно мне вместо этого туда?",
    "pl": "NAV zapisał mnie na kurs sprzątania, ale wolałabym pracować w przedszkolu. Czy mogę dostać to zamiast tego?",
    "lt": "NAV užrašė mane į valymo kursus, bet aš mieliau dirbčiau darželyje. Ar galiu gauti tai vietoj jų?",
    "fa": "ناو مرا در دوره نظافت ثبت‌نام کرده، ولی ترجیح می‌دهم در مهدکودک کار کنم. می‌شود به جایش آن را بگیرم؟",
}
# Twelve-hour days without a break at the placement (read as a course's requirements in Russian).
LONG_DAYS = {
    "nb": "På praksisplassen står jeg på lageret fra sju til sju, uten spisepause. Er det lov?",
    "en": "At my placement I stand in the warehouse from seven to seven with no lunch break. Is that allowed?",
    "ar": "في مكان التدريب العملي أقف في المستودع من السابعة إلى السابعة بدون استراحة غداء. هل هذا مسموح؟",
    "so": "Praksisplass-ka waxaan bakhaarka ku taaganahay toddobada ilaa toddobada, nasasho qado la'aan. Taasi ma bannaan tahay?",
    "ti": "ኣብ praksisplass ካብ ሰዓት ሸውዓተ ክሳብ ሸውዓተ ኣብ መኽዘን ብዘይ ናይ ምሳሕ ዕረፍቲ እሰርሕ። እዚ ይፍቀድ ዶ?",
    "uk": "На praksisplass я стою на складі з сьомої до сьомої без перерви на обід. Хіба так можна?",
    "ru": "На praksisplass я стою на складе с семи до семи без перерыва на обед. Разве так можно?",
    "pl": "Na praktyce w magazynie każą mi pracować po dwanaście godzin dziennie, bez żadnej przerwy. Czy tak wolno?",
    "lt": "Praksisplass sandėlyje stoviu nuo septynių iki septynių be pietų pertraukos. Ar taip galima?",
    "fa": "در praksisplass از ساعت هفت صبح تا هفت شب بدون استراحت ناهار در انبار سر پا هستم. این مجاز است؟",
}


# Each meaning: its messages, and the texts its answer must contain.
EXPECTED = {
    "vedtak": (VEDTAK, lambda talk: [talk.t(ASK_QUESTION)]),  # not the appeals page
    "finished": (FINISHED, lambda talk: [talk.c(AFTER)]),
    "prefer-another": (PREFER_ANOTHER, lambda talk: [talk.c(CHANGE)]),
    "long-days": (LONG_DAYS, lambda talk: [talk.c(PROBLEMS)]),
}


def test_every_language_has_every_message():
    for texts, _ in EXPECTED.values():
        assert set(texts) == set(SUPPORTED)


@pytest.mark.parametrize("meaning", sorted(EXPECTED))
@pytest.mark.parametrize("language", SUPPORTED)
def test_each_meaning_gets_its_answer_in_every_language(bot, language, meaning):
    answers_with_its_texts(bot, language, EXPECTED[meaning])


@pytest.mark.parametrize("language", SUPPORTED)
def test_a_decision_not_understood_is_not_answered_with_the_appeals_page(bot, language):
    talk = chosen(bot, language)
    turn = talk.say(VEDTAK[language])
    assert talk.c(APPEALS) not in turn.text, turn.text
