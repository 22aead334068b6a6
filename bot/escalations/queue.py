"""Read models over the escalation store: a caseworker's queue, and answers for the web chat.

Who may see what is decided here, once, for every caller: a caseworker sees the
questions of their own offices; an admin sees all. A question without an office
(the participant never named a county) is routed by admins, so only they see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

import sqlalchemy as sa

from bot.accounts.users import User
from bot.escalations.store import Escalation, EscalationStore, escalations, from_row

STATUSES = ("open", "answered", "closed")


@dataclass(frozen=True)
class Filters:
    """Queue filters from the dashboard; None or "" means "any"."""

    status: Optional[str] = "open"
    language: Optional[str] = None
    course: Optional[str] = None
    office: Optional[str] = None
    urgent: Optional[bool] = None


def _scope(user: User) -> Any:
    """The SQL condition limiting rows to what `user` may see (None: everything)."""
    if user.role == "admin":
        return None
    return escalations.c.office.in_(user.offices or ["\x00none"])


def can_see(user: User, record: Escalation) -> bool:
    return user.role == "admin" or (record.office is not None and record.office in user.offices)


def visible(store: EscalationStore, user: User, reference: str) -> Optional[Escalation]:
    """The question if it exists and `user` may see it; None otherwise, so both look alike (404)."""
    record = store.get(reference)
    return record if record is not None and can_see(user, record) else None


def queue(store: EscalationStore, user: User, filters: Filters = Filters(),
          limit: int = 500) -> List[Escalation]:
    """The questions `user` may see that match `filters`: urgent ones first, then oldest first."""
    query = (sa.select(escalations)
             .order_by(escalations.c.urgent.desc(), escalations.c.created_at, escalations.c.id)
             .limit(limit))
    scope = _scope(user)
    if scope is not None:
        query = query.where(scope)
    for column, value in ((escalations.c.status, filters.status),
                          (escalations.c.language, filters.language),
                          (escalations.c.course, filters.course),
                          (escalations.c.office, filters.office)):
        if value:
            query = query.where(column == value)
    if filters.urgent is not None:
        query = query.where(escalations.c.urgent == filters.urgent)
    with store.engine.connect() as conn:
        return [from_row(row) for row in conn.execute(query).mappings()]


def facets(store: EscalationStore, user: User) -> Dict[str, List[str]]:
    """The languages, courses and offices present in what `user` may see (filter choices)."""
    found: Dict[str, List[str]] = {}
    scope = _scope(user)
    with store.engine.connect() as conn:
        for name in ("language", "course", "office"):
            column = escalations.c[name]
            query = sa.select(column).where(column.is_not(None)).distinct().order_by(column)
            if scope is not None:
                query = query.where(scope)
            found[name] = [value for (value,) in conn.execute(query)]
    if user.role != "admin":
        found["office"] = sorted(set(found["office"]) | set(user.offices))
    return found


def answered_for_sender(store: EscalationStore, sender_id: str,
                        channels: Sequence[str] = ("web",)) -> List[Escalation]:
    """Answered questions of one participant on the given channels, in the order answered."""
    query = (sa.select(escalations)
             .where(escalations.c.sender_id == sender_id, escalations.c.channel.in_(channels),
                    escalations.c.answer.is_not(None))
             .order_by(escalations.c.answered_at, escalations.c.id))
    with store.engine.connect() as conn:
        return [from_row(row) for row in conn.execute(query).mappings()]
