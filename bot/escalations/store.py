"""Escalation store: participants' questions for caseworkers, and their answers.

SQLAlchemy Core on SQLite (WAL) by default, PostgreSQL by URL. Texts are masked
before they reach this module's callers' storage; the store masks again as a last
line of defence, so an identity number can never be written by mistake.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Tuple, Union

import sqlalchemy as sa

from bot.db import Database, UTCDateTime, metadata, utcnow
from bot.escalations import spool
from bot.escalations.values import check_fits, has_unstorable, request_digest, storable
from bot.masking import mask, mask_answer

logger = logging.getLogger(__name__)

escalations = sa.Table(
    "escalations", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("reference", sa.String(16), nullable=False, unique=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("channel", sa.String(32), nullable=False, default="rest"),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("course", sa.String(64)),
    sa.Column("office", sa.String(64)),
    # The language the participant can read an answer in (theirs, nb or en).
    sa.Column("reply_language", sa.String(8)),
    sa.Column("interpreter", sa.Boolean, nullable=False, default=False),
    # JSON list of the conversation's last turns before the question, masked: [who, text]
    # or [who, text, lines], where lines name the catalog texts a bot turn was made of.
    sa.Column("context", sa.Text),
    # The intent the question is about (see bot/escalations/gist.py); NULL: none named.
    sa.Column("topic", sa.String(64)),
    sa.Column("urgent", sa.Boolean, nullable=False, default=False),
    sa.Column("status", sa.String(16), nullable=False, default="open", index=True),
    sa.Column("answer", sa.Text),
    sa.Column("answered_by", sa.String(64)),
    # The caseworker who took the question on the dashboard; NULL while nobody has.
    sa.Column("assigned_to", sa.String(64)),
    sa.Column("request_key", sa.String(64), unique=True),
    sa.Column("version", sa.Integer, nullable=False, default=1),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("answered_at", UTCDateTime()),
    sa.Column("closed_at", UTCDateTime()),
    # When the answer was pushed to the participant's chat (Telegram); NULL until then.
    sa.Column("notified_at", UTCDateTime()),
)

MAX_CONTEXT = 6  # turns shown to the caseworker

_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: easy to read aloud


# Columns filled from what a participant or a channel sends; checked before any write.
_IDENTIFIERS = ("sender_id", "channel", "language", "reply_language", "course", "office")


def new_reference() -> str:
    return "K-" + "".join(secrets.choice(_ALPHABET) for _ in range(4))


class Turn(NamedTuple):
    """One turn of the conversation before a question ("participant" or "bot")."""

    who: str
    text: str
    # For a bot turn: per line, the catalog text it came from ({"msgid", "params", ...}),
    # or None for a line that was not a catalog text. None: not known.
    lines: Optional[Tuple[Optional[Dict[str, Any]], ...]] = None


@dataclass(frozen=True)
class Escalation:
    id: int
    reference: str
    sender_id: str
    channel: str
    language: str
    question: str
    course: Optional[str]
    office: Optional[str]
    urgent: bool
    status: str
    answer: Optional[str]
    answered_by: Optional[str]
    version: int
    created_at: dt.datetime
    answered_at: Optional[dt.datetime]
    assigned_to: Optional[str] = None
    reply_language: Optional[str] = None
    interpreter: bool = False
    context: Tuple[Turn, ...] = ()
    topic: Optional[str] = None

    def as_dict(self) -> Dict[str, Any]:
        data = dict(self.__dict__)
        for key in ("created_at", "answered_at"):
            data[key] = data[key].isoformat() if data[key] else None
        data["context"] = [[turn.who, turn.text] for turn in self.context]
        return data


class ConflictError(Exception):
    """The escalation changed since it was read (another caseworker answered)."""


class ClosedError(Exception):
    """The escalation is closed: it takes no answer any more."""


class QuestionLimitReached(Exception):
    """The participant has left as many questions in the last 24 hours as one may."""

    def __init__(self, count: int):
        super().__init__(f"{count} questions in the last 24 hours")
        self.count = count


class EscalationStore:
    def __init__(self, database: Union[Database, str], spool_dir: Optional[Path] = None):
        self.database = Database(database) if isinstance(database, str) else database
        self.engine = self.database.engine
        self.spool_dir = spool_dir
        self._refused: set = set()  # spool files already reported as refused

    @property
    def url(self) -> str:
        return self.database.url

    def create_schema(self) -> None:
        """Creates or upgrades the tables with the Alembic migrations."""
        self.database.upgrade()

    def record(self, sender_id: str, language: str, question: str, *, channel: str = "rest",
               course: Optional[str] = None, office: Optional[str] = None, urgent: bool = False,
               reply_language: Optional[str] = None, interpreter: bool = False,
               context: Sequence[Union[Turn, Tuple[str, str]]] = (), topic: Optional[str] = None,
               request_key: Optional[str] = None, daily_limit: int = 0) -> Escalation:
        """Stores a question; the same `request_key` twice returns the first record.

        With `daily_limit`, raises QuestionLimitReached when the participant already
        left that many questions in the last 24 hours (a repeated request still returns
        its record). If the database does not take it for any reason, the question is
        spooled and returned with status "pending"; `flush_spool()` stores it (same
        reference) later. Identifiers no database could keep raise UnstorableError.
        """
        row = dict(sender_id=sender_id, channel=channel, language=language,
                   question=storable(mask(question).text), course=course, office=office, urgent=urgent,
                   reply_language=reply_language or language, interpreter=interpreter,
                   context=json.dumps([_turn_json(Turn(*turn)) for turn in context][-MAX_CONTEXT:],
                                      ensure_ascii=False),
                   topic=(topic or None) and topic[:64],
                   status="open", request_key=request_digest(request_key or f"auto:{uuid.uuid4().hex}"),
                   version=1, created_at=utcnow(), reference=new_reference())
        check_fits(escalations, row, _IDENTIFIERS)
        self._flush_quietly()
        try:
            if daily_limit > 0 and self._one(escalations.c.request_key == row["request_key"]) is None:
                count = self.questions_since(sender_id, utcnow() - dt.timedelta(days=1))
                if count >= daily_limit:
                    raise QuestionLimitReached(count)
            return self._insert(row)
        except (sa.exc.SQLAlchemyError, ValueError) as exc:
            # ValueError: the driver refused a value (psycopg2 raises it, unwrapped).
            if self.spool_dir is None:
                raise
            logger.warning("Escalation database did not take question %s (%s); spooled",
                           row["reference"], type(exc).__name__, exc_info=True)
            spool.write(self.spool_dir, row)
            return from_row({**row, "id": 0, "status": "pending", "answer": None, "answered_by": None,
                              "answered_at": None, "assigned_to": None})

    def _insert(self, row: Dict[str, Any]) -> Escalation:
        existing = self._one(escalations.c.request_key == row["request_key"])
        if existing:
            return existing
        for attempt in range(5):
            try:
                with self.engine.begin() as conn:
                    conn.execute(escalations.insert().values(**row))
                break
            except sa.exc.IntegrityError:
                if self._one(escalations.c.request_key == row["request_key"]):
                    break
                if attempt == 4:
                    raise  # not a reference collision: a value the table refuses
                row = {**row, "reference": new_reference()}  # the rare reference collision
        found = self._one(escalations.c.request_key == row["request_key"])
        assert found is not None
        return found

    def flush_spool(self) -> int:
        """Stores spooled questions (see spool.drain); safe to call often and from several processes."""
        if self.spool_dir is None:
            return 0
        return spool.drain(self.spool_dir, lambda row: self._insert(
            {**row, "request_key": request_digest(row["request_key"])}), self._refused)

    def questions_since(self, sender_id: str, since: dt.datetime) -> int:
        """How many questions (of any status) the participant left since `since`."""
        query = sa.select(sa.func.count()).select_from(escalations).where(
            escalations.c.sender_id == sender_id, escalations.c.created_at >= since)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)

    def _flush_quietly(self) -> None:
        try:
            self.flush_spool()
        except Exception:
            logger.warning("Spooled questions not stored yet", exc_info=True)

    def answer(self, reference: str, text: str, caseworker: str,
               expected_version: Optional[int] = None) -> Escalation:
        """Stores an answer; with `expected_version`, refuses to overwrite a newer change.

        A closed question is never answered (ClosedError), also when it was closed
        between reading it and writing: the status is part of the update's condition.
        """
        check_fits(escalations, {"answered_by": caseworker}, ["answered_by"])
        current = self.get(reference)
        if current is None:
            raise KeyError(reference)
        if current.status == "closed":
            raise ClosedError(reference)
        version = expected_version if expected_version is not None else current.version
        with self.engine.begin() as conn:
            result = conn.execute(
                escalations.update()
                .where(escalations.c.reference == reference, escalations.c.version == version,
                       escalations.c.status != "closed")
                .values(answer=storable(mask_answer(text).text), answered_by=caseworker, status="answered",
                        answered_at=utcnow(), version=version + 1))
        if result.rowcount != 1:
            latest = self.get(reference)
            if latest is not None and latest.status == "closed":
                raise ClosedError(reference)
            raise ConflictError(reference)
        updated = self.get(reference)
        assert updated is not None
        return updated

    def assign(self, reference: str, caseworker: Optional[str]) -> Escalation:
        """Marks who works on a question. The version stays: taking a question changes no
        content, so a colleague's open answer form must not turn into a conflict."""
        check_fits(escalations, {"assigned_to": caseworker}, ["assigned_to"])
        with self.engine.begin() as conn:
            result = conn.execute(escalations.update().where(escalations.c.reference == reference)
                                  .values(assigned_to=caseworker))
        updated = self.get(reference) if result.rowcount == 1 else None
        if updated is None:
            raise KeyError(reference)
        return updated

    def close(self, reference: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(escalations.update().where(escalations.c.reference == reference)
                         .values(status="closed", closed_at=utcnow(),
                                 version=escalations.c.version + 1))

    def get(self, reference: str) -> Optional[Escalation]:
        if has_unstorable(reference):
            return None  # from a URL: PostgreSQL would refuse the query itself
        return self._one(escalations.c.reference == reference)

    def list(self, status: Optional[str] = None, sender_id: Optional[str] = None,
             limit: int = 500) -> List[Escalation]:
        query = sa.select(escalations).order_by(escalations.c.created_at, escalations.c.id).limit(limit)
        if status:
            query = query.where(escalations.c.status == status)
        if sender_id:
            query = query.where(escalations.c.sender_id == sender_id)
        with self.engine.connect() as conn:
            return [from_row(r) for r in conn.execute(query).mappings()]

    def unnotified_answers(self, channel: str, limit: int = 100) -> List[Escalation]:
        """Answered questions from `channel` whose answer was not pushed to the chat yet."""
        query = (sa.select(escalations)
                 .where(escalations.c.channel == channel, escalations.c.status == "answered",
                        escalations.c.notified_at.is_(None))
                 .order_by(escalations.c.answered_at).limit(limit))
        with self.engine.connect() as conn:
            return [from_row(r) for r in conn.execute(query).mappings()]

    def mark_notified(self, reference: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(escalations.update().where(escalations.c.reference == reference)
                         .values(notified_at=utcnow()))

    def delete_for_sender(self, sender_id: str) -> int:
        """Deletes the participant's questions, those still spooled included."""
        spooled = spool.forget(self.spool_dir, sender_id) if self.spool_dir is not None else 0
        with self.engine.begin() as conn:
            return spooled + conn.execute(
                escalations.delete().where(escalations.c.sender_id == sender_id)).rowcount

    def purge_expired(self, older_than_days: int) -> int:
        """Deletes questions of any status whose last change (closed, answered or asked)
        is older than `older_than_days`: closed ones that long after closing, the others
        that long after the answer or, unanswered, after they were asked."""
        cutoff = utcnow() - dt.timedelta(days=older_than_days)
        last_change = sa.func.coalesce(escalations.c.closed_at, escalations.c.answered_at,
                                       escalations.c.created_at)
        with self.engine.begin() as conn:
            return conn.execute(escalations.delete().where(last_change < cutoff)).rowcount

    def _one(self, condition: Any) -> Optional[Escalation]:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(escalations).where(condition)).mappings().first()
        return from_row(row) if row else None


def from_row(row: Any) -> Escalation:
    return Escalation(
        id=row["id"], reference=row["reference"], sender_id=row["sender_id"], channel=row["channel"],
        language=row["language"], question=row["question"], course=row["course"],
        office=row["office"], urgent=bool(row["urgent"]), status=row["status"],
        answer=row["answer"], answered_by=row["answered_by"], version=row["version"],
        created_at=row["created_at"], answered_at=row["answered_at"], assigned_to=row["assigned_to"],
        reply_language=row["reply_language"], interpreter=bool(row["interpreter"]),
        context=tuple(_turn_from_json(item) for item in json.loads(row.get("context") or "[]")),
        topic=row.get("topic"))


def _turn_json(turn: Turn) -> List[Any]:
    # Participant text is masked here as the last line of defence; catalog params are
    # the bot's own words (course names, dates), never the participant's.
    # The bot's own turns hold dates and times that the phone rule would take for numbers.
    masked = mask(turn.text) if turn.who == "participant" else mask_answer(turn.text)
    item: List[Any] = [turn.who, storable(masked.text)]
    if turn.lines is not None:
        item.append(list(turn.lines))
    return item


def _turn_from_json(item: Sequence[Any]) -> Turn:
    lines = tuple(item[2]) if len(item) > 2 and item[2] is not None else None
    return Turn(str(item[0]), str(item[1]), lines)
