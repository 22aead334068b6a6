"""The publish gate: a model whose held-out figures drop by more than a point is not published."""

from __future__ import annotations

from pathlib import Path

from bot.learning.publish_state import PublishState
from bot.ops import model_gate
from bot.ops.model_gate import drops, gate_and_publish, model_to_serve

BEFORE = {"nb": 0.95, "so": 0.91, "ti": 0.93}


def test_a_drop_of_more_than_one_point_in_any_language_is_named():
    assert drops(BEFORE, {"nb": 0.945, "so": 0.905, "ti": 0.96}) == []  # within a point
    assert drops(BEFORE, {"nb": 0.95, "so": 0.89, "ti": 0.93}) == ["so: 0.910 -> 0.890"]
    assert drops(BEFORE, {"nb": 0.95, "ti": 0.93}) == ["so: 0.910 -> 0.000"]  # a language lost


def _models(tmp_path: Path):
    models = tmp_path / "models"
    models.mkdir()
    old, new = models / "amo-old.tar.gz", models / "amo-new.tar.gz"
    old.write_bytes(b"old")
    new.write_bytes(b"new")
    return models, old, new


def _gate(tmp_path: Path, monkeypatch):
    """Two models, the new one a point and a half worse in ti; evaluation and loading faked."""
    models, old, new = _models(tmp_path)
    figures = {old.name: BEFORE, new.name: {**BEFORE, "ti": 0.90}}
    monkeypatch.setattr(model_gate, "evaluate", lambda model, root: figures[model.name])
    loaded: list = []
    monkeypatch.setattr(model_gate, "load_into_servers", lambda model, urls, token="": loaded.append(model) or [])
    return models, old, new, tmp_path / "var", figures, loaded


def test_a_worse_model_is_refused_and_the_model_in_service_stays(tmp_path, monkeypatch):
    models, old, new, var, figures, loaded = _gate(tmp_path, monkeypatch)
    outcome = gate_and_publish(tmp_path, var, new, old, ["http://127.0.0.1:9"], echo=lambda *_: None)
    assert not outcome.published and outcome.reasons == ["ti: 0.930 -> 0.900"] and loaded == []
    state = PublishState.load(var)
    assert state.published == old.name and state.refused["model"] == new.name
    assert model_to_serve(models, var, new) == old  # also after a restart

    figures[new.name] = {**BEFORE, "ti": 0.94}
    outcome = gate_and_publish(tmp_path, var, new, old, ["http://127.0.0.1:9"], echo=lambda *_: None)
    assert outcome.published and loaded == [new]
    state = PublishState.load(var)
    assert state.published == new.name and state.refused is None and state.figures["ti"] == 0.94
    assert model_to_serve(models, var, new) == new


def test_an_operator_can_accept_the_drops_and_they_stay_on_record(tmp_path, monkeypatch):
    models, old, new, var, figures, loaded = _gate(tmp_path, monkeypatch)
    outcome = gate_and_publish(tmp_path, var, new, old, ["http://127.0.0.1:9"], echo=lambda *_: None,
                               accept_drops=True)
    assert outcome.published and outcome.reasons == ["ti: 0.930 -> 0.900"] and loaded == [new]
    assert PublishState.load(var).published == new.name
    assert model_to_serve(models, var, new) == new


def test_a_server_that_does_not_answer_is_reported(tmp_path):
    _models_dir, _old, new = _models(tmp_path)
    assert model_gate.load_into_servers(new, ["http://127.0.0.1:9"]) != []


def test_both_held_out_splits_are_read_per_language():
    from bot.config import PROJECT_ROOT

    split = model_gate.held_out(PROJECT_ROOT)
    assert {"nb", "so", "messy/nb", "messy/so"} <= set(split)
    assert len(split) == 20 and all(split.values())
    # A drop on the messy split refuses the model too; a split not measured before does not.
    assert drops({**BEFORE, "messy/so": 0.80}, {**BEFORE, "messy/so": 0.78}) == ["messy/so: 0.800 -> 0.780"]
    assert drops(BEFORE, {**BEFORE, "messy/so": 0.50}) == []
