"""Every conversation flow, in Norwegian, English, Arabic, Tigrinya and Ukrainian, over REST,
and the button-driven flows in all ten languages.

Each flow is typed as a participant would, in that language, through the real model, Rasa
server and action server. Expected texts come from the translation catalogs, so a check
holds only when the reply is the right answer *and* is in the participant's language; every
reply is also searched for English source strings that leaked into a translated reply.
"""

from __future__ import annotations

import functools
import re
import uuid
from typing import Dict, List, Optional, Tuple

import pytest
from babel.messages.pofile import read_po

from bot.config import PROJECT_ROOT
from bot.content.loader import load_catalogue
from bot.escalations.store import EscalationStore
from bot.i18n.catalogs import CONTENT, get_translator
from bot.i18n.formatting import money
from bot.language.supported import BY_CODE, SUPPORTED

pytestmark = pytest.mark.model

LANGUAGES = ("nb", "en", "ar", "ti", "uk")
T = get_translator(PROJECT_ROOT / "translations")
CATALOGUE, _errors = load_catalogue(PROJECT_ROOT / "content")

# What the participant types, per flow and language.
SAY: Dict[str, Dict[str, str]] = {
    "greet": {
        "nb": "hei hei", "en": "hello there, good morning", "ar": "مرحبا، السلام عليكم",
        "ti": "ሰላም ከመይ ኣለኹም", "uk": "Привіт! Добрий день",
    },
    "list_county": {
        "nb": "hvilke kurs har dere i Oslo?", "en": "what courses do you have in Oslo?",
        "ar": "ما هي الدورات الموجودة في أوسلو؟", "ti": "ኣብ ኦስሎ እንታይ ኮርሳት ኣለዉ?",
        "uk": "Які курси є в Осло?",
    },
    "list_sector": {
        "nb": "har dere noen kurs innen helsefag?", "en": "are there any courses for a healthcare assistant?",
        "ar": "هل عندكم دورات مساعد رعاية؟", "ti": "ናይ ክንክን ሕሙማት ኮርሳት ኣለዉ ድዩ?",
        "uk": "Чи є курси на доглядальницю?",
    },
    "details": {
        "nb": "fortell meg om kurset lager og truck", "en": "tell me about the warehouse and forklift course",
        "ar": "أخبرني عن دورة الرافعة الشوكية، ماذا سأتعلم فيها؟", "ti": "ብዛዕባ ኮርስ መኽዘን ንገረኒ፣ እንታይ ክመሃር እየ?",
        "uk": "Розкажіть про курс на навантажувач, чого там навчають?",
    },
    "requirements": {
        "nb": "hvilket norsknivå må jeg ha for helsefag kurset?",
        "en": "what level of norwegian do i need for the care assistant course?",
        "ar": "ما هو مستوى اللغة النرويجية المطلوب لدورة مساعد رعاية؟",
        "ti": "ንኮርስ ክንክን ሕሙማት ክንደይ ደረጃ ኖርወይኛ የድልየኒ?",
        "uk": "Який рівень норвезької потрібен, щоб піти на курс доглядальниця?",
    },
    "prospects": {
        "nb": "får jeg fast jobb etter helsefag kurset?", "en": "will I get a permanent job after the care assistant course?",
        "ar": "هل سأحصل على عمل دائم بعد دورة مساعد رعاية؟", "ti": "ድሕሪ ኮርስ ክንክን ሕሙማት ቀዋሚ ስራሕ ክረክብ ድየ?",
        "uk": "Чи знайду я постійну роботу після курсу доглядальниця?",
    },
    "placement_info": {
        "nb": "hva gjør man egentlig på praksisplassen?", "en": "what will I actually do at the praksisplass?",
        "ar": "ماذا سأفعل في مكان التدريب العملي praksisplass؟", "ti": "ኣብ praksisplass እንታይ እየ ክሰርሕ?",
        "uk": "Що я буду робити на praksisplass?",
    },
    "placement_problem": {
        "nb": "sjefen på praksisplassen bruker meg som gratis arbeidskraft og ingen veileder meg",
        "en": "my placement boss uses me as free labour and nobody supervises me",
        "ar": "المدير في مكان التدريب يستغلني كعامل بدون أجر ولا أحد يشرف علي",
        "ti": "ኣብ praksisplass ከም ብላሽ ሰራሕተኛ ይጥቀሙለይ ኣለዉ፣ ዝቆጻጸረኒ ሰብ የለን",
        "uk": "Начальник на практиці використовує мене як безкоштовну робочу силу, ніхто мене не контролює",
    },
    "allowance": {
        "nb": "hvor mye tiltakspenger får jeg mens jeg går på kurset?", "en": "how much tiltakspenger do I get during the course?",
        "ar": "كم أحصل من tiltakspenger أثناء الدورة؟", "ti": "ኣብ እዋን ኮርስ ክንደይ tiltakspenger እረክብ?",
        "uk": "Скільки tiltakspenger я отримую під час курсу?",
    },
    "apply": {
        "nb": "hvordan søker jeg på et kurs?", "en": "how do I apply for a course?",
        "ar": "كيف أقدم طلب للتسجيل في دورة؟", "ti": "ንኮርስ ከመይ ገይረ እመዝገብ?",
        "uk": "Як мені записатися на курс?",
    },
    "frustration": {
        "nb": "jeg har gått på fem kurs og har fortsatt ingen jobb, det er håpløst",
        "en": "I have done five courses and still no job, it is hopeless",
        "ar": "أخذت خمس دورات وما زلت بدون عمل، تعبت ولا يوجد أمل",
        "ti": "ሓሙሽተ ኮርሳት ወዲአ ግን ክሳብ ሕጂ ስራሕ የብለይን፣ ተስፋ ቆሪጸ",
        "uk": "Я пройшов уже п'ять курсів і досі без роботи, все безнадійно",
    },
    "bot_challenge": {
        "nb": "er du en robot?", "en": "are you a robot?", "ar": "هل أنت روبوت أم إنسان؟",
        "ti": "ሮቦት ዲኻ ወይስ ሰብ?", "uk": "Ти робот чи людина?",
    },
    "out_of_scope": {
        "nb": "hva blir været i morgen?", "en": "what will the weather be like tomorrow?",
        "ar": "كيف سيكون الطقس غدا؟", "ti": "ጽባሕ ኩነታት ኣየር ከመይ ክኸውን እዩ?",
        "uk": "Яка погода буде завтра?",
    },
    "thanks": {
        "nb": "tusen takk for hjelpen", "en": "thanks a lot for the help", "ar": "شكرا جزيلا على المساعدة",
        "ti": "ብዙሕ የቐንየለይ", "uk": "Дуже дякую за допомогу",
    },
    "goodbye": {
        "nb": "ha det bra", "en": "bye bye", "ar": "مع السلامة", "ti": "ደሓን ኩን", "uk": "До побачення",
    },
    "choose_language": {
        "nb": "kan vi snakke engelsk?", "en": "can we speak Norwegian please?",
        "ar": "هل يمكن أن نتكلم بالإنجليزية؟", "ti": "ብእንግሊዝኛ ክንዛረብ ንኽእል ዶ?",
        "uk": "Можемо говорити англійською?",
    },
    "delete_my_data": {
        "nb": "slett dataene mine", "en": "please delete my data", "ar": "احذف بياناتي من فضلك",
        "ti": "ሓበሬታይ ደምስሶ በጃኻ", "uk": "Видаліть мої дані, будь ласка",
    },
    "question": {
        "nb": "Når starter renholdskurset i Bergen?", "en": "When does the cleaning course start in Bergen?",
        "ar": "متى تبدأ دورة التنظيف في بيرغن؟", "ti": "ኮርስ ጽሬት ኣብ በርገን መዓስ ይጅምር?",
        "uk": "Коли починається курс прибирання в Бергені?",
    },
    "escalation_status": {
        "nb": "har veilederen svart på spørsmålet mitt?", "en": "has my caseworker answered my question yet?",
        "ar": "هل رد المرشد على سؤالي؟", "ti": "ቬይለደረይ ንሕተይ መልሲ ሂቡ ድዩ?",
        "uk": "Чи відповів консультант на моє питання?",
    },
}
DELETE_ASKS = "Do you want me to delete your questions to caseworkers and this conversation? This cannot be undone."
FRUSTRATION_REPLY = ("I understand. Going from course to course without getting a job is hard, and it is "
                     "not your fault. Many courses do not match what employers need. Some concrete "
                     "steps: ask your caseworker which jobs are in demand where you live, ask for a "
                     "course that leads to a certificate, and ask for an interpreter if you need one. "
                     "Do you want me to pass your situation to a caseworker?")
