"""A fresh database for the account tests, on SQLite and on the local PostgreSQL server."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from bot.db import Database
from bot.tables import load_tables
from tests.databases import migrated_sqlite, postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield migrated_sqlite(tmp_path / "amo.db")
    else:
        with postgres_database("accounts", migrated=True) as url:
            yield url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    load_tables()
    database = Database(database_url)
    database.upgrade()
    yield database
    database.engine.dispose()
