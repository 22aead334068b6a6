"""Review status of translations: which texts are machine drafts nobody has checked yet.

The compiled catalogs (.mo) lose the `unreviewed` flag, so the status is read from the
.po files, cached per file and reloaded when the file changes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, Tuple

from babel.messages.pofile import read_po

from bot.i18n.catalogs import SOURCE_LANGUAGE

UNREVIEWED = "unreviewed"


@dataclass(frozen=True)
class ReviewStatus:
    """The msgids of one catalog that are translated, and those still machine drafts."""

    translated: FrozenSet[str]
    unreviewed: FrozenSet[str]

    @property
    def unreviewed_share(self) -> float:
        return len(self.unreviewed) / len(self.translated) if self.translated else 0.0


_cache: Dict[Path, Tuple[int, ReviewStatus]] = {}
_lock = threading.Lock()


def review_status(directory: Path, language: str, domain: str) -> ReviewStatus:
    """The review status of `language`'s catalog of `domain`; empty for the source language."""
    path = directory / language / "LC_MESSAGES" / f"{domain}.po"
    if language == SOURCE_LANGUAGE.get(domain) or not path.is_file():
        return ReviewStatus(frozenset(), frozenset())
    mtime = path.stat().st_mtime_ns
    with _lock:
        cached = _cache.get(path)
        if cached and cached[0] == mtime:
            return cached[1]
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    translated = {str(m.id) for m in catalog if m.id and m.string and not m.fuzzy}
    unreviewed = {str(m.id) for m in catalog
                  if m.id and m.string and not m.fuzzy and UNREVIEWED in m.flags}
    status = ReviewStatus(frozenset(translated), frozenset(unreviewed))
    with _lock:
        _cache[path] = (mtime, status)
    return status


def is_unreviewed(directory: Path, language: str, domain: str, msgid: str) -> bool:
    """True when the text a participant would read in `language` is an unchecked machine draft."""
    return msgid in review_status(directory, language, domain).unreviewed
