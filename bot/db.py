"""The database: one engine per process, the tables' shared metadata, migrations, UTC times.

Every table (questions, accounts, dashboard sessions, failed logins, the audit log) is
defined on `metadata` in the module that owns it; `bot.tables.load_tables()` imports those
modules by name, so nothing registers a table as a side effect of some other import.
`Database.upgrade()`
brings any database to the newest schema with the Alembic migrations in `migrations/`;
every process calls it at start, so a second process finding the work done is normal.
New revision: `.venv/bin/alembic -c bot/migrations/alembic.ini revision -m "what changes"`.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path
from typing import Any, Optional

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

metadata = sa.MetaData()


class UTCDateTime(sa.types.TypeDecorator):
    """A timezone-aware datetime that always comes back in UTC.

    SQLite keeps no zone, so without this every reader had to patch naive values.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Optional[dt.datetime], dialect: Any) -> Optional[dt.datetime]:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.timezone.utc) if value is not None else None

    def process_result_value(self, value: Optional[dt.datetime], dialect: Any) -> Optional[dt.datetime]:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Database:
    """One SQLAlchemy engine (SQLite with WAL by default, PostgreSQL by URL)."""

    def __init__(self, url: str):
        self.url = url
        if url.startswith("sqlite:///"):
            Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = sa.create_engine(url, future=True, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)

    def upgrade(self, revision: str = "head") -> None:
        upgrade(self.engine, revision)

    def current(self) -> str:
        return current(self.engine)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    logging.getLogger("alembic").setLevel(logging.WARNING)  # one line per start is noise
    config = alembic_config()
    for attempt in range(3):
        try:
            with engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
            return
        except (sa.exc.OperationalError, sa.exc.IntegrityError, sa.exc.ProgrammingError):
            # Another process is migrating at the same moment: its work will be there.
            if attempt == 2:
                raise
            time.sleep(0.5 * (attempt + 1))


def current(engine: Engine) -> str:
    with engine.connect() as connection:
        row = connection.execute(sa.text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else ""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Deleted rows are overwritten, not left readable in free pages ("delete my data").
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()
