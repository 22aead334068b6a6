"""Fresh databases for tests: SQLite files at the newest schema, and PostgreSQL databases
with a unique name per use, dropped afterwards.

The local server (127.0.0.1:5432, user postgres) is shared by parallel test runs, so no
test uses a fixed database name; one that cannot reach the server is skipped.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from bot.db import Database
from bot.tables import load_tables

SERVER = "postgresql://postgres@127.0.0.1:5432"


@functools.cache
def _migrated_sqlite() -> Path:
    """A SQLite database brought to the newest schema by the migrations, once per run."""
    folder = Path(tempfile.mkdtemp(prefix="amo-schema-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    load_tables()
    database = Database(f"sqlite:///{folder / 'amo.db'}")
    database.upgrade()
    database.engine.dispose()  # the last connection folds the write-ahead log into the file
    return folder / "amo.db"


def migrated_sqlite(path: Path) -> str:
    """The URL of a SQLite database at `path` at the newest schema, copied from one migrated
    once per run: migrating takes a tenth of a second or more, mostly waiting for the disk,
    and a fresh web app or store in nearly every test would pay it. The code under test
    still runs its own upgrade, which finds nothing to do; tests/bot/test_tables.py and
    the PostgreSQL stores migrate from empty."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_migrated_sqlite(), path)
    return f"sqlite:///{path}"


def _admin() -> sa.engine.Engine:
    return sa.create_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT", future=True)


@functools.cache
def _migrated_postgres() -> str:
    """The name of a database brought to the newest schema by the migrations, once per run
    (dropped when the run ends)."""
    url = create_database("schema")
    atexit.register(drop_database, url)
    load_tables()
    database = Database(url)
    database.upgrade()
    database.engine.dispose()  # a template must have no connections
    return str(make_url(url).database)


def create_database(purpose: str, migrated: bool = False) -> str:
    """A new database named after `purpose` and a random suffix: empty, or `migrated` to the
    newest schema (a copy of one migrated once per run); skips without a server."""
    template = f' TEMPLATE "{_migrated_postgres()}"' if migrated else ""
    name = f"amo_{purpose}_{uuid.uuid4().hex[:10]}"
    admin = _admin()
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"{template}'))
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
def postgres_database(purpose: str, migrated: bool = False) -> Iterator[str]:
    """The URL of a fresh database that exists for the `with` block only."""
    url = create_database(purpose, migrated)
    try:
        yield url
    finally:
        drop_database(url)
