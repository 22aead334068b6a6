"""Fresh PostgreSQL databases for tests: a unique name per use, dropped afterwards.

The local server (127.0.0.1:5432, user postgres) is shared by parallel test runs, so no
test uses a fixed database name; one that cannot reach the server is skipped.
"""

from __future__ import annotations

import contextlib
import uuid
from typing import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

SERVER = "postgresql://postgres@127.0.0.1:5432"


def _admin() -> sa.engine.Engine:
    return sa.create_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT", future=True)


def create_database(purpose: str) -> str:
    """A new, empty database named after `purpose` and a random suffix; skips without a server."""
    name = f"amo_{purpose}_{uuid.uuid4().hex[:10]}"
    admin = _admin()
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable on 127.0.0.1:5432: {exc.orig}")
    finally:
        admin.dispose()
    return f"{SERVER}/{name}"


def drop_database(url: str) -> None:
    """Drops the database of `url`, ending whatever connections are left to it."""
    name = make_url(url).database
    admin = _admin()
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
    finally:
        admin.dispose()


@contextlib.contextmanager
def postgres_database(purpose: str) -> Iterator[str]:
    """The URL of a fresh database that exists for the `with` block only."""
    url = create_database(purpose)
    try:
        yield url
    finally:
        drop_database(url)
