"""The language action, run on trackers as the action server receives them."""

from __future__ import annotations

import pytest

from actions.language import ActionChooseLanguage, ActionDetectLanguage, channel_hint, of_two_named
from tests.actions.trackers import run, tracker


def test_first_message_sets_the_language(services):
    events, messages = run(ActionDetectLanguage(), tracker("Привіт, я хочу дізнатися про курси"))
    assert {"event": "slot", "name": "language", "value": "uk", "timestamp": None} in events
    assert messages == []  # nothing to announce on the first message


def test_switch_is_announced_in_the_new_language(services):
    events, messages = run(ActionDetectLanguage(),
                           tracker("Could you tell me about the work placement please", {"language": "uk"}))
    assert [e["value"] for e in events if e.get("name") == "language"] == ["en"]
    assert messages[0]["text"] == "I will answer in English now."
    assert messages[0]["buttons"][0]["payload"] == "/choose_language"


@pytest.mark.parametrize("text,language", [
    ("zdravstvujte, skolko platyat vo vremya kursa?", "ru"),
    ("pryvit, skilky platiat pid chas kursu?", "uk"),
    ("marhaba, law sama7t bdi a3ref aktar 3an el kurs", "ar"),
    ("salam, mikhastam bepursam baad az kurs chikar konam", "fa"),
])
def test_a_transliterated_first_message_sets_its_language(services, text, language):
    events, messages = run(ActionDetectLanguage(), tracker(text))
    assert [e["value"] for e in events if e.get("name") == "language"] == [language]
    assert messages == []


@pytest.mark.parametrize("text,language", [
    ("ile trwa kurs w tromsø", "pl"),
    ("kursy w bergen?", "pl"),  # "kursy" alone is Ukrainian or Russian in Latin letters too
])
def test_a_polish_fragment_with_w_is_answered_in_polish(services, text, language):
    events, messages = run(ActionDetectLanguage(), tracker(text))
    assert [e["value"] for e in events if e.get("name") == "language"] == [language]
    assert messages == []


@pytest.mark.parametrize("text,language", [
    ("kiedy startuje kurs helsefagarbeider w Tromsø", "pl"),
    ("ar norvegijoj truksta helsefagarbeider?", "lt"),
    ("helsefagkurset, hvor lenge varer det?", "nb"),
])
def test_a_norwegian_course_word_inflected_inside_another_language_is_no_evidence(services, text, language):
    events, messages = run(ActionDetectLanguage(), tracker(text))
    assert [e["value"] for e in events if e.get("name") == "language"] == [language]


def test_arabic_or_persian_in_latin_letters_offers_both(services):
    events, messages = run(ActionDetectLanguage(), tracker("salam"))
    [language] = [e["value"] for e in events if e.get("name") == "language"]
    assert language in ("ar", "fa")
    assert sorted(b["payload"] for b in messages[0]["buttons"]) == [
        '/choose_language{"language":"ar"}', '/choose_language{"language":"fa"}']
    assert "ما اللغة التي تريدها؟" in messages[0]["text"] and "کدام زبان را می‌خواهید؟" in messages[0]["text"]
    assert len(messages[0]["text"].splitlines()) == 2  # the question in Arabic and in Persian


def test_short_message_changes_nothing(services):
    events, messages = run(ActionDetectLanguage(), tracker("ok", {"language": "ar"}))
    assert events == [] and messages == []


def test_button_payload_with_language_entity_is_an_explicit_choice(services):
    t = tracker('/choose_language{"language":"ti"}', {"language": "nb"}, intent="choose_language",
                entities=[{"entity": "language", "value": "ti"}])
    events, _ = run(ActionDetectLanguage(), t)
    assert [e["value"] for e in events if e.get("name") == "language"] == ["ti"]


