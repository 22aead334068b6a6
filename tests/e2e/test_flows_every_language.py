"""Every reply of every flow in all ten languages, with nothing in English.

The participant presses the buttons (and types only where a form asks for text), so
what is checked is the rendering of every reply, plural texts included: the answer
time after a question is recorded and the deletion confirmation.
"""

from __future__ import annotations

import re

import pytest

from bot.escalations.store import EscalationStore
from bot.i18n.catalogs import MESSAGES
from bot.language.supported import SUPPORTED
from tests.e2e.test_flows import FRUSTRATION_REPLY, Conversation, T, unsure

pytestmark = pytest.mark.model

QUESTION = {
    "nb": "Når starter renholdskurset i Bergen?", "en": "When does the cleaning course start in Bergen?",
    "ar": "متى تبدأ دورة التنظيف في بيرغن؟", "ti": "ኮርስ ጽሬት ኣብ በርገን መዓስ ይጅምር?",
    "uk": "Коли починається курс прибирання в Бергені?", "so": "Goorma ayay bilaabanaysaa koorsada nadiifinta ee Bergen?",
    "ru": "Когда начинается курс уборки в Бергене?", "pl": "Kiedy zaczyna się kurs sprzątania w Bergen?",
    "lt": "Kada prasideda valymo kursai Bergene?", "fa": "دوره نظافت در برگن کی شروع می‌شود؟",
}
SMALL_TALK = {
    "/bot_challenge": "I am a chatbot, not a person. I can explain NAV's courses and placements. For your own case, I can pass your question to a NAV caseworker.",
    "/out_of_scope": "Sorry, I can only help with NAV's labour-market courses (AMO), the work placement and money during a course.",
    "/thanks": "You are welcome. Is there anything else you want to know?",
    "/goodbye": "Goodbye, and good luck. You can write to me again at any time.",
    "/not_understood": "Sorry, that was not clear. You can ask me again in other words, one short question "
                       "at a time. I can also answer in another language, or pass your question to a NAV "
                       "caseworker. When you talk with NAV, you can ask for an interpreter (tolk).",
}
ANSWER_TIME = ("A caseworker usually answers within %(n)s working day.",
               "A caseworker usually answers within %(n)s working days.")
DELETED = ("Deleted %(n)s question to caseworkers.", "Deleted %(n)s questions to caseworkers.")


def plural(language: str, forms: tuple, n: int) -> str:
    """The catalog's own plural form for `n` (babel's lookup, not the bot's translator)."""
    return T.catalog(MESSAGES, language).ngettext(*forms, n) % {"n": n}


def test_every_language_has_a_question():
    assert set(QUESTION) == set(SUPPORTED)


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_reply_of_every_flow_in_every_language(bot, language):
    talk = Conversation(bot, language)
    talk.say(f'/choose_language{{"language":"{language}"}}')
    greeting = talk.say("/greet")
    assert talk.t("Hello! I can tell you about NAV's labour-market courses (AMO), the work placement and money during a course.") in greeting.text
    for payload in ("/list_courses", '/course_details{"course":"care-assistant"}',
                    '/course_requirements{"course":"care-assistant"}', "/job_prospects",
                    "/placement_info", "/allowance", "/apply_course"):
        assert talk.say(payload).text, payload
    assert "/contact_caseworker" in talk.say("/placement_problem").payloads
    assert talk.t(FRUSTRATION_REPLY) in talk.say("/frustration").text
    for payload, msgid in SMALL_TALK.items():
        assert talk.t(msgid) in talk.say(payload).text, payload
    assert talk.t("You have no questions waiting for a caseworker.") in talk.say("/escalation_status").text

    nonsense = unsure(bot)
    asked = talk.say(nonsense[0])
    assert asked.text and "/out_of_scope" in asked.payloads
    assert talk.t("Sorry, I did not understand that. Could you say it in other words?") in talk.say("/out_of_scope").text

    talk.say("/contact_caseworker")
    talk.say(QUESTION[language])
    talk.say("vestland")
    talk.say(language)
    talk.say("/deny")
    done = talk.say("/affirm")
    reference = re.search(r"K-[0-9A-Z]{4}", done.text).group(0)
    days = bot.settings.response_days
    assert plural(language, ANSWER_TIME, days) in done.text, done.text
    record = EscalationStore(bot.settings.effective_database_url).get(reference)
    assert record.language == language and record.question == QUESTION[language]
    assert talk.t("%(reference)s (%(date)s): not answered yet.", reference=reference, date="\x00").split("\x00")[0] \
        in talk.say("/escalation_status").text

    talk.say("/delete_my_data")
    deleted = talk.say("/affirm")
    assert plural(language, DELETED, 1) in deleted.text, deleted.text
    assert talk.t("The history of this conversation has been deleted as well.") in deleted.text
