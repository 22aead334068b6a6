"""Meanings that fresh messages, written natively in each language (not translated), were
misread at in several languages (nlu_data/nlu/<lang>/native.yml), and transliterations the
detector takes for a language the bot does not speak: each typed in words no training
example has, through the real model, Rasa server and action server."""

from __future__ import annotations

import pytest

from bot.language.others import language_name
from bot.language.supported import SUPPORTED
from tests.e2e.test_flows import CATALOGUE, Conversation, chosen
from tests.e2e.test_offers import ASK_QUESTION
from tests.e2e.test_shared_misreadings import UNKNOWN_FEE

pytestmark = pytest.mark.model

COSTS = CATALOGUE.pages["costs"].title
MONEY = CATALOGUE.pages["money"].title
GOODBYE = "Goodbye, and good luck. You can write to me again at any time."
CHANGE = CATALOGUE.pages["change-course"].title

# Whether the course is free, with the language's own word for free (read as the course's
# details or the money during it in four languages).
FREE = {
    "nb": "er kurset helt gratis for deltakerne?",
    "en": "so the course itself is free for me, right?",
    "ar": "هل الدورة مجانية تماما أم عليها رسوم؟",
    "so": "koorsadu bilaash ma tahay mise waa lacag?",
    "ti": "እዚ ኮርስ ብነጻ ድዩ ዝወሃብ፧",
    "uk": "чи навчання на курсі безкоштовне?",
    "ru": "этот курс для участников бесплатный?",
    "pl": "czy ten kurs jest całkiem darmowy?",
    "lt": "ar mokymai kursuose bus nemokami?",
    "fa": "این دوره برای شرکت‌کننده‌ها مجانی است؟",
}
# Sent to one course and wanting another (read as applying or as who can join).
OTHER_COURSE = {
    "nb": "veilederen satte meg på renholdskurset, men jeg vil heller gå på kokkekurset",
    "en": "they put me on the cleaning course but what I really want is the kitchen one",
    "ar": "سجلوني في دورة التنظيف لكني أريد دورة المطبخ بدلا منها",
    "so": "waxaa la ii diray koorsada nadaafadda, laakiin waxaan rabaa koorsada jikada",
    "ti": "ናብ ኮርስ ጽሬት ሰዲዶምኒ፡ ኣነ ግን ኮርስ ክሽነ እየ ዝደሊ",
    "uk": "мене записали на прибирання, а я хочу на курс кухаря",
    "ru": "меня записали на уборку, а я хочу на курс повара",
    "pl": "zapisali mnie na sprzątanie, a ja chcę na kurs kucharza",
    "lt": "mane užrašė į valymo kursą, o aš noriu į virėjo kursą",
    "fa": "مرا در دوره نظافت ثبت‌نام کردند ولی من دوره آشپزی می‌خواهم",
}

# Money to live on during the course asked with the words of costs and covering (read as the
# costs of taking part in every language).
LIVING = {
    "nb": "hvem betaler for livsoppholdet mitt mens jeg går på kurset?",
    "en": "who will cover my rent and food while I'm doing the course?",
    "ar": "من سيغطي مصاريف أكلي وإيجاري طوال فترة الدورة؟",
    "so": "yaa bixinaya kirada iyo cuntadayda inta aan koorsada ku jiro?",
    "ti": "ኣብ እዋን ኮርስ ናይ መነባብሮ ወጻኢታተይ መን እዩ ዝሽፍኖ፧",
    "uk": "хто покриватиме мої витрати на життя, поки я навчаюся на курсі?",
    "ru": "кто покроет мои расходы на жизнь, пока я учусь на курсе?",
    "pl": "kto pokryje moje koszty utrzymania, kiedy będę na kursie?",
    "lt": "kas padengs mano pragyvenimo išlaidas, kol mokysiuosi kursuose?",
    "fa": "در مدتی که سر دوره هستم، خرج زندگی‌ام را کی می‌دهد؟",
}
# Another caseworker asked for with the verbs of changing (read as changing course in five).
OTHER_CASEWORKER = {
    "nb": "går det an å få bytte til en annen veileder?",
    "en": "is it possible to switch to a different caseworker?",
    "ar": "هل ممكن أغيّر الموظف المسؤول عن ملفي في ناف بموظف آخر؟",
    "so": "ma suurtagal baa in la ii beddelo la-taliyaha NAV ee aan hadda haysto?",
    "ti": "ነቲ ናይ ናቭ ኣማኻሪየይ ብኻልእ ክቕየረለይ ይከኣል ድዩ፧",
    "uk": "чи можна мені поміняти вейледера на іншого?",
    "ru": "можно ли мне сменить моего вейледера на другого?",
    "pl": "czy da się zmienić mojego doradcę w NAV na innego?",
    "lt": "ar įmanoma pakeisti mano NAV konsultantą kitu?",
    "fa": "امکانش هست مشاور ناوم را عوض کنم و یکی دیگر بگیرم؟",
}
# Farewells built on a greeting word or a wish (read as greetings in Persian, Arabic and
# Tigrinya, as thanks elsewhere).
FAREWELL = {
    "nb": "takk for hjelpen, ha det så godt",
    "en": "cheers for that, have a good night",
    "ar": "طيب، في أمان الله يا أخي",
    "so": "mahadsanid, nabad gelyo walaal",
    "ti": "ሕራይ ደሓን፣ ሰላም ኩን ሓወይ",
    "uk": "дякую, на все добре, бувайте",
    "ru": "спасибо, всего доброго",
    "pl": "dziękuję, do widzenia i miłego wieczoru",
    "lt": "ačiū, viso gero ir geros nakties",
    "fa": "ممنونم، سلامت باشید و خدانگهدار",
}