SWITCH_TO = {"nb": "en", "en": "nb", "ar": "en", "ti": "en", "uk": "en"}
# Strings no participant means anything by; the fallback test uses those the model is unsure of.
NONSENSE = ("qxz vbnm plokij", "zzq wxv kkjjh", "hmmm ... ???", "xkcd 8472 qwop", "asdfgh jkl",
            "lorem ipsum dolor", "brrr zzz", "pfff 12 99", "ok ok ok ok ok ok", "....", "?!?!",
            "qwertyuiop", "mnbvcxz lkjh")


def _english_fragments() -> List[Tuple[str, Tuple[str, ...], Tuple[str, ...]]]:
    """(singular msgid, its forms, its long fragments) of every message the bot says.

    Fragments are the English text between placeholders, so a reply with a
    number or a reference filled in is caught too; plural entries give both forms.
    """
    with open(PROJECT_ROOT / "translations" / "messages.pot", "rb") as handle:
        pot = read_po(handle)
    found = []
    for message in pot:
        if not message.id:
            continue
        forms = tuple(message.id) if isinstance(message.id, (tuple, list)) else (message.id,)
        fragments = tuple(f.strip() for form in forms for f in PLACEHOLDER.split(form) if len(f.strip()) >= 20)
        if fragments:
            found.append((forms[0], forms, fragments))
    return found


PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]")
ENGLISH = _english_fragments()


@functools.cache
def leak_markers(language: str) -> Tuple[str, ...]:
    """English fragments that must not appear in a `language` reply: those of messages
    the language's catalog translates into something without that fragment. Read
    from the .po file itself, so a lookup that misses a translation cannot hide it."""
    with open(PROJECT_ROOT / "translations" / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        po = read_po(handle, locale=language)
    markers = []
    for singular, _forms, fragments in ENGLISH:
        entry = po.get(singular)
        strings = entry.string if entry is not None else ""
        translated = " ".join(strings) if isinstance(strings, (tuple, list)) else strings
        if translated.strip():
            markers.extend(f for f in fragments if f not in translated)
    return tuple(dict.fromkeys(markers))


class Conversation:
    """One participant talking to the bot; every reply is checked for leaked English."""

    def __init__(self, bot, language: str):  # type: ignore[no-untyped-def]
        self.bot = bot
        self.language = language
        self.sender = f"flow-{language}-{uuid.uuid4().hex[:8]}"

    def say(self, text: str, replies_in: Optional[str] = None) -> Turn:
        """Sends `text`; the reply must be in the conversation's language (or `replies_in`)."""
        turn = Turn(self.bot.say(self.sender, text))
        language = replies_in or self.language
        if language != "en":
            leaked = [s for s in leak_markers(language) if s in turn.text]
            assert not leaked, f"English in a {language} reply: {leaked}\n{turn.text}"
        return turn

    def flow(self, name: str) -> Turn:
        return self.say(SAY[name][self.language])

    def t(self, msgid: str, **params: object) -> str:
        return T.gettext(self.language, msgid, **params)

    def c(self, text: str, **params: object) -> str:
        return T.lookup(CONTENT, self.language, text, **params).text


def plain(text: str) -> str:
    """Text without the right-to-left marks that lay out Arabic and Persian lines."""
    return text.replace("\u200f", "")


class Turn:
    def __init__(self, replies: List[dict]):
        self.replies = replies
        self.text = plain("\n".join(r.get("text") or "" for r in replies))
        self.payloads = [b["payload"] for r in replies for b in r.get("buttons") or []]
        self.titles = [b["title"] for r in replies for b in r.get("buttons") or []]


def started(bot, language: str) -> Conversation:  # type: ignore[no-untyped-def]
    """A conversation opened with a greeting in `language`, as a participant would."""
    talk = Conversation(bot, language)
    turn = talk.flow("greet")
    assert talk.t("Hello! I can tell you about NAV's labour-market courses (AMO), the work placement and money during a course.") in turn.text
    return talk


def chosen(bot, language: str) -> Conversation:  # type: ignore[no-untyped-def]
    """A conversation opened by choosing `language` with its button."""
    talk = Conversation(bot, language)
    talk.say(f'/choose_language{{"language":"{language}"}}')
    return talk


by_language = pytest.mark.parametrize("language", LANGUAGES)


def test_every_language_has_every_message_and_its_own_translations():
    for flow, texts in SAY.items():
        assert set(texts) == set(LANGUAGES), flow
    for language in LANGUAGES:
        if language != "en":
            assert T.gettext(language, "Which course do you mean?") != "Which course do you mean?", language


@by_language
def test_start_offers_every_language_with_buttons(bot, language):
    talk = Conversation(bot, language)
    turn = talk.flow("greet")
    assert talk.t("Hello! I can tell you about NAV's labour-market courses (AMO), the work placement and money during a course.") in turn.text
    for code in SUPPORTED:
        assert BY_CODE[code].native_name in turn.titles, turn.titles


@by_language
def test_courses_listed_by_county(bot, language):
    talk = started(bot, language)
    turn = talk.flow("list_county")
    assert talk.t("Courses in %(county)s:", county="Oslo") in turn.text, turn.text
    assert any(p.startswith("/course_details") for p in turn.payloads)


@by_language
def test_courses_filtered_by_sector(bot, language):
    talk = started(bot, language)
    turn = talk.flow("list_sector")
    care = CATALOGUE.courses["care-assistant"]
    assert talk.c(care.name) in turn.text, turn.text
    others = [c for c in CATALOGUE.courses.values() if c.sector != care.sector]
    assert not any(talk.c(c.name) in turn.text for c in others), turn.text


@by_language
def test_course_details_in_the_participants_language(bot, language):
    talk = started(bot, language)
    turn = talk.flow("details")
    course = CATALOGUE.courses["warehouse-forklift"]
    assert talk.c(course.name) in turn.text, turn.text
    assert talk.t("What you learn:") in turn.text
    assert talk.t("Next starts:") in turn.text or talk.t("No start date is planned yet. Ask your caseworker.") in turn.text
    assert talk.c(course.learn[0]) in turn.text
    assert '/job_prospects{"course":"warehouse-forklift"}' in turn.payloads
    assert talk.t("Job chances") in turn.titles


@by_language
def test_course_requirements(bot, language):
    talk = started(bot, language)
    turn = talk.flow("requirements")
    assert talk.c(CATALOGUE.courses["care-assistant"].name) in turn.text, turn.text
    assert talk.t("AMO courses are for jobseekers aged 19 or older. It is not a right: NAV decides who gets a place.") in turn.text


@by_language
def test_job_prospects_give_sources_and_the_on_call_caveat(bot, language):
    talk = started(bot, language)
    turn = talk.flow("prospects")
    care = CATALOGUE.courses["care-assistant"]
    assert talk.c(care.name) in turn.text, turn.text
    for figure in care.figures:
        assert figure.source in turn.text and str(figure.year) in turn.text
    on_call = next(c for c in care.caveats if "ringevikar" in c)
    assert talk.c(on_call) in turn.text
    # ... and the route to the health-worker certificate.
    route = CATALOGUE.pages["care-certificate"]
    assert talk.c(route.title) in turn.text
    assert talk.c(route.sections[1].text, practice_candidate_hours="\x00").split("\x00")[0] in turn.text


@by_language
def test_placement_expectations(bot, language):
    talk = started(bot, language)
    turn = talk.flow("placement_info")
    assert talk.c(CATALOGUE.pages["placement"].title) in turn.text, turn.text
    assert "/placement_problem" in turn.payloads


@by_language
def test_allowance_gives_general_facts_in_local_money_format(bot, language):
    talk = started(bot, language)
    turn = talk.flow("allowance")
    assert talk.c(CATALOGUE.pages["money"].title) in turn.text, turn.text
    assert plain(money(285, language)) in turn.text
    assert "/contact_caseworker" in turn.payloads


@by_language
def test_how_to_apply(bot, language):
    talk = started(bot, language)
    turn = talk.flow("apply")
    assert talk.c(CATALOGUE.pages["apply"].title) in turn.text, turn.text
    assert "/list_courses" in turn.payloads


@by_language
def test_frustration_gets_respect_steps_and_a_human(bot, language):
    talk = started(bot, language)
    turn = talk.flow("frustration")
    assert talk.t(FRUSTRATION_REPLY) in turn.text, turn.text
    assert "/contact_caseworker" in turn.payloads


@by_language
@pytest.mark.parametrize("flow,msgid", [
    ("bot_challenge", "I am a chatbot, not a person. I can explain NAV's courses and placements. For your own case, I can pass your question to a NAV caseworker."),
    ("out_of_scope", "Sorry, I can only help with NAV's labour-market courses (AMO), the work placement and money during a course."),
    ("thanks", "You are welcome. Is there anything else you want to know?"),
    ("goodbye", "Goodbye, and good luck. You can write to me again at any time."),
])
def test_small_talk(bot, language, flow, msgid):
    talk = started(bot, language)
    turn = talk.flow(flow)
    assert talk.t(msgid) in turn.text, turn.text


def unsure(bot) -> List[str]:  # type: ignore[no-untyped-def]
    """The NONSENSE strings the model classifies below the fallback threshold."""
    return [text for text in NONSENSE if bot.parse(text)["intent"]["name"] == "nlu_fallback"]


@by_language
def test_fallback_asks_did_you_mean_then_offers_a_caseworker(bot, language):
    nonsense = unsure(bot)
    assert len(nonsense) >= 2, "the model is confident about every nonsense string"
    talk = started(bot, language)
    first = talk.say(nonsense[0])
    asked = talk.t("Did you mean: %(meaning)s?", meaning="\x00").split("\x00")[0]
    assert asked in first.text or talk.t("Sorry, I did not understand that. Could you say it in other words?") in first.text, first.text
    assert "/out_of_scope" in first.payloads  # the "No" button
    rephrase = talk.say("/out_of_scope")
    assert talk.t("Sorry, I did not understand that. Could you say it in other words?") in rephrase.text
    talk.say(nonsense[1])
    offered = talk.say("/out_of_scope")
    assert talk.t("I am sorry, I still do not understand. I can pass your question to a NAV caseworker, who will answer you.") in offered.text
    assert "/contact_caseworker" in offered.payloads


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "nb"])
def test_a_rephrase_in_another_language_is_answered_in_it(bot, language):
    """A first message that is not understood is read as Norwegian, the default; the
    participant says "No" to "did you mean" and asks again in their language. The answer,
    and what follows it, come in that language."""
    talk = Conversation(bot, language)
    talk.say(unsure(bot)[0], replies_in="nb")
    talk.say("/out_of_scope", replies_in="nb")
    answer = talk.flow("allowance")
    assert talk.c(CATALOGUE.pages["money"].title) in answer.text, answer.text
    assert plain(money(285, language)) in answer.text
    after = talk.say("/list_courses{\"county\":\"oslo\"}")
    assert talk.t("Courses in %(county)s:", county="Oslo") in after.text, after.text


