"""The faster action-response check accepts and rejects exactly what Rasa's own does."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

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


def test_training_reads_the_nlu_data_once_whatever_language_it_is_asked_in(monkeypatch, tmp_path):
    """`rasa train` asks for the data without a language, the training graph in the
    pipeline's ("xx"): both get one reading, through the importers `rasa train` stacks."""
    from rasa.shared.importers import utils
    from rasa.shared.importers.importer import (
        CombinedDataImporter,
        E2EImporter,
        ResponsesSyncImporter,
    )
    from rasa.shared.importers.rasa import RasaFileImporter

    reads = []
    read = utils.training_data_from_paths
    monkeypatch.setattr(utils, "training_data_from_paths", lambda *a, **k: reads.append(a) or read(*a, **k))
    for cls in (CombinedDataImporter, ResponsesSyncImporter, E2EImporter):
        monkeypatch.setattr(cls, "get_nlu_data", cls.get_nlu_data)  # undone after

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


def test_the_training_speedup_applies_only_to_the_rasa_version_it_mirrors(monkeypatch):
    import rasa
    from rasa.shared.importers.importer import CombinedDataImporter

    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    before = CombinedDataImporter.get_nlu_data
    assert rasa_speedups.apply_to_training() is False
    assert CombinedDataImporter.get_nlu_data is before
