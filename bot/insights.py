"""Insights for course admins: what participants ask and where the bot fails.

Counted from what is stored anyway, the tracker store's events and the escalation
store, without logging any new text: intents, slots, action names and times only.
Nothing here reads a message's text.

Definitions (also in the README):
- a conversation is one participant (sender) with at least one message in the period;
- a message is one participant message; its language is the conversation's language
  right after it (the bot decides it per message), its channel the one it came through;
  a message Rasa takes back and puts in again (the two-stage fallback and a typed yes to
  "did you mean ...?" do) counts once;
- fallback rate: the share of messages the model did not understand (`nlu_fallback`);
- refused-guess rate: of the bot's "did you mean ...?" questions (a bot message with an
  offer, actions/fallback.py), the share answered no (the No button or a typed no);
- language switches: changes of the conversation's language from one to another;
- questions: questions recorded for caseworkers; time to answer is from recording to
  the first answer, as a median in hours.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, TextIO, Tuple

import sqlalchemy as sa

from bot.config import Settings
from bot.escalations.store import escalations

FALLBACK_INTENT = "nlu_fallback"
# The answers to "did you mean ...?" that say no: a typed no, and the No button's payload.
REFUSALS = ("deny", "out_of_scope")
DIMENSIONS = ("language", "channel", "course", "week")


def tracker_store_url(settings: Settings) -> Optional[str]:
    """The SQL URL of the Rasa tracker store; None when conversations are kept in memory."""
    url = settings.tracker_store_url
    if url == "memory":
        return None
    return url or f"sqlite:///{settings.var_dir / 'trackers.db'}"


@dataclass
class Tally:
    """The counts of one group (one language, one channel, one course or one week)."""

    conversations: set = field(default_factory=set)
    messages: int = 0
    fallbacks: int = 0
    guesses: int = 0
    refused: int = 0
    switches: int = 0
    questions: int = 0
    intents: Counter = field(default_factory=Counter)
    answer_hours: List[float] = field(default_factory=list)

    def as_dict(self) -> Dict[str, Any]:
        return {
            "conversations": len(self.conversations),
            "messages": self.messages,
            "fallback_rate": round(self.fallbacks / self.messages, 4) if self.messages else 0.0,
            "refused_guess_rate": round(self.refused / self.guesses, 4) if self.guesses else 0.0,
            "language_switches": self.switches,
            "questions": self.questions,
            "median_hours_to_answer": (round(statistics.median(self.answer_hours), 1)
                                       if self.answer_hours else None),
            "top_intents": [[name, count] for name, count in self.intents.most_common(5)],
        }


@dataclass
class Insights:
    since: dt.datetime
    until: dt.datetime
    total: Tally = field(default_factory=Tally)
    groups: Dict[str, Dict[str, Tally]] = field(
        default_factory=lambda: {d: defaultdict(Tally) for d in DIMENSIONS})
    conversations_available: bool = True

    def tallies(self, keys: Dict[str, Optional[str]]) -> Iterable[Tally]:
        yield self.total
        for dimension, key in keys.items():
            if key:
                yield self.groups[dimension][key]

    def as_dict(self) -> Dict[str, Any]:
        data: Dict[str, Any] = {
            "since": self.since.isoformat(), "until": self.until.isoformat(),
            "conversations_available": self.conversations_available,
            "total": self.total.as_dict()}
        for dimension in DIMENSIONS:
            data[f"by_{dimension}"] = {key: tally.as_dict()
                                       for key, tally in sorted(self.groups[dimension].items())}
        return data

    def rows(self) -> List[Tuple[str, str, Dict[str, Any]]]:
        """(dimension, key, figures) for a CSV export, the total first."""
        found = [("total", "", self.total.as_dict())]
        for dimension in DIMENSIONS:
            found += [(dimension, key, tally.as_dict())
                      for key, tally in sorted(self.groups[dimension].items())]
        return found


def week_of(moment: dt.datetime) -> str:
    year, week, _day = moment.isocalendar()
    return f"{year}-W{week:02d}"


def compute(settings: Settings, escalation_engine: sa.engine.Engine, since_days: int = 30,
            now: Optional[dt.datetime] = None,
            tracker_engine: Optional[sa.engine.Engine] = None) -> Insights:
    """The insights of the last `since_days` days."""
    until = now or dt.datetime.now(dt.timezone.utc)
    insights = Insights(since=until - dt.timedelta(days=since_days), until=until)
    if tracker_engine is None:
        url = tracker_store_url(settings)
        tracker_engine = sa.create_engine(url, future=True) if url else None
    if tracker_engine is None:
        insights.conversations_available = False
    else:
        _count_conversations(insights, tracker_engine)
    _count_questions(insights, escalation_engine)
    return insights


def _events(engine: sa.engine.Engine, since: dt.datetime) -> Iterable[Any]:
    inspector = sa.inspect(engine)
    if not inspector.has_table("events"):
        return []
    table = sa.Table("events", sa.MetaData(), autoload_with=engine)
    query = (sa.select(table.c.sender_id, table.c.type_name, table.c.timestamp, table.c.intent_name,
                       table.c.data)
             .where(table.c.timestamp >= since.timestamp())
             .where(table.c.type_name.in_(("user", "slot", "bot", "rewind")))
             .order_by(table.c.sender_id, table.c.id))
    with engine.connect() as connection:
        return connection.execute(query).all()


def _count_conversations(insights: Insights, engine: sa.engine.Engine) -> None:
    language: Optional[str] = None
    course: Optional[str] = None
    sender: Optional[str] = None
    pending: Optional[Dict[str, Any]] = None  # the last message, until its language is known
    asked_guess = False  # the bot's last message was "did you mean ...?"

    def settle() -> None:
        nonlocal pending
        if pending is not None:
            keys = {"language": language, "channel": pending["channel"], "course": course,
                    "week": pending["week"]}
            for tally in insights.tallies(keys):
                tally.conversations.add(pending["sender"])
                tally.messages += 1
                tally.fallbacks += pending["intent"] == FALLBACK_INTENT
                tally.guesses += pending["answers_guess"]
                tally.refused += pending["answers_guess"] and pending["intent"] in REFUSALS
                if pending["intent"]:
                    tally.intents[pending["intent"]] += 1
        pending = None

    for row in _events(engine, insights.since):
        if row.sender_id != sender:
            settle()
            sender, language, course, asked_guess = row.sender_id, None, None, False
        data = _json(row.data)
        if row.type_name == "user":
            settle()
            metadata = data.get("metadata") or {}
            pending = {"sender": row.sender_id, "intent": row.intent_name,
                       "channel": str(metadata.get("channel") or data.get("input_channel") or "rest"),
                       "week": week_of(dt.datetime.fromtimestamp(row.timestamp, dt.timezone.utc)),
                       "answers_guess": asked_guess}
            asked_guess = False
        elif row.type_name == "rewind":
            # The message is taken back and put in again: the one put in counts, and it
            # answers what the one taken back answered.
            if pending is not None:
                asked_guess = pending["answers_guess"]
            pending = None
        elif row.type_name == "bot":
            asked_guess = bool((data.get("metadata") or {}).get("offer"))
        elif row.type_name == "slot" and data.get("name") == "language" and data.get("value"):
            new = str(data["value"])
            if language and new != language:
                for tally in insights.tallies({"language": new, "course": course}):
                    tally.switches += 1
            language = new
        elif row.type_name == "slot" and data.get("name") == "course" and data.get("value"):
            course = str(data["value"])
    settle()


def _count_questions(insights: Insights, engine: sa.engine.Engine) -> None:
    query = (sa.select(escalations.c.language, escalations.c.channel, escalations.c.course,
                       escalations.c.created_at, escalations.c.answered_at)
             .where(escalations.c.created_at >= insights.since))
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    for row in rows:
        keys = {"language": row.language, "channel": row.channel, "course": row.course,
                "week": week_of(row.created_at)}
        for tally in insights.tallies(keys):
            tally.questions += 1
            if row.answered_at is not None:
                tally.answer_hours.append((row.answered_at - row.created_at).total_seconds() / 3600)


def _json(text: Any) -> Dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


FIELDS = ("dimension", "key", "conversations", "messages", "fallback_rate", "refused_guess_rate",
          "language_switches", "questions", "median_hours_to_answer", "top_intents")


def write_csv(rows: Iterable[Tuple[str, str, Dict[str, Any]]], out: TextIO) -> None:
    """The rows of `Insights.rows()` as CSV (top intents as "intent:count" separated by spaces)."""
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    for dimension, key, figures in rows:
        intents = " ".join(f"{name}:{count}" for name, count in figures["top_intents"])
        writer.writerow([dimension, key, *(figures[f] for f in FIELDS[2:-1]), intents])