def test_a_rephrase_in_russian_or_ukrainian_asks_which_once(bot):
    """Rasa reads a rephrase that ends the two-stage fallback twice; the question whether
    the participant writes Russian or Ukrainian comes once."""
    talk = Conversation(bot, "ru")
    talk.say(unsure(bot)[0], replies_in="nb")
    talk.say("/out_of_scope", replies_in="nb")
    turn = talk.say("курс?")
    assert turn.text.count(talk.t("Which language do you want?")) == 1, turn.text
    assert sorted(turn.payloads)[:2] == ['/choose_language{"language":"ru"}', '/choose_language{"language":"uk"}']


@by_language
def test_explicit_language_choice_switches_and_says_so(bot, language):
    talk = started(bot, language)
    target = SWITCH_TO[language]
    turn = talk.say(SAY["choose_language"][language], replies_in=target)
    name = {"en": "English", "nb": "norsk"}[target]
    said = [T.gettext(target, "OK, I will answer in %(language)s.", language=n) for n in (name, name.capitalize())]
    assert any(s in turn.text for s in said), turn.text
    after = Conversation(bot, target)
    after.sender = talk.sender
    assert after.t("Courses in %(county)s:", county="Oslo") in after.say("/list_courses{\"county\":\"oslo\"}").text


@by_language
def test_placement_problem_reaches_a_caseworker_urgently_and_the_answer_comes_back(bot, language):
    talk = started(bot, language)
    problem = talk.flow("placement_problem")
    assert talk.c(CATALOGUE.pages["placement-problems"].title) in problem.text, problem.text
    assert "/contact_caseworker" in problem.payloads
    ask = talk.say("/contact_caseworker")
    assert talk.t("Write your question in your own words and language. Please do not write your national identity number; I remove such numbers, phone numbers and e-mail addresses before storing.") in ask.text
    office = talk.flow("question")
    assert talk.t("Which county do you live in? Your question then goes to a caseworker there.") in office.text
    reply_language = talk.say("vestland")
    assert language in reply_language.payloads
    interpreter = talk.say(language)
    assert talk.t("Do you want an interpreter (tolk) if a caseworker invites you to a meeting?") in interpreter.text
    consent = talk.say("/deny")
    assert "/affirm" in consent.payloads
    done = talk.say("/affirm")
    reference = re.search(r"K-[0-9A-Z]{4}", done.text).group(0)
    assert talk.t("Thank you. Your question has been sent to a NAV caseworker. Your reference is %(reference)s.", reference=reference) in done.text

    store = EscalationStore(talk.bot.settings.effective_database_url)
    record = store.get(reference)
    assert record.urgent and record.office == "vestland" and record.reply_language == language
    assert record.question == SAY["question"][language]
    store.answer(reference, "Svar fra veileder: 11. januar.", "veileder1")
    status = talk.flow("escalation_status")
    assert "Svar fra veileder: 11. januar." in status.text, status.text


