"""A crisis the classifier puts second is answered as a crisis (bot/rasa/crisis.py)."""

import pytest
import yaml
from rasa.shared.nlu.training_data.message import Message

from bot.config import PROJECT_ROOT
from bot.rasa.crisis import CrisisRunnerUp, crisis_confidence


def ranked(*pairs):
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def parse(intent, ranking, sentence_intents=(), read_first=None):
    message = Message(data={"text": "x"})
    message.set("intent", intent, add_to_output=True)
    message.set("intent_ranking", ranking, add_to_output=True)
    message.set("sentence_intents", list(sentence_intents))
    [processed] = CrisisRunnerUp({"runner_up": 0.2, "sentence_share": 0.5}).process([message])
    assert processed.get("read_first") == read_first
    return processed.get("intent"), processed.get("intent_ranking")


@pytest.mark.parametrize("first", ["goodbye", "out_of_scope", "placement_problem", "delete_my_data"])
def test_a_crisis_second_at_the_runner_up_share_becomes_the_intent(first):
    ranking = ranked((first, 0.6), ("crisis", 0.2), ("thanks", 0.2))
    intent, new_ranking = parse(ranking[0], ranking, read_first=first)
    assert intent == {"name": "crisis", "confidence": 0.2}
    assert [i["name"] for i in new_ranking] == ["crisis", first, "thanks"]


def test_a_message_the_fallback_caught_is_a_crisis_too():
    ranking = [{"name": "nlu_fallback", "confidence": 0.6}, *ranked(("frustration", 0.35), ("crisis", 0.3))]
    intent, new_ranking = parse(ranking[0], ranking, read_first="frustration")
    assert intent["name"] == "crisis"
    assert new_ranking[0]["name"] == "crisis"


@pytest.mark.parametrize("intent, ranking", [
    # Below the share: the classifier's reading stands.
    (ranked(("goodbye", 0.85))[0], ranked(("goodbye", 0.85), ("crisis", 0.19))),
    # Despair keeps its own answer, which brings the page first (action_crisis_if_likely).
    (ranked(("frustration", 0.7))[0], ranked(("frustration", 0.7), ("crisis", 0.3))),
    # Already a crisis.
    (ranked(("crisis", 0.9))[0], ranked(("crisis", 0.9), ("goodbye", 0.1))),
    # No crisis in the ranking at all.
    (ranked(("greet", 0.9))[0], ranked(("greet", 0.9), ("thanks", 0.1))),
])
def test_other_readings_are_left_alone(intent, ranking):
    assert crisis_confidence(intent, ranking, [], 0.2, 0.5) is None
    assert parse(intent, ranking) == (intent, ranking)


def test_a_sentence_read_alone_as_a_crisis_makes_the_message_one_even_under_despair():
    ranking = ranked(("frustration", 0.98), ("allowance", 0.02))
    sentences = ranked(("crisis", 0.8), ("frustration", 0.99))
    intent, new_ranking = parse(ranking[0], ranking, sentences, read_first="frustration")
    assert intent == {"name": "crisis", "confidence": 0.8}
    assert [i["name"] for i in new_ranking] == ["crisis", "frustration", "allowance"]


@pytest.mark.parametrize("sentences", [
    ranked(("crisis", 0.45), ("frustration", 0.9)),  # below the sentence share
    ranked(("frustration", 0.6), ("allowance", 0.9)),  # no sentence a crisis
])
def test_sentences_without_a_clear_crisis_leave_the_message_alone(sentences):
    ranking = ranked(("frustration", 0.9), ("crisis", 0.05))
    assert parse(ranking[0], ranking, sentences) == (ranking[0], ranking)


def test_the_pipeline_runs_the_check_after_the_fallback():
    names = [c["name"] for c in yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())["pipeline"]]
    assert names.index("bot.rasa.crisis.CrisisRunnerUp") > names.index("FallbackClassifier")


def test_despair_gets_the_page_first_at_the_same_share_as_any_other_intent():
    """action_crisis_if_likely (actions/pages.py) shows the page before the answer to despair at
    the runner-up share that makes any other message a crisis here."""
    from actions.pages import CRISIS_RUNNER_UP

    pipeline = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())["pipeline"]
    [component] = [c for c in pipeline if c["name"] == "bot.rasa.crisis.CrisisRunnerUp"]
    assert component["runner_up"] == CRISIS_RUNNER_UP


def test_a_crisis_as_a_whole_keeps_the_question_of_another_sentence_to_offer():
    """"I cut myself again last night. Where do I send the meldekort?" read as a crisis as a
    whole: the page offers the money answer after the numbers."""
    ranking = ranked(("crisis", 0.7), ("allowance", 0.3))
    sentences = ranked(("crisis", 0.99), ("allowance", 0.96))
    assert parse(ranking[0], ranking, sentences, read_first="allowance") == (ranking[0], ranking)


@pytest.mark.parametrize("sentences", [
    [],  # one sentence
    ranked(("crisis", 0.99), ("allowance", 0.45)),  # the other sentence below the share
    ranked(("crisis", 0.99), ("crisis", 0.8)),
    ranked(("crisis", 0.99), ("nlu_fallback", 0.9)),
])
def test_a_crisis_as_a_whole_offers_nothing_without_another_sentence_asking(sentences):
    ranking = ranked(("crisis", 0.9), ("goodbye", 0.1))
    assert parse(ranking[0], ranking, sentences) == (ranking[0], ranking)