# A language the bot does not speak, asked for (read as bot_challenge, thanks or nothing).
OTHER_LANGUAGE = {
    "nb": ("kan vi heller skrive på kurdisk?", "ku"),
    "en": ("would it be possible to chat in Turkish instead?", "tr"),
    "ar": ("بتعرف تحكي تركي؟", "tr"),
    "so": ("ma igu qori kartaa Af-Oromo?", "om"),
    "ti": ("ብኣምሓርኛ ክንዘራረብ ንኽእል ዶ፧", "am"),
    "uk": ("а можна спілкуватися турецькою?", "tr"),
    "ru": ("а по-турецки ты можешь отвечать?", "tr"),
    "pl": ("a czy możesz pisać po turecku?", "tr"),
    "lt": ("ar galime bendrauti turkiškai?", "tr"),
    "fa": ("میشه با هم پشتو صحبت کنیم؟", "ps"),
}
# How to say something in Norwegian: a question about a word, not a choice of Norwegian.
HOW_TO_SAY = {
    "nb": "hva heter «paraply» på engelsk?",
    "en": "what's the Norwegian word for 'apron'?",
    "ar": "شو يعني كلمة مريلة بالنرويجي؟",
    "so": "sidee loo yiraahdaa 'dallad' af Noorweji?",
    "ti": "'ጽላል' ብኖርወይኛ እንታይ ይበሃል፧",
    "uk": "а як норвезькою буде слово «фартух»?",
    "ru": "как будет «фартук» по-норвежски?",
    "pl": "jak jest „fartuch” po norwesku?",
    "lt": "kaip norvegiškai bus „prijuostė“?",
    "fa": "به نروژی «پیش‌بند» چی میشه؟",
}
OUT_OF_SCOPE = "Sorry, I can only help with NAV's labour-market courses (AMO), the work placement and money during a course."


# Each meaning: its messages, and the texts its answer must contain (a page's title, a bot text).
EXPECTED = {
    "free": (FREE, lambda talk: [talk.c(COSTS), talk.c(UNKNOWN_FEE)]),
    "another-course": (OTHER_COURSE, lambda talk: [talk.c(CHANGE)]),
    "living-costs": (LIVING, lambda talk: [talk.c(MONEY)]),  # not the costs of taking part
    "another-caseworker": (OTHER_CASEWORKER, lambda talk: [talk.t(ASK_QUESTION)]),  # no course change
    "farewell": (FAREWELL, lambda talk: [talk.t(GOODBYE)]),
    "how-to-say": (HOW_TO_SAY, lambda talk: [talk.t(OUT_OF_SCOPE)]),  # no language choice
}


def test_every_language_has_every_message():
    for texts in (OTHER_LANGUAGE, *(texts for texts, _ in EXPECTED.values())):
        assert set(texts) == set(SUPPORTED)


def answers_with_its_texts(bot, language, meaning):  # type: ignore[no-untyped-def]
    """The message of `meaning` (texts, expected) in `language` gets every expected text."""
    texts, expected = meaning
    talk = chosen(bot, language)
    turn = talk.say(texts[language])
    for text in expected(talk):
        assert text in turn.text, turn.text


@pytest.mark.parametrize("meaning", sorted(EXPECTED))
@pytest.mark.parametrize("language", SUPPORTED)
def test_each_meaning_gets_its_answer_in_every_language(bot, language, meaning):
    answers_with_its_texts(bot, language, EXPECTED[meaning])


@pytest.mark.parametrize("language", SUPPORTED)
def test_a_language_the_bot_does_not_speak_is_named_as_not_spoken_yet(bot, language):
    talk = chosen(bot, language)
    text, code = OTHER_LANGUAGE[language]
    turn = talk.say(text)
    assert language_name(code, language) in turn.text, turn.text
    assert len([p for p in turn.payloads if p.startswith("/choose_language")]) == len(SUPPORTED)


@pytest.mark.parametrize("text", [
    "vozmeshchayut li dorogu do kursa na avtobuse",               # Swahili to the detector
    "kto oplachivaet avtobus do kursa, ya ezzhu kazhdyj den",     # Albanian to the detector
])
def test_russian_in_latin_letters_is_answered_in_russian_not_refused(bot, text):
    talk = Conversation(bot, "ru")
    turn = talk.say(text)
    assert talk.c(COSTS) in turn.text, turn.text