@by_language
def test_delete_my_data_asks_first(bot, language):
    talk = started(bot, language)
    ask = talk.flow("delete_my_data")
    assert talk.t(DELETE_ASKS) in ask.text, ask.text
    kept = talk.say("/deny")
    assert talk.t("OK, nothing was deleted.") in kept.text


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_language_through_the_buttons(bot, language):
    """All ten languages, by the buttons a participant presses (no typing, so no
    understanding involved): every answer is rendered in that language, nothing in English."""
    talk = Conversation(bot, language)
    chosen = talk.say(f'/choose_language{{"language":"{language}"}}')
    assert chosen.text, chosen.replies
    courses = talk.say("/list_courses")
    for course in CATALOGUE.courses.values():
        assert talk.c(course.name) in courses.titles or talk.c(course.name) in courses.text, course.id
    care = CATALOGUE.courses["care-assistant"]
    details = talk.say('/course_details{"course":"care-assistant"}')
    assert talk.t("What you learn:") in details.text and talk.c(care.learn[0]) in details.text
    prospects = talk.say('/job_prospects{"course":"care-assistant"}')
    assert talk.c(next(c for c in care.caveats if "ringevikar" in c)) in prospects.text
    assert all(f.source in prospects.text and str(f.year) in prospects.text for f in care.figures)
    assert talk.c(CATALOGUE.pages["placement"].title) in talk.say("/placement_info").text
    money_page = talk.say("/allowance").text
    assert talk.c(CATALOGUE.pages["money"].title) in money_page
    assert plain(money(285, language)) in money_page
    assert talk.c(CATALOGUE.pages["apply"].title) in talk.say("/apply_course").text
    assert talk.t(FRUSTRATION_REPLY) in talk.say("/frustration").text
