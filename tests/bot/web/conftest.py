"""Fixtures of the web tests: a fresh in-process web app per test, with a caseworker in Oslo and an admin."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterator, List

import pytest

from bot.accounts.users import hash_password, scrypt_params, users
from bot.config import load_settings
from bot.escalations.store import EscalationStore
from tests.bot.web.server import WebApp, web_app
from tests.conftest import CHEAP_PASSWORDS

PASSWORD = "correct horse battery"


@functools.lru_cache(maxsize=1)
def password_hash() -> str:
    """One scrypt hash of PASSWORD, at the web app's cost, for every test account."""
    return hash_password(PASSWORD, scrypt_params(load_settings(CHEAP_PASSWORDS)))


def add_account(store: EscalationStore, username: str, role: str, offices: List[str]) -> None:
    with store.engine.begin() as conn:
        conn.execute(users.insert().values(username=username, password_hash=password_hash(),
                                           role=role, offices=",".join(offices)))


@pytest.fixture
def web(tmp_path: Path) -> Iterator[WebApp]:
    """The web app in this process, Rasa unreachable; users anna (oslo), per (vestland), root (admin)."""
    with web_app(tmp_path / "var") as server:
        add_account(server.store, "anna", "caseworker", ["oslo"])
        add_account(server.store, "per", "caseworker", ["vestland"])
        add_account(server.store, "root", "admin", [])
        yield server
