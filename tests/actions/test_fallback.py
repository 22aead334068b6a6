"""The first fallback stage asks "did you mean ...?" only when the classifier has a guess."""

from __future__ import annotations

from actions.fallback import ActionAffirm, ActionAskAffirmation, pending_offer
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
