"""Durable spool for questions recorded while the database is down.

One JSON file per question, written atomically (temporary file, fsync, rename), so a
crash never leaves half a question; removed only after the database has it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, Optional, Set, Tuple

import sqlalchemy as sa

logger = logging.getLogger(__name__)


def write(folder: Path, row: Dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{row['created_at']:%Y%m%dT%H%M%S%f}-{row['reference']}.json"
    tmp = target.with_suffix(".tmp")
    data = {**row, "created_at": row["created_at"].isoformat()}
    with tmp.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(target)
    return target


def pending(folder: Path) -> Iterator[Tuple[Path, Dict[str, Any]]]:
    """Spooled rows, oldest first."""
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.json")):
        try:
            row = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:  # stored or deleted by another process meanwhile
            continue
        row["created_at"] = dt.datetime.fromisoformat(row["created_at"])
        yield path, row


def backlog(folder: Path) -> Tuple[int, Optional[dt.datetime]]:
    """How many questions wait in the spool, and when the oldest was asked (None: empty)."""
    if not folder.is_dir():
        return 0, None
    files = sorted(folder.glob("*.json"))
    if not files:
        return 0, None
    stamp = files[0].name.split("-", 1)[0]  # the file name starts with its created_at
    try:
        oldest = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%f").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        oldest = dt.datetime.fromtimestamp(files[0].stat().st_mtime, dt.timezone.utc)
    return len(files), oldest


def done(path: Path) -> None:
    path.unlink(missing_ok=True)


def drain(folder: Path, store: Callable[[Dict[str, Any]], Any], refused: Set[str]) -> int:
    """Stores the spooled rows with `store`, oldest first; how many were stored.

    A row the database refuses stays (logged once: its name goes into `refused`) while the
    others are stored; `amo-bot doctor` reports a spool whose oldest question does not
    leave. An unreachable database raises, leaving every row spooled.
    """
    stored = 0
    for path, row in pending(folder):
        try:
            store(row)
        except sa.exc.OperationalError:
            raise
        except (sa.exc.SQLAlchemyError, ValueError):  # psycopg2 refuses some values unwrapped
            if path.name not in refused:
                refused.add(path.name)
                logger.error("Spooled question %s is refused by the database; it stays in %s",
                             row.get("reference"), path, exc_info=True)
            continue
        done(path)
        stored += 1
    if stored:
        logger.info("Stored %d spooled questions", stored)
    return stored


def forget(folder: Path, sender_id: str) -> int:
    """Removes the spooled questions of one participant ("delete my data"); how many."""
    removed = 0
    for path, row in pending(folder):
        if row.get("sender_id") == sender_id:
            done(path)
            removed += 1
    return removed
