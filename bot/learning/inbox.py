"""The NLU inbox: participant messages the bot was unsure about, for staff to label.

A message lands here when the model did not understand it (fallback), when the
participant said no to the bot's "did you mean ...?", when the model's confidence was
low, or when it was in a language the bot does not speak. The text is masked before it
is stored (it is masked at the door already; this is the last line of defence). A
labelled message becomes a reviewed training example (bot/learning/examples.py);
inbox rows are deleted after `AMO_INBOX_RETENTION_DAYS`, whatever their status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, List, Optional

import sqlalchemy as sa

from bot.db import Database, UTCDateTime, metadata, utcnow
from bot.masking import mask

REASONS = ("fallback", "refused_guess", "low_confidence", "unsupported_language")
STATUSES = ("open", "labelled", "dismissed")
PURGE_EVERY = 100
MAX_TEXT = 1000  # longer messages are cut: a training example is a sentence or two

nlu_inbox = sa.Table(
    "nlu_inbox", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("language", sa.String(8), nullable=False, index=True),
    sa.Column("channel", sa.String(32), nullable=False),
    sa.Column("reason", sa.String(32), nullable=False),
    sa.Column("guess", sa.String(64)),
    sa.Column("confidence", sa.Float),
    sa.Column("status", sa.String(16), nullable=False, default="open", index=True),
    sa.Column("label", sa.String(64)),
    sa.Column("labelled_by", sa.String(64)),
    sa.Column("created_at", UTCDateTime(), nullable=False, index=True),
    sa.Column("labelled_at", UTCDateTime()),
)


@dataclass(frozen=True)
class InboxItem:
    id: int
    text: str
    language: str
    channel: str
    reason: str
    guess: Optional[str]
    confidence: Optional[float]
    status: str
    label: Optional[str]
    labelled_by: Optional[str]
    created_at: dt.datetime

    def as_dict(self) -> dict:
        data = dict(self.__dict__)
        data["created_at"] = self.created_at.isoformat()
        return data


def _item(row: Any) -> InboxItem:
    return InboxItem(id=row["id"], text=row["text"], language=row["language"], channel=row["channel"],
                     reason=row["reason"], guess=row["guess"], confidence=row["confidence"],
                     status=row["status"], label=row["label"], labelled_by=row["labelled_by"],
                     created_at=row["created_at"])


def record(db: Database, text: str, language: str, channel: str, reason: str,
           guess: Optional[str] = None, confidence: Optional[float] = None,
           retention_days: int = 90) -> Optional[int]:
    """Stores one unsure message (masked); an empty or button text is not stored.

    Every hundredth message also deletes the rows past `retention_days`: the inbox grows
    only with new messages, so that keeps it within its retention without a timer.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    masked = mask(text.strip()[:MAX_TEXT]).text
    if not masked or masked.startswith("/"):
        return None
    with db.engine.begin() as conn:
        result = conn.execute(nlu_inbox.insert().values(
            text=masked, language=language[:8], channel=channel[:32], reason=reason,
            guess=(guess or None) and guess[:64], confidence=confidence, status="open",
            created_at=utcnow()))
    key = result.inserted_primary_key
    item_id = int(key[0]) if key else None
    if item_id is not None and item_id % PURGE_EVERY == 0:
        purge(db, retention_days)
    return item_id


def items(db: Database, status: Optional[str] = "open", language: Optional[str] = None,
          languages: Optional[List[str]] = None, limit: int = 500) -> List[InboxItem]:
    """Newest first; `languages` limits to those (a reviewer's or trainer's scope)."""
    query = sa.select(nlu_inbox).order_by(nlu_inbox.c.created_at.desc(), nlu_inbox.c.id.desc()).limit(limit)
    if status:
        query = query.where(nlu_inbox.c.status == status)
    if language:
        query = query.where(nlu_inbox.c.language == language)
    if languages is not None:
        query = query.where(nlu_inbox.c.language.in_(languages or ["\x00none"]))
    with db.engine.connect() as conn:
        return [_item(row) for row in conn.execute(query).mappings()]


def get(db: Database, item_id: int) -> Optional[InboxItem]:
    with db.engine.connect() as conn:
        row = conn.execute(sa.select(nlu_inbox).where(nlu_inbox.c.id == item_id)).mappings().first()
    return _item(row) if row else None


def decide(db: Database, item_id: int, status: str, username: str, label: Optional[str] = None) -> bool:
    """Labels or dismisses an open item; False when it is not open (any more)."""
    with db.engine.begin() as conn:
        result = conn.execute(nlu_inbox.update()
                              .where(nlu_inbox.c.id == item_id, nlu_inbox.c.status == "open")
                              .values(status=status, label=label, labelled_by=username,
                                      labelled_at=utcnow()))
    return result.rowcount == 1


def purge(db: Database, older_than_days: int, now: Optional[dt.datetime] = None) -> int:
    cutoff = (now or utcnow()) - dt.timedelta(days=older_than_days)
    with db.engine.begin() as conn:
        return conn.execute(nlu_inbox.delete().where(nlu_inbox.c.created_at < cutoff)).rowcount
