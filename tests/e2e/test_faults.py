"""Faults with real processes: the action server dies mid-conversation and comes back."""

from __future__ import annotations

import re
import uuid
from typing import Iterator

import pytest

from bot.i18n.catalogs import get_translator
from bot.rasa_client import BlockingRasaClient
from tests.conftest import start_bot

pytestmark = pytest.mark.model

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@pytest.fixture(scope="module")
def own_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """A bot of its own: these tests kill its processes."""
    with start_bot(tmp_path_factory.mktemp("faults"), "faults.log") as running:
        yield running.settings, running.supervisor


def test_action_server_dies_mid_conversation_and_the_conversation_resumes(own_bot):
    settings, supervisor = own_bot
    send = BlockingRasaClient.from_settings(settings).send
    me = f"fault-{uuid.uuid4().hex[:8]}"
    first = send(me, "Привіт, які курси є?")
    assert CYRILLIC.search(" ".join(r.get("text") or "" for r in first))
    supervisor.kill("actions")
    during = send(me, "Розкажіть про курс прибирання, будь ласка")
    apology = get_translator().gettext("uk", "Sorry, something went wrong on our side. Please try again in a moment.")
    assert [r["text"].strip() for r in during] == [apology]
    supervisor.restart("actions")
    assert supervisor.wait_healthy(timeout=120)
    after = send(me, "Розкажіть про курс прибирання, будь ласка")
    text = " ".join(r.get("text") or "" for r in after)
    assert CYRILLIC.search(text) and apology not in text
