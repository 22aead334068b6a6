"""Meanings that fresh messages, written for the purpose in each language, were misread at
(the blocks at the end of nlu_data/nlu/<lang>/outside.yml, costs.yml, everyday.yml and
support.yml): each typed in words no training example has, through the real model, Rasa
server and action server."""

from __future__ import annotations

import pytest

from bot.language.supported import SUPPORTED
from tests.e2e.test_context import FOR_ALL
from tests.e2e.test_flows import CATALOGUE, DELETE_ASKS, FRUSTRATION_REPLY, chosen
from tests.e2e.test_native_misreadings import COSTS, OUT_OF_SCOPE, answers_with_its_texts
from tests.e2e.test_shared_misreadings import UNKNOWN_FEE

pytestmark = pytest.mark.model

CLEANING = CATALOGUE.courses["cleaning"].name

# Small talk to the bot about itself (read as bot_challenge in four languages).
SMALL_TALK = {
    "nb": "Hva er egentlig favorittmaten din? Jeg er nysgjerrig på hva du liker best.",
    "en": "What's your favourite food? I'm curious what you would pick if you could eat.",
    "ar": "ما هو أكلك المفضل؟ أنا فضولي أن أعرف ماذا تحب أن تأكل.",
    "so": "Cuntada aad ugu jeceshahay waa maxay? Waxaan jeclaan lahaa inaan ogaado.",
    "ti": "እቲ ዝበለጸ እትፈትዎ መግቢ እንታይ እዩ? ክፈልጥ ደልየ።",
    "uk": "Скажи, а яка твоя улюблена їжа? Мені просто цікаво.",
    "ru": "А какая у тебя любимая еда? Просто интересно стало.",
    "pl": "Jakie jest twoje ulubione jedzenie? Pytam tak z ciekawości.",
    "lt": "Koks tavo mėgstamiausias maistas? Man tiesiog įdomu.",
    "fa": "غذای مورد علاقه‌ات چیه؟ فقط کنجکاوم که بدونم.",
}
# The price of a named course (read as its details in Somali and Tigrinya).
COURSE_PRICE = {
    "nb": "Hva må jeg betale for å ta lager- og truckkurset?",
    "en": "How much does the warehouse and forklift course cost me to take?",
    "ar": "كم يجب أن أدفع لحضور دورة التخزين وقيادة الرافعة الشوكية؟",
    "so": "Koorsada bakhaarka iyo wadista forklift-ka, imisa lacag ayaan bixinayaa?",
    "ti": "ንኮርስ መኽዘንን ፎርክሊፍትን ክንደይ ክኸፍል ኣለኒ?",
    "uk": "Скільки коштує для учасника курс роботи на складі та з навантажувачем?",
    "ru": "Сколько мне придётся заплатить за курс работника склада и водителя погрузчика?",
    "pl": "Ile muszę zapłacić za kurs magazyniera z uprawnieniami na wózek widłowy?",
    "lt": "Kiek dalyviui kainuoja sandėlio darbuotojo ir krautuvo vairuotojo kursai?",
    "fa": "شرکت در دوره انبارداری و لیفتراک برای من چقدر هزینه دارد؟",
}
# What was written in the chat to be erased (read as what happens after the course).
ERASE = {
    "nb": "Kan du slette alt jeg har skrevet i denne chatten? Jeg vil ikke at det lagres.",
    "en": "Please delete everything I've written in this chat, I don't want it stored.",
    "ar": "أرجو حذف كل ما كتبته في هذه المحادثة، لا أريد أن يُحفظ.",
    "so": "Fadlan tirtir wax kasta oo aan ku qoray wadahadalkan, ma rabo in la kaydiyo.",
    "ti": "በጃኻ ኣብዚ ቻት ዝጸሓፍክዎ ኩሉ ደምስሶ፣ ክዕቀብ ኣይደልን እየ።",
    "uk": "Будь ласка, видаліть усе, що я написав у цьому чаті. Не хочу, щоб це зберігалося.",
    "ru": "Удалите, пожалуйста, всё, что я написал в этом чате, не хочу, чтобы это сохранялось.",
    "pl": "Proszę usunąć wszystko, co napisałem w tym czacie. Nie chcę, żeby to zostało zapisane.",
    "lt": "Prašau ištrinti viską, ką parašiau šiame pokalbyje. Nenoriu, kad tai būtų išsaugota.",
    "fa": "لطفاً هر چیزی که در این چت نوشتم را پاک کنید، نمی‌خواهم ذخیره شود.",
}
# Despair told through money and family (read as a question about the allowance).
DESPAIR = {
    "nb": "Pengene rekker ikke til husleie og barna. Jeg får ikke sove og vet ikke hva jeg skal gjøre.",
    "en": "There's not enough money for rent and the kids. I can't sleep and don't know how to go on.",
    "ar": "الإيجار متأخر، وأولادي يحتاجون أشياء لا أقدر عليها، أبقى مستيقظاً طوال الليل ولا أرى مخرجاً.",
    "so": "Lacagtu kuma filna kirada iyo carruurta. Ma seexan karo, mana aqaan sidaan ku sii noolaan lahaa.",
    "ti": "ገንዘብ ንክራይ ገዛን ንቆልዑን ኣይኣክልን እዩ፣ ድቃስ ኣብዩኒ፣ ከመይ ገይረ ከም ዝቕጽል ኣይፈልጥን።",
    "uk": "Грошей не вистачає ні на оренду, ні на дітей. Не можу спати і не знаю, як жити далі.",
    "ru": "Денег не хватает ни на квартиру, ни на детей. Я не сплю ночами и не знаю, как жить дальше.",
    "pl": "Nie starcza mi na czynsz i na dzieci, nie mogę spać i nie wiem, jak dalej żyć.",
    "lt": "Pinigų neužtenka nei nuomai, nei vaikams. Negaliu miegoti ir nežinau, kaip gyventi toliau.",
    "fa": "پولم به اجاره خونه و خرج بچه‌ها نمی‌رسه، خوابم نمی‌بره و نمی‌دونم چطور ادامه بدم.",
}
# A health condition and whether one can take a course with it.
HEALTH_CONDITION = {
    "nb": "Jeg har astma. Kan jeg likevel ta renholdskurset, med alle rengjøringsmidlene?",
    "en": "I have asthma. Would I still be able to do the cleaning course with that?",
    "ar": "عندي ربو، هل يمكنني المشاركة في دورة التنظيف رغم ذلك؟",
    "so": "Waxaan qabaa cudurka neefta, ma ka qaybgali karaa koorsada nadaafadda?",
    "ti": "ሕማም ኣዝማ ኣሎኒ፣ ኮርስ ጽሬት ክወስድ ይኽእል ድየ?",
    "uk": "У мене астма. Чи можу я з цим пройти курс з прибирання?",
    "ru": "У меня астма. Можно ли мне с этим пойти на курс по уборке?",
    "pl": "Mam astmę. Czy mogę mimo to wziąć udział w kursie sprzątania?",
    "lt": "Sergu astma. Ar vis tiek galiu lankyti valymo kursus?",
    "fa": "من آسم دارم. با این بیماری می‌تونم دوره نظافت رو بگذرونم؟",
}


