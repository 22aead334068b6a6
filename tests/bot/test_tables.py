"""The Alembic migrations and the table definitions describe the same schema."""

from __future__ import annotations

from typing import Any, List

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.db import Database
from bot.tables import load_tables
from tests.databases import postgres_database


def drift(url: str, metadata: sa.MetaData) -> List[Any]:
    """What autogenerate would write into a new revision after upgrading `url` to head."""
    database = Database(url)
    try:
        database.upgrade()
        with database.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return list(compare_metadata(context, metadata))
    finally:
        database.engine.dispose()


@pytest.fixture(params=["postgresql", "sqlite"])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Any) -> Any:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'amo.db'}"
        return
    with postgres_database("drift") as url:
        yield url


def test_the_migrations_build_exactly_the_tables_the_code_defines(fresh_url: str) -> None:
    assert drift(fresh_url, load_tables()) == []


def test_a_column_the_migrations_lack_is_reported(fresh_url: str) -> None:
    changed = sa.MetaData()
    for table in load_tables().sorted_tables:
        table.to_metadata(changed)
    changed.tables["escalations"].append_column(sa.Column("added_without_migration", sa.String(10)))
    found = drift(fresh_url, changed)
    assert [(d[0], d[3].name) for d in found] == [("add_column", "added_without_migration")]


def test_a_wider_column_without_a_migration_is_reported_on_postgresql() -> None:
    # SQLite keeps no lengths; PostgreSQL enforces them, so that is where it matters.
    changed = sa.MetaData()
    for table in load_tables().sorted_tables:
        table.to_metadata(changed)
    changed.tables["escalations"].c.request_key.type = sa.String(128)
    with postgres_database("drift") as url:
        found = drift(url, changed)
    assert len(found) == 1 and found[0][0][0] == "modify_type"