@pytest.mark.parametrize("text, current, named", [
    ("Is there a Norwegian language course?", "en", "Norwegian"),
    ("Чи є курс норвезької мови?", "uk", "норвезькою"),
    ("هل توجد دورة اللغة النرويجية؟", "ar", "النرويجية"),
])
def test_a_language_named_only_in_a_course_name_is_no_choice(services, text, current, named):
    """The classifier may read "a Norwegian course" as choose_language: the language stays,
    and the course is described."""
    state = tracker(text, {"language": current}, intent="choose_language",
                    entities=[{"entity": "language", "value": named}])
    events, _ = run(ActionDetectLanguage(), state)
    assert [e for e in events if e.get("name") == "language"] == []
    _, messages = run(ActionChooseLanguage(), state)
    assert "Arbeidsnorsk" in messages[0]["text"] or "norsk" in messages[0]["text"].lower()
    assert not any(b["payload"].startswith("/choose_language") for b in messages[0].get("buttons") or [])


@pytest.mark.parametrize("text, current, named, chosen", [
    ("can we speak Norwegian", "en", "Norwegian", "nb"),
    ("I want the norskkurs but answer me in Arabic", "en", "Arabic", "ar"),
    ("Відповідайте російською", "uk", "російською", "ru"),
])
def test_a_language_named_beside_a_course_or_alone_is_a_choice(services, text, current, named, chosen):
    state = tracker(text, {"language": current}, intent="choose_language",
                    entities=[{"entity": "language", "value": named}])
    events, _ = run(ActionDetectLanguage(), state)
    assert [e["value"] for e in events if e.get("name") == "language"] == [chosen]


def test_an_unsure_choice_of_another_language_is_asked_not_made(services):
    """choose_language at 0.6 for "Can I get an interpreter in Arabic?": the English
    conversation stays English, and both languages are offered; the choice action adds
    nothing. At 0.95 the same message switches."""
    unsure = tracker("Can I get an interpreter in Arabic?", {"language": "en"}, intent="choose_language",
                     confidence=0.6, entities=[{"entity": "language", "value": "Arabic"}])
    events, messages = run(ActionDetectLanguage(), unsure)
    assert [e for e in events if e.get("name") == "language"] == []
    assert sorted(b["payload"] for b in messages[0]["buttons"]) == [
        '/choose_language{"language":"ar"}', '/choose_language{"language":"en"}']
    assert run(ActionChooseLanguage(), unsure)[1] == []
    sure = tracker("Can I get an interpreter in Arabic?", {"language": "en"}, intent="choose_language",
                   confidence=0.95, entities=[{"entity": "language", "value": "Arabic"}])
    events, _ = run(ActionDetectLanguage(), sure)
    assert [e["value"] for e in events if e.get("name") == "language"] == ["ar"]


@pytest.mark.parametrize("text, current, named, other", [
    ("آیا دوره به زبان انگلیسی است؟", "fa", "انگلیسی", "en"),
    ("Is the course in Arabic?", "en", "Arabic", "ar"),
])
def test_a_choice_that_talks_of_a_course_is_asked_however_confident(services, text, current, named, other):
    state = tracker(text, {"language": current}, intent="choose_language", confidence=1.0,
                    entities=[{"entity": "language", "value": named}])
    events, messages = run(ActionDetectLanguage(), state)
    assert [e for e in events if e.get("name") == "language"] == []
    assert f'/choose_language{{"language":"{other}"}}' in [b["payload"] for b in messages[0]["buttons"]]


def test_an_unsure_choice_of_the_language_written_in_is_confirmed(services):
    state = tracker("ممكن تكلمني بالعربي", {"language": "ar"}, intent="choose_language",
                    confidence=0.6, entities=[{"entity": "language", "value": "بالعربي"}])
    _, messages = run(ActionChooseLanguage(), state)
    assert "العربية" in messages[0]["text"]


def test_unsupported_language_answers_in_english_and_norwegian(services):
    events, messages = run(ActionDetectLanguage(), tracker("Bonjour, je voudrais savoir quels cours existent"))
    assert any(e.get("name") == "language_unsupported" and e["value"] is True for e in events)
    text = messages[0]["text"]
    assert "Sorry, I do not speak that language yet" in text and "ትግርኛ" in text
    assert len(messages[0]["buttons"]) == 10


