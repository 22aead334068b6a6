"""The first fallback stage asks "did you mean ...?" only when the classifier has a guess."""

from __future__ import annotations

from actions.fallback import ActionAskAffirmation
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
