"""Shared fixtures: a copy of the project's content, and the real bot running on free ports."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sys
from pathlib import Path
from typing import Dict, Iterator, Optional

import pytest

from bot.config import PROJECT_ROOT, Settings, load_settings
from bot.rasa_client import BlockingRasaClient
from bot.services import Services, set_services

ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of content/ (with its schema) inside a temporary project root."""
    target = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", target)
    return target


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings({"AMO_VAR_DIR": str(tmp_path / "var")})


@pytest.fixture
def services(settings: Settings) -> Iterator[Services]:
    """Services of this process pointed at a temporary database."""
    services = Services(settings)
    set_services(services)
    yield services
    set_services(None)


class RunningBot:
    def __init__(self, settings: Settings, supervisor):  # type: ignore[no-untyped-def]
        self.settings = settings
        self.supervisor = supervisor
        self.rasa = BlockingRasaClient.from_settings(settings)

    @property
    def url(self) -> str:
        return self.settings.rasa_url

    def say(self, sender: str, text: str, language: str | None = None) -> list:
        return self.rasa.send(sender, text, language=language)

    def parse(self, text: str) -> dict:
        """What the model makes of `text` (Rasa's `/model/parse`)."""
        return self.rasa.parse(text)

    def tracker(self, sender: str) -> dict:
        """The conversation's tracker with every event (Rasa's HTTP API, with the token)."""
        return self.rasa.tracker(sender)


@contextlib.contextmanager
def start_bot(base: Path, log_name: str = "servers.log",
              extra_env: Optional[Dict[str, str]] = None) -> Iterator[RunningBot]:
    """The real Rasa server, action server and web pages on free ports, with a content copy.

    The model is trained once per run and reused while its inputs are unchanged. Trackers
    are kept in memory unless `extra_env` says otherwise (AMO_TRACKER_STORE_URL="" is the
    default profile's SQLite file under var/).
    """
    from bot.ops.rasa_commands import ensure_token
    from bot.ops.supervisor import Supervisor, commands
    from bot.ops.training import train

    content = base / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    env = {
        "AMO_RASA_PORT": str(free_port()), "AMO_ACTIONS_PORT": str(free_port()),
        "AMO_WEB_PORT": str(free_port()),
        "AMO_VAR_DIR": str(base / "var"), "AMO_CONTENT_DIR": str(content),
        "AMO_CONTENT_WATCH_SECONDS": "0.5", "AMO_TRACKER_STORE_URL": "memory",
        **(extra_env or {}),
    }
    settings = ensure_token(load_settings({**os.environ, **env}))
    model = train(PROJECT_ROOT, settings.models_dir)
    log = open(base / log_name, "w", encoding="utf-8")
    supervisor = Supervisor(commands(settings, model, python=sys.executable), cwd=PROJECT_ROOT,
                            out=log, env=env)
    supervisor.start()
    try:
        if not supervisor.wait_healthy(timeout=240):
            log.flush()
            raise RuntimeError("bot did not start:\n" + (base / log_name).read_text()[-4000:])
        yield RunningBot(settings, supervisor)
    finally:
        supervisor.stop()
        log.close()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(base / log_name, ARTIFACTS / log_name)


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningBot]:
    """The bot shared by the end-to-end tests of a run."""
    with start_bot(tmp_path_factory.mktemp("bot")) as running:
        yield running


E2E = Path(__file__).resolve().parent / "e2e"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The e2e tier: tests/e2e, and every test that needs the model or the running bot."""
    for item in items:
        if (E2E in item.path.parents or item.get_closest_marker("model")
                or "bot" in getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)