@pytest.mark.parametrize("text, current, name", [
    ("Do you speak Kurdish?", "en", "Kurdish"),
    ("Snakker du tyrkisk?", "nb", "tyrkisk"),
    ("هل تتكلم الكردية؟", "ar", "الكردية"),
    ("ти розмовляєш по-курдськи?", "uk", "курдська"),
    ("czy mówisz po niemiecku?", "pl", "niemiecki"),
])
def test_a_language_the_bot_does_not_speak_is_named_in_the_answer_with_the_ten(services, text, current, name):
    """Asking for Kurdish gets "I do not speak Kurdish yet" in the language of the question,
    the ten languages and their buttons, not only "which language do you want?"."""
    _, messages = run(ActionChooseLanguage(), tracker(text, {"language": current}, intent="choose_language"))
    assert name in messages[0]["text"] and "ትግርኛ" in messages[0]["text"]
    assert len(messages[0]["buttons"]) == 10


@pytest.mark.parametrize("text, chosen", [
    ("Я плохо читаю по-норвежски, можно ли получать информацию на русском языке?", "ru"),
    ("I can't read Norwegian yet, can I have it in English?", "en"),
    ("لا أفهم النرويجية جيداً، هل يمكن أن تكتب بالعربية؟", "ar"),
])
def test_of_two_languages_named_the_one_written_in_is_chosen(services, text, chosen):
    """A request for a language often names the one the participant cannot read too."""
    state = tracker(text, intent="choose_language", confidence=0.99)
    events, _ = run(ActionDetectLanguage(), state)
    assert [e["value"] for e in events if e.get("name") == "language"] == [chosen]
    _, messages = run(ActionChooseLanguage(), tracker(text, {"language": chosen}, intent="choose_language",
                                                      confidence=0.99))
    assert messages[0]["buttons"][0]["payload"] != "/choose_language"  # the menu, a choice made


def test_a_language_only_the_model_found_counts_among_the_two_named(services):
    """"I don't understand Norwegian, better in Ukrainian": the word lists know
    "українською" and not "по-норвезьки", which the model finds; the entity alone had
    switched the conversation to Norwegian."""
    text = "я не понімаю по-норвезьки, давай краще українською"
    entities = [{"entity": "language", "value": "норвезьки", "start": 16, "end": 25}]
    state = tracker(text, intent="choose_language", confidence=0.99, entities=entities)
    events, _ = run(ActionDetectLanguage(), state)
    assert [e["value"] for e in events if e.get("name") == "language"] == ["uk"]


def test_norwegian_named_beside_another_language_asks_for_the_other(services):
    """"I don't read Norwegian well, Arabic please" written in English: Norwegian is named to
    say it is not read, so Arabic is asked for (the choice was shown before)."""
    text = "I don't read Norwegian well, Arabic please"
    events, _ = run(ActionDetectLanguage(), tracker(text, intent="choose_language", confidence=0.99))
    assert [e["value"] for e in events if e.get("name") == "language"] == ["ar"]


def test_of_two_languages_named_neither_norwegian_nor_written_in_the_choice_is_shown(services):
    text = "Arabic or Persian, I read both"
    events, _ = run(ActionDetectLanguage(), tracker(text, intent="choose_language", confidence=0.99))
    assert [e["value"] for e in events if e.get("name") == "language"] == ["en"]
    _, messages = run(ActionChooseLanguage(), tracker(text, {"language": "en"}, intent="choose_language",
                                                      confidence=0.99))
    assert messages[0]["text"] == "Which language do you want?"
    assert len(messages[0]["buttons"]) == 10


@pytest.mark.parametrize("named, written, current, chosen", [
    (["nb", "ru"], "ru", None, "ru"),   # Norwegian read badly, Russian asked for
    (["nb", "en"], "nb", "nb", "en"),   # "norsken min er svak, skriv på engelsk"
    (["nb", "en"], "nb", None, "en"),
    (["nb", "en"], "nb", "en", "nb"),   # "på norsk i stedet for engelsk", answered in English now
    (["nb", "ar"], "en", "en", "ar"),   # "I don't read Norwegian well, Arabic please"
    (["ar", "fa"], "fa", "fa", "fa"),   # neither Norwegian: the one written in
    (["ar", "fa"], "en", "en", None),   # neither Norwegian nor written in: asked
    (["nb", "ar", "fa"], "en", "en", None),
])
def test_of_two_named_the_one_asked_for(named, written, current, chosen):
    assert of_two_named(named, written, current) == chosen


