"""The faster action-response check and reading of the NLU data give exactly what Rasa's own do."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa import speedups as rasa_speedups

GOOD = {"events": [{"event": "slot", "name": "language", "value": "uk"}],
        "responses": [{"text": "Привіт", "buttons": []}]}
BAD = [{"events": "not a list"}, {"events": [{"no_event_key": 1}]}, {"events": [{"event": 5}]},
       {"responses": "x"}, {"events": [1]}]


def test_same_verdicts_as_rasas_check():
    action = RemoteAction("action_x", None)
    original = RemoteAction._validate_action_result
    assert original(action, GOOD) is True
    assert rasa_speedups._validate_action_result(action, GOOD) is True
    for bad in BAD:
        with pytest.raises(jsonschema.ValidationError) as rasa_error:
            original(action, bad)
        with pytest.raises(jsonschema.ValidationError) as our_error:
            rasa_speedups._validate_action_result(action, bad)
        assert our_error.value.message == rasa_error.value.message


def test_applies_only_to_the_rasa_version_it_mirrors(monkeypatch):
    import rasa

    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    before = RemoteAction._validate_action_result
    assert rasa_speedups.apply() is False
    assert RemoteAction._validate_action_result is before


def _nlu_file(folder):
    path = folder / "nlu.yml"
    path.write_text('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hei\n    - hello\n',
                    encoding="utf-8")
    return path


@pytest.fixture
def undone(monkeypatch):
    """What `apply_to_training` changes, put back after the test."""
    from rasa.shared.importers import utils
    from rasa.shared.importers.importer import (
        CombinedDataImporter,
        E2EImporter,
        ResponsesSyncImporter,
    )
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    for cls in (CombinedDataImporter, ResponsesSyncImporter, E2EImporter):
        monkeypatch.setattr(cls, "get_nlu_data", cls.get_nlu_data)
    monkeypatch.setattr(RasaYAMLReader, "validate", RasaYAMLReader.validate)
    monkeypatch.setattr(utils, "training_data_from_paths", utils.training_data_from_paths)
    return monkeypatch


def test_training_reads_the_nlu_data_once_whatever_language_it_is_asked_in(undone, tmp_path):
    """`rasa train` asks for the data without a language, the training graph in the
    pipeline's ("xx"): both get one reading, through the importers `rasa train` stacks."""
    from rasa.shared.importers.importer import (
        CombinedDataImporter,
        E2EImporter,
        ResponsesSyncImporter,
    )
    from rasa.shared.importers.rasa import RasaFileImporter
    from rasa.shared.nlu.training_data import loading

    reads = []
    load = loading.load_data
    undone.setattr(loading, "load_data", lambda *a, **k: reads.append(a) or load(*a, **k))

    def importer():
        files = RasaFileImporter(training_data_paths=[str(_nlu_file(tmp_path))])
        return E2EImporter(ResponsesSyncImporter(CombinedDataImporter([files])))

    plain = importer()
    plain.get_nlu_data(), plain.get_nlu_data("xx")
    assert len(reads) == 2  # Rasa's own caches: two reads of the same data
    expected = [m.get("text") for m in plain.get_nlu_data().intent_examples]
    assert rasa_speedups.apply_to_training() is True
    assert rasa_speedups.apply_to_training() is False  # once only
    reads.clear()
    patched = importer()
    calls = (patched.get_nlu_data(), patched.get_nlu_data("xx"), patched.get_nlu_data(language="xx"),
             patched.get_nlu_data("en"))
    assert len(reads) == 1 and all(data is calls[0] for data in calls)
    assert [m.get("text") for m in calls[0].intent_examples] == expected
    assert {"hei", "hello"} <= set(expected)


# A few of the project's files, in several scripts, with synonyms, lookups and duplicates.
SAMPLE = ["nlu_data/nlu/generated/courses.yml", "nlu_data/nlu/nb/common.yml", "nlu_data/nlu/ar/edges9.yml",
          "nlu_data/nlu/ti/plain.yml", "nlu_data/nlu/uk/courses.yml", "nlu_data/nlu/en/courses.yml"]


