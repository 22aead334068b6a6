"""Two kinds of message fresh sentences were misread at in all ten languages, each typed in
words no training example has, through the real model, Rasa server and action server.

Thoughts of ending one's life (nlu_data/nlu/<lang>/crisis.yml) were read as despair about
the courses, as "no" or not at all: they get the crisis page, with the emergency number, the
helplines open day and night and the legevakt, also in the middle of the question form,
whose question is then offered again. Despair read as such but with a crisis not far behind
(at least 0.2) gets the page before the answer to despair. Help asked with a task the bot does not do, a CV or a
job application (tasks.yml), was read as a greeting: it gets the polite limits."""

from __future__ import annotations

import pytest

from bot.language.supported import SUPPORTED
from tests.e2e.test_flows import CATALOGUE, FRUSTRATION_REPLY, chosen
from tests.e2e.test_offers import OUT_OF_SCOPE, YES
from tests.e2e.test_question_form import (
    CONTINUE,
    QUESTION,
    WHICH_COUNTY,
    at_the_county_step,
    finish_in_vestland,
    stored,
)

pytestmark = pytest.mark.model

CRISIS_PAGE = CATALOGUE.pages["crisis"]

# No wish to go on living, said as people say it.
CRISIS = {
    "nb": "Jeg ser ingen vits i å leve lenger, alle hadde hatt det bedre uten meg",
    "en": "honestly I don't see the point of living anymore, everyone would be better off without me",
    "ar": "ما عاد بدي عيش، تعبت من كل شي وبفكر انهي حياتي",
    "so": "Ma rabo inaan sii noolaado, waxaan ka fekerayaa inaan naftayda dilo",
    "ti": "ክነብር ኣይደልን እየ፣ ህይወተይ ከብቅዓ እሓስብ ኣለኹ",
    "uk": "я більше не хочу жити, думаю як покінчити з цим усім",
    "ru": "не хочу больше жить, думаю покончить с собой",
    "pl": "nie chcę już żyć, myślę żeby ze sobą skończyć",
    "lt": "nebenoriu gyventi, galvoju kaip viską baigti",
    "fa": "دیگه نمی‌خوام زنده باشم، به خودکشی فکر می‌کنم",
}
# A last goodbye, said with the words of an ordinary one.
FAREWELL = {
    "nb": "Dette er siste gang dere hører fra meg, ta vare på ungene mine. Ha det for alltid.",
    "en": "this is the last time you will hear from me, look after my kids. goodbye forever",
    "ar": "هذه آخر مرة تسمعون مني، انتبهوا على أولادي. وداعاً للأبد",
    "so": "Tani waa markii ugu dambeysay ee aad war iga hesho, carruurtayda ilaaliya. Nabad gelyo weligeed",
    "ti": "እዚ ናይ መወዳእታ ካባይ እትሰምዕዎ እዩ፣ ንደቀይ ተኸናኸንዎም። ንሓዋሩ ደሓን ኩኑ",
    "uk": "це останній раз, коли ви чуєте від мене, подбайте про моїх дітей. прощавайте назавжди",
    "ru": "это последний раз, когда вы обо мне слышите, позаботьтесь о моих детях. прощайте навсегда",
    "pl": "to ostatni raz, kiedy się do was odzywam, zaopiekujcie się moimi dziećmi. żegnajcie na zawsze",
    "lt": "tai paskutinis kartas, kai apie mane girdite, pasirūpinkite mano vaikais. sudie visiems amžinai",
    "fa": "این آخرین باریه که از من می‌شنوید، مواظب بچه‌هام باشید. برای همیشه خداحافظ",
}
# Violence next door, now.
VIOLENCE_NOW = {
    "nb": "naboen slår kona si akkurat nå, jeg hører at hun skriker, hva skal jeg gjøre?",
    "en": "the man next door is beating his wife right now, I can hear her screaming, what do I do?",
    "ar": "الجار عم يضرب مرته هلأ، سامعها عم تصرخ، شو لازم أعمل؟",
    "so": "deriskayga ayaa hadda garaacaya xaaskiisa, waxaan maqlayaa iyadoo qaylinaysa, maxaan sameeyaa?",
    "ti": "ጎረቤተይ ሕጂ ንሰበይቱ ይወቕዓ ኣሎ፣ ክትጭድር እሰምዓ ኣለኹ፣ እንታይ ክገብር?",
    "uk": "сусід прямо зараз б'є свою дружину, я чую, як вона кричить, що мені робити?",
    "ru": "сосед прямо сейчас избивает жену, я слышу, как она кричит, что делать?",
    "pl": "sąsiad właśnie teraz bije żonę, słyszę, jak krzyczy, co mam robić?",
    "lt": "kaimynas būtent dabar muša savo žmoną, girdžiu, kaip ji rėkia, ką man daryti?",
    "fa": "همسایه‌مون همین الان داره زنشو می‌زنه، صدای جیغش رو می‌شنوم، چیکار کنم؟",
}
# No wish to live, in the careful written register a translator uses (formal Persian "I don't
# want to live any more" was read as stop before the fourth block of crisis.yml).
FORMAL = {
    "nb": "Jeg ønsker ikke lenger å leve, og jeg har tenkt på det i flere uker.",
    "en": "I no longer wish to live, and I have been thinking about it for weeks.",
    "ar": "لم أعد أرغب في العيش، وأفكر في ذلك منذ أسابيع.",
    "so": "Mar dambe ma rabo inaan noolaado, toddobaadyo ayaan ka fekerayay.",
    "ti": "ደጊም ክነብር ኣይደልን፣ ንሰሙናት ብዛዕባኡ ክሓስብ ጸኒሐ።",
    "uk": "Я більше не бажаю жити і думаю про це вже кілька тижнів.",
    "ru": "Я больше не желаю жить и думаю об этом уже несколько недель.",
    "pl": "Nie pragnę już żyć i myślę o tym od kilku tygodni.",
    "lt": "Nebenoriu gyventi ir apie tai galvoju jau kelias savaites.",
    "fa": "دیگر نمی‌خواهم زنده بمانم و چند هفته است به آن فکر می‌کنم.",
}
# A boss at the placement who hits and threatens to kill: a life in danger, not a placement problem.
VIOLENCE_AT_PLACEMENT = {
    "nb": "sjefen på praksisplassen slo meg i dag og sa han skal drepe meg hvis jeg sier det til noen, hva gjør jeg?",
    "en": "the boss at my praksisplass hit me today and said he'll kill me if I tell anyone, what do I do?",
    "ar": "المدير في مكان التدريب ضربني اليوم وقال إنه سيقتلني إذا أخبرت أحداً، ماذا أفعل؟",
    "so": "maamulaha praksisplass-ka ayaa maanta i garaacay wuxuuna igu yiri wuu i dilayaa haddii aan cid u sheego, maxaan sameeyaa?",
    "ti": "ሓላፊ ናይ ልምምድ ስራሕ ሎሚ ወቒዑኒ፣ ንሓደ ሰብ እንተ ነጊረ ክቐትለኒ እዩ ኢሉኒ፣ እንታይ ክገብር?",
    "uk": "начальник на практиці сьогодні мене вдарив і сказав, що вб'є, якщо я комусь розповім. що мені робити?",
    "ru": "начальник на практике сегодня меня ударил и сказал, что убьёт, если я кому-нибудь расскажу. что мне делать?",
    "pl": "szef na praktykach uderzył mnie dzisiaj i powiedział, że mnie zabije, jeśli komuś powiem. co mam robić?",
    "lt": "praktikos vadovas šiandien mane sumušė ir pasakė, kad mane nužudys, jei kam nors pasakysiu. ką man daryti?",
    "fa": "رئیسم توی محل کارآموزی امروز منو زد و گفت اگه به کسی بگم منو می‌کشه، چیکار کنم؟",
}
# Where one lives, then a question: "live" is also the verb of "I don't want to live", and the
# first sentence alone was read as a crisis.
LIVING_HERE = {
    "nb": "Jeg bor i Stavanger med kona og barna og har ikke jobb. Hvilke kurs finnes i Rogaland?",
    "en": "I live in Stavanger with my wife and kids and I have no work. Which courses are there in Rogaland?",
    "ar": "أعيش في ستافانغر مع زوجتي وأولادي وليس عندي عمل. ما هي الدورات الموجودة في Rogaland؟",
    "so": "Waxaan ku noolahay Stavanger anigoo la jooga xaaskayga iyo carruurta, shaqo ma hayo. Koorsooyinkee ayaa ka jira Rogaland?",
    "ti": "ምስ ሰበይተይን ደቀይን ኣብ Stavanger እነብር፣ ስራሕ የብለይን። ኣብ Rogaland እንታይ ኮርሳት ኣለዉ?",
    "uk": "Я живу в Ставангері з дружиною і дітьми і не маю роботи. Які курси є в Rogaland?",
    "ru": "Я живу в Ставангере с женой и детьми, работы нет. Какие курсы есть в Rogaland?",
    "pl": "Mieszkam w Stavanger z żoną i dziećmi i nie mam pracy. Jakie kursy są w Rogaland?",
    "lt": "Gyvenu Stavangeryje su žmona ir vaikais ir neturiu darbo. Kokie kursai yra Rogaland?",
    "fa": "با همسر و بچه‌هام در Stavanger زندگی می‌کنم و کار ندارم. چه دوره‌هایی در Rogaland هست؟",
}
# A farewell that promises to come back.
SEE_YOU_AGAIN = {
    "nb": "vi ses igjen en annen dag",
    "en": "see you again another day",
    "ar": "نشوفك مرة ثانية إن شاء الله",
    "so": "berri ayaan is aragnaa haddii Alle idmo",
    "ti": "ካልእ ግዜ ክንራኸብ ኢና",
    "uk": "ще побачимось іншим разом",
    "ru": "ещё увидимся в другой раз",
    "pl": "no to widzimy się innym razem",
    "lt": "pasimatysim kitą kartą",
    "fa": "یه روز دیگه دوباره می‌بینمت",
}
# Help with a CV or a job application: not the bot's, and no greeting.
TASK = {
    "nb": "kan du lage en CV til meg? jeg har aldri skrevet en",
    "en": "could you write my CV for me? I have never made one",
    "ar": "ممكن تكتبلي السيرة الذاتية تبعي؟ عمري ما كتبت وحدة",
    "so": "ma ii qori kartaa CV-gayga? weligay ma qorin mid",
    "ti": "ሲቪ ክትጽሕፈለይ ትኽእል ዶ? ቅድሚ ሕጂ ጽሒፈ ኣይፈልጥን",
    "uk": "можете написати мені резюме? я ніколи його не складала",
    "ru": "можете написать мне резюме? я никогда его не составляла",
    "pl": "napiszesz mi CV? nigdy go nie pisałam",
    "lt": "ar galite man parašyti CV? niekada jo nerašiau",
    "fa": "میشه رزومه منو بنویسی؟ تا حالا ننوشتم",
}