def test_a_choice_without_a_language_asks_which(services):
    _, messages = run(ActionChooseLanguage(), tracker("change language", {"language": "en"}, intent="choose_language"))
    assert messages[0]["text"] == "Which language do you want?"
    assert len(messages[0]["buttons"]) == 10


def test_channel_hint_accepts_rest_and_telegram_keys():
    assert channel_hint({"language": "pl-PL"}) == "pl"
    assert channel_hint({"language_code": "nn"}) == "nb"
    assert channel_hint({"language": "xx"}) is None
    assert channel_hint(None) is None


def test_context_for_the_caseworker_stops_where_the_form_starts():
    from actions.escalation import conversation_before_form

    events = [{"event": "user", "text": "hei"}, {"event": "bot", "text": "Hei!"},
              {"event": "user", "text": "/list_courses"}, {"event": "bot", "text": "Kurs: ..."},
              {"event": "user", "text": "jeg vil snakke med veileder"},
              {"event": "active_loop", "name": "escalation_form"},
              {"event": "user", "text": "mitt spørsmål"}]
    assert [(turn.who, turn.text) for turn in conversation_before_form(events)] == [
        ("participant", "hei"), ("bot", "Hei!"), ("bot", "Kurs: ..."),
        ("participant", "jeg vil snakke med veileder")]


def test_the_bots_turns_keep_the_catalog_texts_they_were_made_of():
    from actions.escalation import conversation_before_form, question_topic

    line = {"msgid": "Which language do you want?", "params": {}}
    domain = {"responses": {"utter_greet": [{"text": "Hello! I explain NAV's courses."}]}}
    events = [{"event": "user", "text": "penger?", "parse_data": {"intent": {"name": "allowance"}}},
              {"event": "bot", "text": "Hvilket språk?", "metadata": {"lines": [line]}},
              {"event": "bot", "text": "Hei!", "metadata": {"response": "utter_greet"}},
              {"event": "bot", "text": "uten kilde"},
              {"event": "user", "text": "ja", "parse_data": {"intent": {"name": "affirm"}}},
              {"event": "active_loop", "name": "escalation_form"}]
    turns = conversation_before_form(events, domain)
    assert turns[1].lines == (line,)
    assert turns[2].lines == ({"msgid": "Hello! I explain NAV's courses.", "params": {}},)
    assert turns[3].lines is None
    assert question_topic(events) == "allowance"


@pytest.mark.parametrize("text", ["12345", "ok", "Kurs?"])
def test_a_first_message_that_tells_no_language_says_which_and_offers_the_others(services, text):
    events, messages = run(ActionDetectLanguage(), tracker(text, intent="list_courses"))
    assert [e["value"] for e in events if e.get("name") == "language"] == ["nb"]
    assert messages[0]["text"] == "Jeg svarer på Norsk. Du kan velge et annet språk nedenfor."
    assert len(messages[0]["buttons"]) == 10


@pytest.mark.parametrize("text,intent", [("hei", "greet"), ("/list_courses", "list_courses")])
def test_a_greeting_or_a_button_shows_no_language_note(services, text, intent):
    _, messages = run(ActionDetectLanguage(), tracker(text, intent=intent))
    assert messages == []


def test_a_short_cyrillic_first_message_offers_russian_and_ukrainian(services):
    events, messages = run(ActionDetectLanguage(), tracker("окей", intent="affirm"))
    [language] = [e["value"] for e in events if e.get("name") == "language"]
    assert language in ("ru", "uk")
    assert sorted(b["payload"] for b in messages[0]["buttons"]) == [
        '/choose_language{"language":"ru"}', '/choose_language{"language":"uk"}']


def _rephrased(text: str, *, rewound: bool = True, **kwargs):  # type: ignore[no-untyped-def]
    """The tracker as slot validation sees a rephrased message that ended the two-stage
    fallback: read once, reverted by Rasa ("rewind") and put back as the latest message."""
    said = {"event": "user", "text": text}
    events = [{"event": "user", "text": "qxz vbnm"}, {"event": "slot", "name": "language", "value": "nb"},
              {"event": "action", "name": "action_two_stage_fallback"}, {"event": "action", "name": "action_listen"},
              said, {"event": "slot", "name": "language", "value": "ru"},
              {"event": "action", "name": "action_two_stage_fallback"}, {"event": "active_loop", "name": None}]
    events += [{"event": "rewind"}] if rewound else []
    events += [{"event": "action", "name": "action_listen"}, said]
    return tracker(text, {"language": "nb"}, events=events, **kwargs)


