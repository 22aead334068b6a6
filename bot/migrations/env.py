"""Alembic environment of the escalation store (run through bot.db)."""

from __future__ import annotations

from alembic import context

from bot.tables import load_tables

connection = context.config.attributes.get("connection")
if connection is None:
    from sqlalchemy import create_engine

    from bot.config import get_settings

    engine = create_engine(get_settings().effective_database_url, future=True)
    connection = engine.connect()

context.configure(connection=connection, target_metadata=load_tables(),
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