def test_every_language_has_every_message():
    for messages in (CRISIS, FAREWELL, VIOLENCE_NOW, FORMAL, VIOLENCE_AT_PLACEMENT, LIVING_HERE, SEE_YOU_AGAIN, TASK):
        assert set(messages) == set(SUPPORTED)


def test_the_crisis_page_gives_the_numbers_with_their_sources():
    text = " ".join(section.text for section in CRISIS_PAGE.sections)
    for number in ("113", "116 123", "22 40 00 40", "116 117"):
        assert number in text
    assert all(section.sources for section in CRISIS_PAGE.sections[:3])


@pytest.mark.parametrize("language", SUPPORTED)
def test_thoughts_of_ending_ones_life_get_the_numbers(bot, language):
    talk = chosen(bot, language)
    turn = talk.say(CRISIS[language])
    assert talk.c(CRISIS_PAGE.title) in turn.text, turn.text
    for number in ("113", "116 123", "116 117"):
        assert number in turn.text
    assert talk.t(OUT_OF_SCOPE) not in turn.text


@pytest.mark.parametrize("messages", [FAREWELL, VIOLENCE_NOW, FORMAL, VIOLENCE_AT_PLACEMENT],
                         ids=["last goodbye", "violence now", "formal register", "violence at the placement"])