def test_a_rephrased_message_read_again_sets_the_same_language_and_says_nothing(services):
    first = tracker("курс?", {"language": "nb"}, intent="list_courses")
    first_events, first_messages = run(ActionDetectLanguage(), first)
    assert first_messages  # Russian or Ukrainian?
    again_events, again_messages = run(ActionDetectLanguage(), _rephrased("курс?", intent="list_courses"))
    assert again_events == first_events and again_messages == []
    # The same message typed twice is read twice.
    assert run(ActionDetectLanguage(), _rephrased("курс?", rewound=False, intent="list_courses"))[1]


def test_a_clarified_choice_is_as_sure_as_the_classifier_was(services):
    """Rasa puts a rephrased message back with confidence 1.0: the choice is judged on the
    classifier's own 0.6, so it is still asked, not made."""
    state = _rephrased("Can I get an interpreter in Arabic?", intent="choose_language", confidence=1.0,
                       entities=[{"entity": "language", "value": "Arabic"}],
                       ranking=[{"name": "choose_language", "confidence": 0.6}, {"name": "greet", "confidence": 0.2}])
    state.slots["language"] = "en"
    assert run(ActionChooseLanguage(), state)[1] == []
    first = tracker("Can I get an interpreter in Arabic?", {"language": "en"}, intent="choose_language",
                    confidence=1.0, entities=[{"entity": "language", "value": "Arabic"}],
                    ranking=[{"name": "choose_language", "confidence": 0.6}])
    events, messages = run(ActionDetectLanguage(), first)
    assert [e for e in events if e.get("name") == "language"] == []
    assert sorted(b["payload"] for b in messages[0]["buttons"]) == [
        '/choose_language{"language":"ar"}', '/choose_language{"language":"en"}']


def test_a_message_put_back_by_the_two_stage_fallback_keeps_the_language_it_took_back(services):
    """"ok" to "did you mean ...?" replaces the message it was about, whose slots Rasa
    reverts with it: the answer stays in Ukrainian, not the default."""
    history = [{"event": "session_started"}, {"event": "user", "text": "Привіт, я хочу дізнатися про курси"},
               {"event": "slot", "name": "language", "value": "uk"},
               {"event": "bot", "text": "Ви мали на увазі: які є курси?"},
               {"event": "user", "text": "ok"}, {"event": "rewind"}, {"event": "user", "text": "ok"}]
    events, messages = run(ActionDetectLanguage(), tracker("ok", {}, "affirm", events=history))
    assert [e["value"] for e in events if e.get("name") == "language"] == ["uk"]
    # Not put back: a first "ok" gets the default, as before.
    events, _ = run(ActionDetectLanguage(), tracker("ok", {}, "affirm", events=history[:5]))
    assert [e["value"] for e in events if e.get("name") == "language"] == ["nb"]


@pytest.mark.parametrize("text,language", [
    ("курс для жінок", "uk"), ("Базовый курс для женщин", "ru"), ("دورة للنساء", "ar"),
    ("دوره برای زنان", "fa"), ("ኮርስ ንደቂ ኣንስትዮ", "ti"),
])
def test_a_first_message_of_only_a_course_name_is_answered_in_the_names_language(services, text, language):
    """A course's name says nothing about a Latin-script language, but a name in another
    script is written in that script's languages: not answered in the default Norwegian."""
    events, _ = run(ActionDetectLanguage(), tracker(text))
    assert [e["value"] for e in events if e.get("name") == "language"] == [language]


def test_a_first_message_of_only_a_latin_course_name_gets_the_default(services):
    events, messages = run(ActionDetectLanguage(), tracker("Grunnkurs for kvinner"))
    assert [e["value"] for e in events if e.get("name") == "language"] == ["nb"]