# Each meaning: its messages, and the texts its answer must contain.
EXPECTED = {
    "small-talk": (SMALL_TALK, lambda talk: [talk.t(OUT_OF_SCOPE)]),  # not "I am a program"
    "course-price": (COURSE_PRICE, lambda talk: [talk.c(COSTS), talk.c(UNKNOWN_FEE)]),
    "erase": (ERASE, lambda talk: [talk.t(DELETE_ASKS)]),
    "health-condition": (HEALTH_CONDITION, lambda talk: [talk.c(CLEANING), talk.t(FOR_ALL)]),
}


def test_every_language_has_every_message():
    for texts in (DESPAIR, *(texts for texts, _ in EXPECTED.values())):
        assert set(texts) == set(SUPPORTED)


@pytest.mark.parametrize("meaning", sorted(EXPECTED))
@pytest.mark.parametrize("language", SUPPORTED)
def test_each_meaning_gets_its_answer_in_every_language(bot, language, meaning):
    answers_with_its_texts(bot, language, EXPECTED[meaning])


@pytest.mark.parametrize("language", SUPPORTED)
def test_despair_told_through_money_gets_the_answer_to_despair_never_the_money_page(bot, language):
    """The answer to despair, or, where "I don't know how to go on living" leans to a crisis
    (Lithuanian: 0.44 crisis, 0.33 frustration), the crisis page with the helplines."""
    talk = chosen(bot, language)
    turn = talk.say(DESPAIR[language])
    assert talk.t(FRUSTRATION_REPLY) in turn.text or talk.c(CATALOGUE.pages["crisis"].title) in turn.text, turn.text
    assert talk.c(CATALOGUE.pages["money"].title) not in turn.text