def test_the_merge_without_copies_gives_rasas_training_data():
    from rasa.shared.nlu.training_data import loading

    root = Path(__file__).resolve().parents[3]
    once, again = ([loading.load_data(str(root / path)) for path in SAMPLE] for _ in range(2))
    ours, rasas = rasa_speedups.merged(once), TrainingData().merge(*again)
    assert ours.fingerprint() == rasas.fingerprint()
    assert [m.get("text") for m in ours.training_examples] == [m.get("text") for m in rasas.training_examples]
    assert ours.entity_synonyms == rasas.entity_synonyms and ours.lookup_tables == rasas.lookup_tables
    assert len(ours.training_examples) > 500 and ours.entity_synonyms and ours.lookup_tables
    # duplicates are dropped as Rasa drops them
    twice = rasa_speedups.merged([loading.load_data(str(root / SAMPLE[1])) for _ in range(2)])
    assert len(twice.training_examples) == len(loading.load_data(str(root / SAMPLE[1])).training_examples)


BROKEN = {
    "examples as a list": 'version: "3.1"\nnlu:\n- intent: greet\n  examples:\n  - hei\n',
    "an unknown key": 'version: "3.1"\nnlu:\n- intent: greet\n  exampels: |\n    - hei\n',
    "an intent that is a list": 'version: "3.1"\nnlu:\n- intent: [greet]\n  examples: |\n    - hei\n',
    "a YAML syntax error": 'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hei\n - "x\n',
    "a duplicate key": 'version: "3.1"\nnlu:\n- intent: greet\n  intent: bye\n  examples: |\n    - hei\n',
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_nlu_file_fails_training_with_rasas_own_message(undone, case):
    from rasa.shared.exceptions import YamlException
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    with pytest.raises(YamlException) as rasas:
        RasaYAMLReader().reads(BROKEN[case])
    assert rasa_speedups.apply_to_training() is True
    assert not rasa_speedups._passes_schema(BROKEN[case])
    with pytest.raises(YamlException) as ours:
        RasaYAMLReader().reads(BROKEN[case])
    assert type(ours.value) is type(rasas.value) and str(ours.value) == str(rasas.value)


def test_the_projects_files_pass_the_faster_check_as_they_pass_rasas():
    from rasa.shared.nlu.training_data.formats.rasa_yaml import NLU_SCHEMA_FILE
    from rasa.shared.utils.validation import validate_yaml_schema

    root = Path(__file__).resolve().parents[3]
    for path in SAMPLE:
        text = (root / path).read_text(encoding="utf-8")
        validate_yaml_schema(text, NLU_SCHEMA_FILE)  # raises if Rasa's own check fails
        assert rasa_speedups._passes_schema(text), path


def test_the_training_speedup_applies_only_to_the_rasa_version_it_mirrors(monkeypatch):
    import rasa
    from rasa.shared.importers.importer import CombinedDataImporter

    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    before = CombinedDataImporter.get_nlu_data
    assert rasa_speedups.apply_to_training() is False
    assert CombinedDataImporter.get_nlu_data is before


@pytest.mark.parametrize("annotation", ['{"entity": "course", "value": "truck"}', '{"entity": 5}',
                                        '{"value": "truck"}', '{"entity": "course", "role": ["x"]}'])
def test_entity_dicts_are_checked_as_rasa_checks_them(undone, annotation):
    from rasa.shared.exceptions import SchemaValidationError
    from rasa.shared.nlu.training_data import entities_parser

    def verdict():
        try:
            return entities_parser.get_validated_dict(annotation[1:-1])
        except SchemaValidationError as error:
            return type(error), error.message

    rasas = verdict()
    assert rasa_speedups.apply_to_training() is True
    assert verdict() == rasas
