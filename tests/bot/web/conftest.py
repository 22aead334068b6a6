"""Fixtures of the web tests: a fresh web app per test, with a caseworker in Oslo and an admin."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from bot.accounts.users import add_user
from tests.bot.web.server import WebServer, start_web

PASSWORD = "correct horse battery"


@pytest.fixture
def web(tmp_path: Path) -> Iterator[WebServer]:
    """The web app on a free port, Rasa unreachable; users anna (oslo), per (vestland), root (admin)."""
    with start_web(tmp_path / "var") as server:
        add_user(server.store, "anna", PASSWORD, "caseworker", ["oslo"])
        add_user(server.store, "per", PASSWORD, "caseworker", ["vestland"])
        add_user(server.store, "root", PASSWORD, "admin", [])
        yield server
