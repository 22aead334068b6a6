"""Retention of conversations: trackers idle longer than the retention time are deleted.

Rasa's SQL tracker store keeps every event of a conversation in its `events` table
(`sender_id`, `timestamp` in Unix seconds, ...), on SQLite or PostgreSQL. A
conversation whose newest event is older than `AMO_TRACKER_RETENTION_DAYS` is deleted
as a whole. Plain SQLAlchemy on Rasa's table, so the action server's housekeeping can
run it without loading Rasa.
"""

from __future__ import annotations

import time
from typing import Any, Optional

import sqlalchemy as sa

from bot.config import Settings

events = sa.table("events", sa.column("sender_id", sa.String), sa.column("timestamp", sa.Float))


def tracker_database_url(settings: Settings) -> Optional[str]:
    """The URL of the tracker store's database, or None when trackers are kept in memory."""
    url = settings.tracker_store_url
    if url == "memory":
        return None
    return url or f"sqlite:///{settings.var_dir / 'trackers.db'}"


def purge_idle_trackers(engine: sa.engine.Engine, older_than_days: float, now: Optional[float] = None) -> int:
    """Deletes every event of the conversations idle for longer than `older_than_days`."""
    if not sa.inspect(engine).has_table("events"):
        return 0  # the Rasa server has not created its table yet
    cutoff = (now if now is not None else time.time()) - older_than_days * 86400
    idle = (sa.select(events.c.sender_id).group_by(events.c.sender_id)
            .having(sa.func.max(events.c.timestamp) < cutoff))
    with engine.begin() as conn:
        result: Any = conn.execute(events.delete().where(events.c.sender_id.in_(idle.scalar_subquery())))
        return int(result.rowcount or 0)
