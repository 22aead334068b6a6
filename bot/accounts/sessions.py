"""Server-side login sessions of the caseworker dashboard (table `web_sessions`).

The browser holds only a random session id; the table stores its SHA-256, so a
copy of the database does not let anyone log in. Sessions live in the database
(not in signed cookies) so that logging out, or a deleted account, ends them at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Optional, Tuple

import sqlalchemy as sa

from bot.db import Database, UTCDateTime, metadata, utcnow

web_sessions = sa.Table(
    "web_sessions", metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(64), nullable=False, index=True),
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("last_seen_at", UTCDateTime(), nullable=False),
)


@dataclass(frozen=True)
class Lifetime:
    """How long a session lasts: at most `absolute` after login, `idle` after the last request."""

    absolute: dt.timedelta = dt.timedelta(hours=8)
    idle: dt.timedelta = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class WebSession:
    username: str
    csrf_token: str
    created_at: dt.datetime
    last_seen_at: dt.datetime


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def start(store: Database, username: str) -> Tuple[str, WebSession]:
    """A new session for `username`: (the id for the cookie, the session)."""
    session_id = secrets.token_urlsafe(32)
    now = utcnow()
    session = WebSession(username, secrets.token_urlsafe(32), now, now)
    with store.engine.begin() as conn:
        conn.execute(web_sessions.insert().values(
            id_hash=_hash(session_id), username=username, csrf_token=session.csrf_token,
            created_at=now, last_seen_at=now))
    return session_id, session


def resume(store: Database, session_id: str,
           lifetime: Lifetime = Lifetime()) -> Optional[WebSession]:
    """The live session for a cookie value, its idle clock reset; None if unknown or expired."""
    if not session_id:
        return None
    key = _hash(session_id)
    now = utcnow()
    with store.engine.begin() as conn:
        row = conn.execute(sa.select(web_sessions).where(web_sessions.c.id_hash == key)).mappings().first()
        if row is None:
            return None
        created, seen = row["created_at"], row["last_seen_at"]
        if now - created > lifetime.absolute or now - seen > lifetime.idle:
            conn.execute(web_sessions.delete().where(web_sessions.c.id_hash == key))
            return None
        conn.execute(web_sessions.update().where(web_sessions.c.id_hash == key)
                     .values(last_seen_at=now))
    return WebSession(row["username"], row["csrf_token"], created, now)


def end(store: Database, session_id: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(web_sessions.delete().where(web_sessions.c.id_hash == _hash(session_id)))


def purge_expired(store: Database, lifetime: Lifetime = Lifetime()) -> int:
    """Deletes sessions past either limit; called at each login so the table stays small."""
    now = utcnow()
    with store.engine.begin() as conn:
        return conn.execute(web_sessions.delete().where(sa.or_(
            web_sessions.c.created_at < now - lifetime.absolute,
            web_sessions.c.last_seen_at < now - lifetime.idle))).rowcount
