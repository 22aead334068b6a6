"""The first fallback stage asks "did you mean ...?" only when the classifier has a guess;
an unrelated message gets the limits, with a course it names shown or offered."""

from __future__ import annotations

import pytest

from actions.fallback import (
    ActionAffirm,
    ActionAskAffirmation,
    ActionDeny,
    ActionOutOfScope,
    pending_offer,
)
from bot.i18n.catalogs import CONTENT
from bot.language.supported import SUPPORTED
from bot.learning import inbox
from tests.actions.trackers import run, tracker


def ask(ranking):
    state = tracker("?", {"language": "en"}, "nlu_fallback", confidence=0.4, ranking=ranking)
    return run(ActionAskAffirmation(), state)[1]


def test_a_guess_is_offered_with_yes_and_no(services):
    messages = ask([{"name": "nlu_fallback", "confidence": 0.4},
                    {"name": "affirm", "confidence": 0.3},
                    {"name": "allowance", "confidence": 0.25},
                    {"name": "greet", "confidence": 0.1}])
    assert messages[0]["text"] == "Did you mean: money during a course?"
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/allowance", "/out_of_scope"]


def test_no_preference_asks_to_rephrase(services):
    equal = [{"name": name, "confidence": 0.05} for name in ("placement_info", "allowance", "greet")]
    messages = ask([{"name": "nlu_fallback", "confidence": 0.4}, *equal])
    assert len(messages) == 1 and messages[0]["response"] == "utter_ask_rephrase"


@pytest.mark.parametrize("language", SUPPORTED)
def test_a_guess_that_the_answer_was_not_clear_is_asked_in_the_language(services, language):
    state = tracker("?", {"language": language}, "nlu_fallback", confidence=0.4,
                    ranking=[{"name": "nlu_fallback", "confidence": 0.4},
                             {"name": "not_understood", "confidence": 0.35},
                             {"name": "thanks", "confidence": 0.2}])
    messages = run(ActionAskAffirmation(), state)[1]
    translator = services.translator
    meaning = translator.gettext(language, "that my answer was not clear")
    asked = translator.gettext(language, "Did you mean: %(meaning)s?", meaning=meaning)
    assert messages[0]["text"].replace("\u200f", "") == asked  # Arabic and Persian lines get a direction mark
    assert (language == "en") == (meaning == "that my answer was not clear"), language
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/not_understood", "/out_of_scope"]


def test_the_guess_is_kept_as_the_offer_a_typed_yes_stands_for(services):
    messages = ask([{"name": "nlu_fallback", "confidence": 0.4}, {"name": "allowance", "confidence": 0.3}])
    assert messages[0]["offer"] == "/allowance"


def _bot(text, offer=None):
    return {"event": "bot", "text": text, "metadata": {"offer": offer} if offer else {}}


def _user(text):
    return {"event": "user", "text": text, "parse_data": {}}


def test_a_typed_yes_to_did_you_mean_is_the_intent_offered(services):
    offered = _bot("Did you mean: a course?", '/course_details{"course":"it-support"}')
    # Rasa's two-stage fallback puts the typed answer back: "ja" is there twice.
    state = tracker("ja", {"language": "nb"}, "affirm", metadata={"language": "nb"},
                    events=[_user("hei, hvor lenge varer IT-kurset?"), offered, _user("ja"),
                            {"event": "rewind"}, _user("ja")])
    events, messages = run(ActionAffirm(), state)
    assert not messages
    assert [e["event"] for e in events] == ["rewind", "action", "user"]
    said = events[2]
    assert said["text"] == "ja" and said["metadata"] == {"language": "nb"}
    assert said["parse_data"]["intent"] == {"name": "course_details", "confidence": 1.0}
    assert said["parse_data"]["entities"] == [{"entity": "course", "value": "it-support"}]


def test_a_yes_to_anything_else_asks_what_to_tell(services):
    for events in ([_bot("Hello!"), _user("yes")],  # no offer
                   [_bot("Did you mean: money?", "/allowance"), _user("no"), _bot("OK."), _user("yes")],
                   [_bot("Did you mean: money?", "/allowance"), _user("something else"), _user("yes")],
                   []):
        state = tracker("yes", {"language": "en"}, "affirm", events=events)
        assert pending_offer(state) is None
        assert run(ActionAffirm(), state)[1][0]["response"] == "utter_anything_else"


# --- an unrelated message with a course's word in it ------------------------------------------

OFFER = "If you meant the course «%(course)s», I can tell you about it."


def out_of_scope(text, language):
    return run(ActionOutOfScope(), tracker(text, {"language": language}, "out_of_scope"))


