"""Translation review: bilingual staff approve or correct machine-drafted entries.

An approved entry loses the `unreviewed` flag (and any `fuzzy` one) in its .po file, and
that catalog is compiled at once; every process reloads a recompiled catalog within
seconds (see `Translator.catalog`), so the bot serves the reviewed text without a restart.
Placeholders must stay as in the source, or the entry is refused.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bot.i18n.catalogs import CONTENT, MESSAGES, placeholders
from bot.i18n.glossary import load_glossary

UNREVIEWED = "unreviewed"
REVIEWED_DOMAINS = (MESSAGES, CONTENT)
_lock = threading.Lock()


class ReviewError(ValueError):
    """The change cannot be saved; the message says why."""


@dataclass(frozen=True)
class Entry:
    domain: str
    language: str
    msgid: str
    plural: Optional[str]
    text: str
    unreviewed: bool
    note: str  # where the text is used (the extraction comment), for context
    # Glossary terms in the source, with the word(s) this language uses for each.
    terms: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()


def _po(directory: Path, language: str, domain: str) -> Path:
    return directory / language / "LC_MESSAGES" / f"{domain}.po"


def _read(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def entries(directory: Path, language: str, only_unreviewed: bool = True) -> List[Entry]:
    """The translated entries of `language` in the participant-facing domains."""
    found = []
    glossary = load_glossary(directory.parent)
    for domain in REVIEWED_DOMAINS:
        path = _po(directory, language, domain)
        if not path.is_file():
            continue
        for message in _read(path, language):
            if not message.id or not message.string:
                continue
            unreviewed = UNREVIEWED in message.flags
            if only_unreviewed and not unreviewed:
                continue
            msgid = str(message.id[0] if isinstance(message.id, (tuple, list)) else message.id)
            plural = str(message.id[1]) if isinstance(message.id, (tuple, list)) else None
            text = str(message.string[0] if isinstance(message.string, (tuple, list)) else message.string)
            terms = tuple((term.concept, term.use.get(language, ())) for term in glossary
                          if term.in_source(domain, msgid) and term.use.get(language))
            found.append(Entry(domain, language, msgid, plural, text, unreviewed,
                               "; ".join(message.auto_comments), terms))
    return found


def approve(directory: Path, domain: str, language: str, msgid: str, text: str) -> None:
    """Saves `text` as the reviewed translation of `msgid` and recompiles the catalog."""
    if domain not in REVIEWED_DOMAINS:
        raise ReviewError(f"Unknown text domain {domain!r}.")
    path = _po(directory, language, domain)
    if not path.is_file():
        raise ReviewError(f"There is no {domain} catalog for {language}.")
    text = text.strip()
    if not text:
        raise ReviewError("The translation is empty.")
    if placeholders(text) != placeholders(msgid):
        raise ReviewError("Keep the placeholders of the source exactly: "
                          + ", ".join(sorted(f"%({p})s" for p in placeholders(msgid))) + ".")
    with _lock:
        catalog = _read(path, language)
        message = catalog.get(msgid)
        if message is None:
            raise ReviewError("This text is no longer in the catalog.")
        if isinstance(message.string, tuple):
            # A plural entry: the reviewed text replaces the form shown for one and for many.
            message.string = tuple(text for _ in message.string)
        else:
            message.string = text
        message.flags.discard(UNREVIEWED)
        message.flags.discard("fuzzy")
        _write_atomically(path, lambda handle: write_po(handle, catalog, width=100, sort_output=False,
                                                         include_previous=True))
        _write_atomically(path.with_suffix(".mo"), lambda handle: write_mo(handle, catalog, use_fuzzy=False))


def _write_atomically(path: Path, write) -> None:  # type: ignore[no-untyped-def]
    partial = path.with_name(path.name + ".tmp")
    with partial.open("wb") as handle:
        write(handle)
    os.replace(partial, path)
