"""Schema migrations of the escalation store, with Alembic (migrations/ beside this module).

`upgrade(engine)` brings any database to the newest schema; every process calls it at
start, so a second process finding the work done is normal. New revision:
`.venv/bin/alembic -c bot/escalations/alembic.ini revision -m "what changes"`.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


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
