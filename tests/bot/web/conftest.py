"""Fixtures of the web tests: a fresh in-process web app per test, with a caseworker in Oslo and an admin."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterator, List

import pytest

from bot.accounts.users import hash_password, users
from bot.escalations.store import EscalationStore
from tests.bot.web.server import WebApp, web_app

PASSWORD = "correct horse battery"


@functools.lru_cache(maxsize=1)
def password_hash() -> str:
    """One real scrypt hash of PASSWORD for every test account (each costs a fraction of a second)."""
    return hash_password(PASSWORD)


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