def shown_name(services, language, course):
    return services.translator.lookup(CONTENT, language, services.catalogue.current().courses[course].name).text


@pytest.mark.parametrize("language, text, course, offer", [
    ("nb", "jeg må på butikken først", "retail",
     "Hvis du mente kurset «Butikk og salg», kan jeg fortelle deg om det."),
    ("nb", "barnehagen til sønnen min er stengt i dag", "kindergarten-assistant",
     "Hvis du mente kurset «Barnehageassistent», kan jeg fortelle deg om det."),
    ("en", "my childcare place closes early today", "kindergarten-assistant",
     "If you meant the course «Kindergarten assistant», I can tell you about it."),
    ("ru", "мой сосед водитель автобуса", "professional-driver",
     "Если вы имели в виду курс «Профессиональный водитель», я могу рассказать о нём."),
    ("ru", "у меня сломался компьютер, что делать", "it-support",
     "Если вы имели в виду курс «IT-поддержка пользователей», я могу рассказать о нём."),
    ("ar", "ابني في الحضانة اليوم لأن المدرسة مغلقة", "kindergarten-assistant",
     "إذا كنت تقصد دورة «مساعد في روضة أطفال»، يمكنني أن أخبرك عنها."),
])
def test_a_course_word_in_an_unrelated_sentence_gets_the_limits_and_an_offer(services, language, text,
                                                                               course, offer):
    events, messages = out_of_scope(text, language)
    assert events == []  # the course is not taken as the one talked about
    assert [m.get("response") for m in messages] == ["utter_out_of_scope", None]
    assert offer in messages[1]["text"]
    payload = f'/course_details{{"course":"{course}"}}'
    assert messages[1]["buttons"] == [{"title": shown_name(services, language, course), "payload": payload}]
    assert messages[1]["offer"] == payload


def test_the_offer_is_translated_in_every_language(services):
    for language in SUPPORTED:
        _, messages = out_of_scope("jeg må på butikken først", language)
        text = messages[1]["text"]
        assert shown_name(services, language, "retail") in text
        assert (language == "en") == ("If you meant" in text), (language, text)


@pytest.mark.parametrize("language, text, course", [
    ("nb", "fortell meg om Butikk og salg da", "retail"),  # the course's name
    ("en", "ok so what about Shop and sales then", "retail"),  # its translated name
    ("nb", "hmm butikk-kurset", "retail"),
    ("nb", "bla bla renholdskurset", "cleaning"),
    ("en", "the childcare course please", "kindergarten-assistant"),
    ("ru", "хочу на курс водителя, а погода?", "professional-driver"),
    ("ar", "ماذا عن دورة التنظيف يا صديقي", "cleaning"),
    ("nb", "butikk?", "retail"),  # little more than the name
    ("nb", "barnehage", "kindergarten-assistant"),
    ("ru", "водитель автобуса", "professional-driver"),
])
def test_a_course_named_unmistakably_is_shown(services, language, text, course):
    events, messages = out_of_scope(text, language)
    assert [m["response"] for m in messages] == [None]
    assert f"*{shown_name(services, language, course)}*" in messages[0]["text"]
    assert {"event": "slot", "name": "course", "value": course, "timestamp": None} in events


def test_the_name_counts_over_a_course_word_in_the_same_sentence(services):
    _, messages = out_of_scope("my kindergarten closed, tell me about the retail course", "en")
    assert "*Shop and sales*" in messages[0]["text"]


def _answering_the_offer(text, intent):
    said = {"event": "user", "text": "jeg må på butikken først",
            "parse_data": {"intent": {"name": "out_of_scope", "confidence": 0.9}}}
    offered = _bot("Hvis du mente kurset «Butikk og salg», kan jeg fortelle deg om det.",
                   '/course_details{"course":"retail"}')
    return tracker(text, {"language": "nb"}, intent, events=[said, _bot("Beklager ..."), offered, _user(text)])


def test_a_typed_yes_to_the_offer_asks_for_the_course(services):
    events, _ = run(ActionAffirm(), _answering_the_offer("ja", "affirm"))
    assert events[2]["parse_data"]["intent"]["name"] == "course_details"
    assert events[2]["parse_data"]["entities"] == [{"entity": "course", "value": "retail"}]


def test_a_typed_no_to_the_offer_is_no_refused_guess(services):
    _, messages = run(ActionDeny(), _answering_the_offer("nei", "deny"))
    assert [m["response"] for m in messages] == ["utter_anything_else"]
    assert inbox.items(services.database, status=None) == []
