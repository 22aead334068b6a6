"""The NLU training data: every intent in every language, no contradictions, no leaks."""

from __future__ import annotations

import functools
from collections import defaultdict

import pytest
import rasa.shared.utils.io
import yaml
from rasa.shared.nlu.training_data import loading
from rasa.shared.nlu.training_data.training_data import TrainingData

from bench.heldout import KINDS, kind_of
from bot.config import PROJECT_ROOT
from bot.content.loader import load_catalogue
from bot.language.supported import SUPPORTED

NLU = PROJECT_ROOT / "nlu_data" / "nlu"
TEST = PROJECT_ROOT / "nlu_data" / "test"
MESSY = TEST / "messy"
INTENTS = {"greet", "goodbye", "thanks", "affirm", "deny", "choose_language", "list_courses",
           "course_details", "course_requirements", "job_prospects", "placement_info",
           "placement_problem", "allowance", "apply_course", "contact_caseworker",
           "escalation_status", "frustration", "crisis", "bot_challenge", "delete_my_data", "out_of_scope",
           "stop", "appeal", "extra_costs", "illness", "change_course", "after_course", "not_understood"}


def normalised(text: str) -> str:
    return " ".join(text.casefold().split())


@functools.cache
def _read(path: str) -> TrainingData:
    return loading.load_data(path)


def load_data(path: str) -> TrainingData:
    """Rasa's reading of a file, or of every file under a folder merged (as Rasa's own
    `load_data`); each file is parsed once per run, though several tests read it."""
    sets = [_read(name) for name in rasa.shared.utils.io.list_files(path)]
    return sets[0].merge(*sets[1:]) if len(sets) > 1 else sets[0]


@pytest.fixture(scope="module")
def training():
    return load_data(str(NLU))


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_intent_has_varied_examples_in_every_language(language):
    data = load_data(str(NLU / language))
    counts = defaultdict(int)
    for message in data.intent_examples:
        counts[message.get("intent")] += 1
    assert set(counts) == INTENTS
    thin = {intent: n for intent, n in counts.items() if n < 25}
    assert not thin, f"{language}: intents with fewer than 25 examples: {thin}"


def test_no_text_is_taught_as_two_intents(training):
    intents = defaultdict(set)
    for message in training.intent_examples:
        intents[normalised(message.get("text"))].add(message.get("intent"))
    clashes = {text: sorted(i) for text, i in intents.items() if len(i) > 1}
    assert not clashes


def test_held_out_messages_are_never_trained_on(training):
    trained = {normalised(m.get("text")) for m in training.intent_examples}
    held_out = load_data(str(TEST))
    leaked = [m.get("text") for m in held_out.intent_examples if normalised(m.get("text")) in trained]
    assert not leaked


def test_messy_held_out_messages_are_never_trained_on(training):
    trained = {normalised(m.get("text")) for m in training.intent_examples}
    messy = load_data(str(MESSY))
    assert messy.intent_examples
    leaked = [m.get("text") for m in messy.intent_examples if normalised(m.get("text")) in trained]
    assert not leaked


def test_boundary_benchmark_messages_are_never_trained_on(training):
    from bench.evaluate_boundaries import load_messages

    trained = {normalised(m.get("text")) for m in training.intent_examples}
    messages = load_messages()
    assert {language for language, _, _ in messages} == set(SUPPORTED)
    assert {intent for _, intent, _ in messages} <= INTENTS
    assert not [text for _, _, text in messages if normalised(text) in trained]


@pytest.mark.parametrize("language", SUPPORTED)
def test_messy_split_has_every_kind_that_applies_to_the_language(language):
    examples = load_data(str(MESSY / f"{language}.yml")).intent_examples
    assert 60 <= len(examples) <= 100
    kinds = {kind_of(m.get("metadata")) for m in examples}
    assert kinds == {name for name, kind in KINDS.items() if language in kind.languages}
    assert {m.get("intent") for m in examples} <= INTENTS
    clean = {normalised(m.get("text")) for m in load_data(str(TEST / f"{language}.yml")).intent_examples}
    assert not [m.get("text") for m in examples if normalised(m.get("text")) in clean]


def test_course_entities_name_a_course(training):
    catalogue, _ = load_catalogue(PROJECT_ROOT / "content")
    synonyms = training.entity_synonyms
    unknown = set()
    for message in training.intent_examples:
        for entity in message.get("entities") or []:
            surface = message.get("text")[entity["start"]:entity["end"]]
            explicit = entity["value"] != surface  # written as {"entity": ..., "value": ...}
            if entity["entity"] == "course" and explicit:
                if synonyms.get(entity["value"], entity["value"]) not in catalogue.courses:
                    unknown.add(entity["value"])
    assert not unknown, f"course values that are not course ids: {sorted(unknown)}"


# The older first-message sets hold everyday words ("hei", "takk") that the training data
# has as well; these two were checked against it from the start.
@pytest.mark.parametrize("name", ["transliterated_messages", "unsupported_messages"])
def test_language_benchmark_messages_are_never_trained_on(training, name):
    messages = yaml.safe_load((PROJECT_ROOT / "bench" / "data" / f"{name}.yml").read_text(encoding="utf-8"))
    trained = {normalised(m.get("text")) for m in training.intent_examples}
    assert messages and not [text for texts in messages.values() for text in texts if normalised(text) in trained]
