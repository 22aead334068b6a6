"""The learning loop end to end: a Somali message the model gets wrong lands in the inbox
masked, is labelled, and after `amo-bot train` the running bot understands it, no restart."""

from __future__ import annotations

import shutil
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.learning import inbox
from bot.learning.labelling import label
from bot.learning.publish_state import PublishState
from bot.ops.publishing import train_and_publish
from bot.services import Services
from tests.conftest import start_bot, tempfile_root, trained_model

pytestmark = pytest.mark.model

TARGET = "allowance"
# Somali ways of asking about money during a course that the model was unsure of when
# this was written; the test uses the first one the model in service gets wrong.
CANDIDATES = [
    "Gunnada waxbarashada maalin walba intee la bixiyaa, 91234567?",
    "Xaqa maaliyadeed ee ka qaybgalaha, 91234567",
    "Dhaqaalaha lagu taageero ardayda tababarka ku jira sidee buu yahay, 91234567?",
    "Qoolley qoolley tiltaksgunno, 91234567",
]


@pytest.fixture(scope="module")
def own_bot(tmp_path_factory):
    with start_bot(tmp_path_factory.mktemp("learning"), "learning-servers.log") as running:
        yield running


def test_a_labelled_somali_message_is_understood_after_training_without_a_restart(own_bot, tmp_path, monkeypatch):
    services = Services(own_bot.settings)
    services.escalations  # noqa: B018  (the schema, as at every start)
    chosen = None
    seen = []
    for text in CANDIDATES:
        parsed = own_bot.parse(text)
        seen.append((text, parsed["intent"]))
        if parsed["intent"]["name"] == TARGET:
            continue
        own_bot.say(f"so-{uuid.uuid4().hex[:8]}", text, language="so")
        start = text.split(",")[0][:20]
        stored = [i for i in inbox.items(services.database) if i.text.startswith(start)]
        if stored:
            chosen = (text, stored[0])
            break
    assert chosen, (seen, inbox.items(services.database, status=None))
    text, item = chosen
    assert "91234567" not in item.text and "91234567" in text and "[PHONE]" in item.text

    # A project copy to train in: the checkout's data stays as it is.
    root = tmp_path / "project"
    for name in ("nlu_data", "content", "config.yml"):
        source = PROJECT_ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    label(services.database, root, item.id, TARGET, "trainer-tina")
    models = tmp_path / "models"
    models.mkdir()
    # The model the running bot serves, not whichever models/ holds (a checkout collects old ones).
    in_service = trained_model(Path(tempfile_root()) / "models")
    shutil.copy(in_service, models / in_service.name)
    monkeypatch.setenv("PYTHONPATH", str(PROJECT_ROOT))  # the NLU components' code
    settings = replace(own_bot.settings, root=root, models_dir=models)
    assert train_and_publish(settings, echo=print)

    state = PublishState.load(settings.var_dir)
    assert state.published != in_service.name and set(state.figures) >= {"so", "ti", "nb"}
    assert own_bot.parse(item.text)["intent"]["name"] == TARGET
    reply = own_bot.say(f"so-{uuid.uuid4().hex[:8]}", item.text, language="so")
    assert reply and all("[PHONE]" not in (r.get("text") or "") for r in reply)
