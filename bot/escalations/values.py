"""Values as every database can keep them: within the column's length, without NUL or
lone surrogates, and request keys of one fixed length.

SQLite stores a string of any length in a `varchar(64)`; PostgreSQL refuses it, and its
driver refuses NUL and cannot encode lone surrogates. Checking here, before any write,
makes both databases behave alike.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Dict, Sequence, cast

import sqlalchemy as sa

# Characters no PostgreSQL text can hold (NUL) or encode (lone surrogates).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


class UnstorableError(ValueError):
    """A value does not fit its column; the channel should have refused it."""


def storable(text: str) -> str:
    """`text` without the characters a database cannot store (NUL, lone surrogates)."""
    return _UNSTORABLE.sub("", text)


def has_unstorable(text: str) -> bool:
    return bool(_UNSTORABLE.search(text))


def request_digest(key: str) -> str:
    """The stored form of a request key: its SHA-256, 64 hex digits whatever the sender id.

    A key that is a digest already is kept, so spooled rows of any age store the same way.
    """
    if _DIGEST.match(key):
        return key
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def check_fits(table: sa.Table, row: Dict[str, Any], names: Sequence[str]) -> None:
    """Raises UnstorableError, naming the column, for a value of `row` no database could keep."""
    for name in names:
        value = row.get(name)
        if value is None:
            continue
        limit = cast(sa.String, table.c[name].type).length or 0
        if not isinstance(value, str) or len(value) > limit or has_unstorable(value):
            raise UnstorableError(f"{name} must be text of at most {limit} characters "
                                  f"without NUL or lone surrogates, got {str(value)[:80]!r}")
