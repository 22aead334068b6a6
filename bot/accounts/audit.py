"""Audit log: who viewed, took, answered or resolved which question, and when; who
logged in or out of the dashboard or failed to, and who listed questions on the
command line.

Kept apart from the escalation rows on purpose: an entry outlives the question's
text (a participant may delete their data, the trail of who handled it stays) and
is only ever appended, never changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import List, Optional

import sqlalchemy as sa

from bot.db import Database, UTCDateTime, metadata, utcnow

ACTIONS = ("viewed", "assigned", "answered", "closed", "answer_conflict", "answer_refused",
           "listed", "login", "logout", "login_failed",
           "labelled", "dismissed", "published", "publish_refused", "translation_approved")

audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", UTCDateTime(), nullable=False, index=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("reference", sa.String(16), nullable=False, index=True),
    sa.Column("detail", sa.String(255)),
)


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    username: str
    action: str
    reference: str
    detail: Optional[str]


def record(store: Database, username: str, action: str, reference: str,
           detail: Optional[str] = None) -> None:
    """Appends one entry; `action` is one of ACTIONS, `reference` "" for account events."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    with store.engine.begin() as conn:
        conn.execute(audit_log.insert().values(
            at=utcnow(), username=username, action=action,
            reference=reference, detail=(detail or None) and detail[:255]))


def entries(store: Database, reference: Optional[str] = None,
            limit: int = 200) -> List[AuditEntry]:
    """The newest entries first, of one question or of all."""
    query = sa.select(audit_log).order_by(audit_log.c.at.desc(), audit_log.c.id.desc()).limit(limit)
    if reference:
        query = query.where(audit_log.c.reference == reference)
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [AuditEntry(at=r["at"], username=r["username"], action=r["action"],
                       reference=r["reference"], detail=r["detail"]) for r in rows]

