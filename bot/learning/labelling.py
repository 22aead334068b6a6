"""Labelling an inbox message: it becomes a reviewed training example, and the audit log says who."""

from __future__ import annotations

from pathlib import Path
from typing import List

import yaml

from bot.accounts import audit
from bot.db import Database
from bot.learning import inbox
from bot.learning.examples import ExampleRejected, add_example


def intents(root: Path) -> List[str]:
    """The intents of the domain, which are the labels an inbox message can get."""
    domain = yaml.safe_load((root / "nlu_data" / "domain.yml").read_text(encoding="utf-8")) or {}
    return [str(i) if not isinstance(i, dict) else str(next(iter(i))) for i in domain.get("intents") or []]


def label(db: Database, root: Path, item_id: int, intent: str, username: str) -> inbox.InboxItem:
    """Labels an open item as `intent`; raises ExampleRejected with a reason a person can act on."""
    item = inbox.get(db, item_id)
    if item is None or item.status != "open":
        raise ExampleRejected(f"There is no open inbox message {item_id}.")
    if intent not in intents(root):
        raise ExampleRejected(f"{intent!r} is not an intent of the bot.")
    add_example(root / "nlu_data", item.language, intent, item.text)
    if not inbox.decide(db, item_id, "labelled", username, intent):
        raise ExampleRejected(f"Inbox message {item_id} was decided by someone else just now.")
    audit.record(db, username, "labelled", f"N-{item_id}", f"{item.language}: {intent}")
    return item


def dismiss(db: Database, item_id: int, username: str) -> None:
    if not inbox.decide(db, item_id, "dismissed", username):
        raise ExampleRejected(f"There is no open inbox message {item_id}.")
    audit.record(db, username, "dismissed", f"N-{item_id}", None)
