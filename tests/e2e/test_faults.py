"""Faults with real processes: the action server dies mid-conversation and comes back."""

from __future__ import annotations

import os
import re
import shutil
import sys
import uuid
from typing import Iterator

import pytest

from bot.chat import send
from bot.config import PROJECT_ROOT, load_settings
from bot.i18n.catalogs import get_translator
from bot.supervisor import Supervisor, commands
from bot.training import train
from tests.conftest import free_port

pytestmark = pytest.mark.model

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@pytest.fixture(scope="module")
def own_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """A bot of its own: these tests kill its processes."""
    base = tmp_path_factory.mktemp("faults")
    shutil.copytree(PROJECT_ROOT / "content", base / "content")
    env = {"AMO_RASA_PORT": str(free_port()), "AMO_ACTIONS_PORT": str(free_port()),
           "AMO_WEB_PORT": str(free_port()), "AMO_VAR_DIR": str(base / "var"),
           "AMO_CONTENT_DIR": str(base / "content"), "AMO_TRACKER_STORE_URL": "memory"}
    settings = load_settings({**os.environ, **env})
    model = train(PROJECT_ROOT, settings.models_dir)
    log = open(base / "servers.log", "w", encoding="utf-8")
    supervisor = Supervisor(commands(settings, model, python=sys.executable), cwd=PROJECT_ROOT,
                            out=log, env=env)
    supervisor.start()
    try:
        assert supervisor.wait_healthy(timeout=240), (base / "servers.log").read_text()[-3000:]
        yield settings, supervisor
    finally:
        supervisor.stop()
        log.close()


def test_action_server_dies_mid_conversation_and_the_conversation_resumes(own_bot):
    settings, supervisor = own_bot
    me = f"fault-{uuid.uuid4().hex[:8]}"
    first = send(settings.rasa_url, me, "Привіт, які курси є?")
    assert CYRILLIC.search(" ".join(r.get("text") or "" for r in first))
    supervisor.kill("actions")
    during = send(settings.rasa_url, me, "Розкажіть про курс прибирання, будь ласка")
    apology = get_translator().gettext("uk", "Sorry, something went wrong on our side. Please try again in a moment.")
    assert [r["text"].strip() for r in during] == [apology]
    supervisor.restart("actions")
    assert supervisor.wait_healthy(timeout=120)
    after = send(settings.rasa_url, me, "Розкажіть про курс прибирання, будь ласка")
    text = " ".join(r.get("text") or "" for r in after)
    assert CYRILLIC.search(text) and apology not in text
