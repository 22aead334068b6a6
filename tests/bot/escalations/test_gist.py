"""The caseworker's view of a question: gist, bot turns in Norwegian, working days, overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.config import PROJECT_ROOT
from bot.content.loader import load_catalogue
from bot.escalations.gist import (
    GistView,
    gist,
    is_overdue,
    render_turn,
    topic_of,
    working_days_waited,
)
from bot.escalations.store import EscalationStore, Turn
from bot.i18n.catalogs import get_translator
from tests.databases import migrated_sqlite

T = get_translator(PROJECT_ROOT / "translations")
CATALOGUE, _problems = load_catalogue(PROJECT_ROOT / "content")
OSLO = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture
def store(tmp_path) -> EscalationStore:
    store = EscalationStore(migrated_sqlite(tmp_path / "amo.db"))
    store.create_schema()
    return store


def test_the_topic_is_the_newest_intent_that_names_one():
    assert topic_of(["greet", "allowance", "affirm", "contact_caseworker"]) == "allowance"
    assert topic_of(["greet", "contact_caseworker"]) is None
    assert topic_of(["placement_problem", "affirm"]) == "placement_problem"


@pytest.mark.parametrize("language, question", [
    ("ar", "كم من المال أحصل عليه أثناء الدورة؟"),
    ("so", "Immisa lacag ayaan helayaa inta koorsada lagu jiro?"),
    ("ti", "ኣብ እዋን ኮርስ ክንደይ ገንዘብ እረክብ?"),
])
def test_a_question_in_any_language_has_a_norwegian_gist(store, language, question):
    course = next(iter(CATALOGUE.courses.values()))
    record = store.record("s-1", language, question, course=course.id, office="oslo",
                          reply_language=language, interpreter=True, topic="allowance")
    line = gist(store.get(record.reference), T, "nb", CATALOGUE)
    expected_language = {"ar": "arabisk", "so": "somali", "ti": "tigrinja"}[language]
    assert line == (f"Spør om: penger under kurset · kurs: {course.name} · fylke: "
                    f"{CATALOGUE.counties['oslo']} · svar på: {expected_language} · ønsker tolk")
    english = gist(store.get(record.reference), T, "en", CATALOGUE)
    assert english.startswith("Asks about: money during the course · course: ")


def test_bot_turns_are_shown_in_the_caseworkers_language_and_participant_turns_as_written(store):
    greeting = {"msgid": "Which county do you live in? Your question then goes to a caseworker there.",
                "params": {}}
    days = {"msgid": "A caseworker usually answers within %(n)s working day.",
            "plural": "A caseworker usually answers within %(n)s working days.", "n": 3, "params": {}}
    arabic_bot = T.gettext("ar", greeting["msgid"])
    record = store.record("s-2", "ar", "سؤال", context=[
        Turn("participant", "مرحبا 01017012345"), Turn("bot", arabic_bot, (greeting, days)),
        Turn("bot", "نص بدون مصدر", None)])
    turns = [render_turn(t, "ar", T, "nb") for t in store.get(record.reference).context]
    assert turns[0].text == "مرحبا [ID-NUMBER]" and turns[0].language == "ar" and not turns[0].rendered
    assert turns[1].rendered and turns[1].language == "nb"
    assert turns[1].text == "\n".join([T.gettext("nb", greeting["msgid"]),
                                       T.ngettext("nb", days["msgid"], days["plural"], 3)])
    assert turns[1].text != arabic_bot and "fylke" in turns[1].text.lower()
    assert not turns[2].rendered and turns[2].text == "نص بدون مصدر"


def test_waiting_is_counted_in_working_days_on_norwegian_dates():
    friday_evening = dt.datetime(2026, 11, 27, 18, 0, tzinfo=OSLO)
    assert working_days_waited(friday_evening, dt.datetime(2026, 11, 28, 12, 0, tzinfo=OSLO)) == 0
    assert working_days_waited(friday_evening, dt.datetime(2026, 11, 30, 9, 0, tzinfo=OSLO)) == 1
    assert working_days_waited(friday_evening, dt.datetime(2026, 12, 4, 9, 0, tzinfo=OSLO)) == 5
    # 23:30 UTC on Sunday is already Monday in Oslo.
    sunday_utc = dt.datetime(2026, 11, 29, 23, 30, tzinfo=dt.timezone.utc)
    assert working_days_waited(friday_evening, sunday_utc) == 1


def test_an_open_question_is_overdue_after_the_promised_working_days(store):
    record = store.record("s-3", "nb", "Spørsmål")
    created = record.created_at
    within = created + dt.timedelta(days=3)
    late = created + dt.timedelta(days=8)
    assert not is_overdue(record, created, 3)
    assert working_days_waited(created, late) > 3 and is_overdue(record, late, 3)
    assert working_days_waited(created, within) <= 3 and not is_overdue(record, within, 3)
    answered = store.answer(record.reference, "Svar", "anna")
    assert not is_overdue(answered, late, 3)


def test_tools_get_the_gist_and_the_overdue_flag(store):
    record = store.record("s-4", "so", "Su'aal", topic="placement_problem", urgent=True, office="oslo")

    class Services:
        translator = T

        class catalogue:
            @staticmethod
            def current():
                return CATALOGUE

        class settings:
            response_days = 3

    view = GistView.of(Services, "nb", now=record.created_at + dt.timedelta(days=10))
    described = view.describe(store.get(record.reference))
    assert described["gist"].startswith("Spør om: et problem på praksisplassen")
    assert "haster" in described["gist"]
    assert described["overdue"] is True and described["working_days_waited"] >= 6


def test_every_intent_of_the_domain_is_a_topic_with_a_norwegian_label_or_names_none():
    import yaml

    from bot.escalations.gist import NO_TOPIC, TOPICS, topic_label

    domain = yaml.safe_load((PROJECT_ROOT / "nlu_data" / "domain.yml").read_text(encoding="utf-8"))
    for intent in domain["intents"]:
        assert intent in TOPICS or intent in NO_TOPIC, intent
        if intent in TOPICS:
            assert topic_label(intent, T, "nb") != TOPICS[intent], f"{intent} has no Norwegian label"
