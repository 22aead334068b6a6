"""A fresh database for the account tests, on SQLite and on the local PostgreSQL server."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Iterator

import pytest
import sqlalchemy as sa

from bot.db import Database
from bot.tables import load_tables

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def _postgres() -> Iterator[str]:
    name = f"amo_accounts_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable on 127.0.0.1:5432: {exc.orig}")
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'amo.db'}"
    else:
        yield from _postgres()


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    load_tables()
    database = Database(database_url)
    database.upgrade()
    yield database
    database.engine.dispose()