@pytest.mark.parametrize("language", SUPPORTED)
def test_a_last_goodbye_violence_and_the_formal_register_get_the_numbers(bot, language, messages):
    """Read before as a goodbye, out_of_scope, a placement problem or stop: the second,
    fourth and fifth blocks of crisis.yml, and a crisis at 0.2 or more answered as one
    (bot/rasa/crisis.py)."""
    talk = chosen(bot, language)
    turn = talk.say(messages[language])
    assert talk.c(CRISIS_PAGE.title) in turn.text, turn.text
    assert "113" in turn.text


# A crisis in one sentence, a question or despair in the next: read as a whole, the message
# is the question or the despair.
CRISIS_THEN = {
    "en": ("I cut myself again last night. Where do I send the meldekort?", "money during a course", "money"),
    "uk": ("Я не хочу більше жити. Три курси і досі немає роботи, борги ростуть, NAV не допомагає.",
           "that things are hard right now", None),
}


@pytest.mark.parametrize("language", sorted(CRISIS_THEN))
def test_a_crisis_in_one_sentence_gets_the_numbers_then_the_rest_of_the_message_offered(bot, language):
    text, meaning, page = CRISIS_THEN[language]
    talk = chosen(bot, language)
    turn = talk.say(text)
    assert talk.c(CRISIS_PAGE.title) in turn.text and "113" in turn.text, turn.text
    assert talk.t("Did you mean: %(meaning)s?", meaning=talk.t(meaning)) in turn.text, turn.text
    # A typed yes takes up what the message was read as first.
    after = talk.say(YES[language]).text
    if page:
        assert talk.c(CATALOGUE.pages[page].title) in after, after
    else:
        assert talk.t(FRUSTRATION_REPLY) in after, after
    assert talk.c(CRISIS_PAGE.title) not in after


