"""The NLU inbox: unsure messages stored masked, labelled into reviewed examples, audited."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
import yaml
from click.testing import CliRunner

from bot.accounts import audit
from bot.config import PROJECT_ROOT
from bot.learning import inbox
from bot.learning.examples import ExampleRejected, add_example
from bot.learning.labelling import label
from bot.ops.cli import main


@pytest.fixture
def services(services):
    services.escalations  # noqa: B018  (creates the schema, as every process does at start)
    return services


@pytest.fixture
def root(tmp_path):
    """A copy of the NLU data and domain to label into."""
    shutil.copytree(PROJECT_ROOT / "nlu_data", tmp_path / "nlu_data")
    return tmp_path


def test_unsure_messages_are_stored_masked_and_listed_per_language(services):
    db = services.database
    first = inbox.record(db, "lacagta 01017012345 imisa", "so", "web", "fallback", "allowance", 0.3)
    inbox.record(db, "/affirm", "so", "web", "fallback")  # a button: nothing to label
    inbox.record(db, "hva", "nb", "telegram", "low_confidence", "greet", 0.5)
    items = inbox.items(db, language="so")
    assert [i.id for i in items] == [first]
    assert items[0].text == "lacagta [ID-NUMBER] imisa" and items[0].guess == "allowance"
    assert {i.language for i in inbox.items(db)} == {"so", "nb"}
    with pytest.raises(ValueError):
        inbox.record(db, "x", "nb", "web", "because")


def test_old_inbox_rows_are_deleted(services):
    db = services.database
    inbox.record(db, "gammel", "nb", "web", "fallback")
    assert inbox.purge(db, 90, now=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=91)) == 1
    assert inbox.items(db, status=None) == []


def test_a_label_becomes_a_reviewed_example_and_is_audited(services, root):
    db = services.database
    item_id = inbox.record(db, "Lacag intee le'eg ayaan helayaa marka aan koorsada ku jiro", "so", "web",
                           "fallback", "greet", 0.2)
    label(db, root, item_id, "allowance", "tina")
    data = yaml.safe_load((root / "nlu_data" / "nlu" / "so" / "reviewed.yml").read_text(encoding="utf-8"))
    assert data["nlu"] == [{"intent": "allowance",
                            "examples": "- Lacag intee le'eg ayaan helayaa marka aan koorsada ku jiro\n"}]
    assert inbox.get(db, item_id).status == "labelled"
    assert [(e.username, e.action, e.reference) for e in audit.entries(db)] == [("tina", "labelled", f"N-{item_id}")]
    with pytest.raises(ExampleRejected):  # decided already
        label(db, root, item_id, "allowance", "tina")


def test_held_out_texts_and_contradictions_are_refused(root):
    from rasa.shared.nlu.training_data.loading import load_data

    held_out = load_data(str(root / "nlu_data" / "test" / "so.yml")).intent_examples[0]
    with pytest.raises(ExampleRejected, match="held-out"):
        add_example(root / "nlu_data", "so", held_out.get("intent"), held_out.get("text"))
    trained = load_data(str(root / "nlu_data" / "nlu" / "so" / "smalltalk.yml")).intent_examples[0]
    other = "deny" if trained.get("intent") != "deny" else "affirm"
    with pytest.raises(ExampleRejected, match="already taught"):
        add_example(root / "nlu_data", "so", other, trained.get("text"))
    assert add_example(root / "nlu_data", "so", trained.get("intent"), trained.get("text")) is False
    with pytest.raises(ExampleRejected):
        label_unknown = add_example(root / "nlu_data", "so", "allowance", "   ")
        assert label_unknown


def test_the_inbox_commands(services, root, monkeypatch):
    monkeypatch.setattr(services.settings.__class__, "root", property(lambda self: root), raising=False)
    db = services.database
    item_id = inbox.record(db, "kurs for sveisere?", "nb", "rest", "low_confidence", "list_courses", 0.45)
    spam = inbox.record(db, "asdfgh", "nb", "rest", "fallback")
    runner = CliRunner()
    listed = json.loads(runner.invoke(main, ["inbox", "list", "--lang", "nb", "--json"]).output)
    assert {i["id"] for i in listed} == {item_id, spam}
    unknown = runner.invoke(main, ["inbox", "label", str(item_id), "no_such_intent"])
    assert unknown.exit_code == 1 and "not an intent" in unknown.output
    assert runner.invoke(main, ["inbox", "dismiss", str(spam)]).exit_code == 0
    assert runner.invoke(main, ["inbox", "dismiss", str(spam)]).exit_code == 1
    assert [i.id for i in inbox.items(db)] == [item_id]
