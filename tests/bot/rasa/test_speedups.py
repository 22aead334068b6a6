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
