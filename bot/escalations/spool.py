"""Durable spool for questions recorded while the database is down.

One JSON file per question, written atomically (temporary file, fsync, rename), so a
crash never leaves half a question; removed only after the database has it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any, Dict, Iterator, Tuple


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


def done(path: Path) -> None:
    path.unlink(missing_ok=True)


def forget(folder: Path, sender_id: str) -> int:
    """Removes the spooled questions of one participant ("delete my data"); how many."""
    removed = 0
    for path, row in pending(folder):
        if row.get("sender_id") == sender_id:
            done(path)
            removed += 1
    return removed