@pytest.mark.parametrize("language", ["en", "uk", "ar", "so"])
def test_a_crisis_inside_the_question_form_gets_the_numbers_and_the_question_is_kept(bot, language):
    talk = at_the_county_step(bot, language)
    aside = talk.say(CRISIS[language])
    assert talk.c(CRISIS_PAGE.title) in aside.text and "113" in aside.text, aside.text
    # The offer to continue the question, or, where the message also reads as despair, the
    # offer to pass the situation on: a yes to either takes the form up again.
    assert talk.t(CONTINUE) in aside.text or talk.t(FRUSTRATION_REPLY) in aside.text, aside.text
    assert talk.t(WHICH_COUNTY) in talk.say(YES[language]).text
    record = finish_in_vestland(bot, talk, language)
    assert record.question == QUESTION[language]


@pytest.mark.parametrize("language", ["en", "ti"])
@pytest.mark.parametrize("step", ["interpreter", "consent"])
def test_a_crisis_at_the_forms_later_steps_gets_the_numbers_and_the_step_is_asked_again(bot, language, step):
    talk = at_the_county_step(bot, language)
    talk.say("vestland")
    asked = talk.say(language)
    if step == "consent":
        asked = talk.say("/deny")
    aside = talk.say(CRISIS[language])
    assert talk.c(CRISIS_PAGE.title) in aside.text and "113" in aside.text, aside.text
    assert talk.t(CONTINUE) in aside.text or talk.t(FRUSTRATION_REPLY) in aside.text, aside.text
    # Taken up again where it was left: the same step's question, the answers before it kept.
    again = talk.say(YES[language])
    assert asked.text in again.text, again.text
    if step == "interpreter":
        talk.say("/deny")
    record = stored(bot, talk.say("/affirm"))
    assert record.question == QUESTION[language] and record.office == "vestland"


@pytest.mark.parametrize("language", SUPPORTED)
def test_help_with_a_cv_gets_the_limits_not_a_greeting(bot, language):
    talk = chosen(bot, language)
    turn = talk.say(TASK[language])
    assert talk.t(OUT_OF_SCOPE) in turn.text, turn.text
    assert talk.c(CRISIS_PAGE.title) not in turn.text


@pytest.mark.parametrize("language", SUPPORTED)
def test_where_one_lives_and_a_see_you_again_get_their_answers_not_the_numbers(bot, language):
    """The crisis page where no one is in danger: "I live in ..." read alone as a crisis, and
    "see you again" as a last goodbye (the fifth block of crisis.yml)."""
    talk = chosen(bot, language)
    listed = talk.say(LIVING_HERE[language])
    assert talk.c(CRISIS_PAGE.title) not in listed.text, listed.text
    assert talk.t("Courses in %(county)s:", county="Rogaland") in listed.text, listed.text
    farewell = talk.say(SEE_YOU_AGAIN[language])
    assert talk.c(CRISIS_PAGE.title) not in farewell.text, farewell.text
    assert talk.t("Goodbye, and good luck. You can write to me again at any time.") in farewell.text, farewell.text
