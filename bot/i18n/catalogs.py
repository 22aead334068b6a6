"""Translation catalogs: compiled gettext catalogs loaded and cached per locale.

Three domains: ``messages`` (the bot's own texts; msgids in English), ``content``
(course catalogue texts; msgids in Norwegian Bokmål, the language admins write in)
and ``dashboard`` (the caseworker dashboard's texts; English msgids, Norwegian only).
Nothing is installed process-wide: every call names its language, because one
process serves many languages at once.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Optional, Set, Tuple

from babel.support import NullTranslations, Translations

logger = logging.getLogger(__name__)

MESSAGES = "messages"
CONTENT = "content"
DASHBOARD = "dashboard"
SOURCE_LANGUAGE = {MESSAGES: "en", CONTENT: "nb", DASHBOARD: "en"}

# How often a cached catalog's file is checked for a newer compilation.
RECHECK_SECONDS = 2.0

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


def N_(msgid: str) -> str:
    """Marks a string for extraction; it is translated later, when the language is known."""
    return msgid


def placeholders(text: str) -> Set[str]:
    """The names of the `%(name)s` placeholders in a string."""
    return set(_PLACEHOLDER.findall(text))


@dataclass
class Lookup:
    """A translated text and where it came from."""

    text: str
    language: str
    missing: bool = False


@dataclass
class Translator:
    """Looks up texts in compiled catalogs under `directory`; thread-safe, cached per locale."""

    directory: Path
    _cache: Dict[Tuple[str, str], NullTranslations] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stamps: Dict[Tuple[str, str], Optional[int]] = field(default_factory=dict)
    _checked: Dict[Tuple[str, str], float] = field(default_factory=dict)
    missing: Counter = field(default_factory=Counter)

    def catalog(self, domain: str, language: str) -> NullTranslations:
        """The compiled catalog, reloaded within `RECHECK_SECONDS` of a new .mo file
        (a reviewer's approval), so no process needs a restart for a translation."""
        key = (domain, language)
        cached = self._cache.get(key)
        now = time.monotonic()
        if cached is not None and now - self._checked.get(key, 0.0) < RECHECK_SECONDS:
            return cached
        mo = self.directory / language / "LC_MESSAGES" / f"{domain}.mo"
        try:
            stamp = mo.stat().st_mtime_ns
        except OSError:
            stamp = None
        with self._lock:
            self._checked[key] = now
            cached = self._cache.get(key)
            if cached is None or self._stamps.get(key) != stamp:
                if stamp is not None:
                    with mo.open("rb") as handle:
                        cached = Translations(handle, domain=domain)
                else:
                    if language != SOURCE_LANGUAGE.get(domain):
                        logger.warning("No compiled catalog %s; run `make translations`", mo)
                    cached = NullTranslations()
                self._cache[key] = cached
                self._stamps[key] = stamp
        return cached

    def reload(self) -> None:
        """Forgets cached catalogs, e.g. after `amo-bot translations compile`."""
        with self._lock:
            self._cache.clear()
            self._stamps.clear()
            self._checked.clear()

    def has(self, domain: str, language: str, msgid: str) -> bool:
        entries = getattr(self.catalog(domain, language), "_catalog", {})
        # A plural entry is kept under (msgid, form) in a compiled catalog.
        return msgid in entries or (msgid, 0) in entries

    def lookup(self, domain: str, language: str, msgid: str, /, **params: Any) -> Lookup:
        """Translates and formats `msgid`; falls back to English, then the source text.

        A fallback is counted per (language, msgid) and flagged on the result, never
        shown as a key. A translation whose placeholders differ from the source is
        treated as missing, so a broken catalog cannot crash a reply.
        """
        source = SOURCE_LANGUAGE[domain]
        chain = [language] if language == source else [language, "en", source]
        for index, candidate in enumerate(dict.fromkeys(chain)):
            if candidate == source:
                text = msgid
            elif self.has(domain, candidate, msgid):
                text = self.catalog(domain, candidate).gettext(msgid)
                if placeholders(text) != placeholders(msgid):
                    logger.error("Placeholder mismatch in %s/%s for %r", candidate, domain, msgid)
                    continue
            else:
                continue
            missing = index > 0
            if missing:
                self.missing[(domain, language, msgid)] += 1
            return Lookup(_format(text, params, msgid), candidate, missing)
        self.missing[(domain, language, msgid)] += 1
        return Lookup(_format(msgid, params, msgid), source, True)

    def gettext(self, language: str, msgid: str, /, **params: Any) -> str:
        """The bot's own text `msgid` in `language`, formatted with `params`."""
        return self.lookup(MESSAGES, language, msgid, **params).text

    def ngettext(self, language: str, singular: str, plural: str, n: int, /, **params: Any) -> str:
        """Plural-aware variant of :meth:`gettext`; `n` is available as `%(n)s`."""
        params.setdefault("n", n)
        if language != "en" and self.has(MESSAGES, language, singular):
            text = self.catalog(MESSAGES, language).ngettext(singular, plural, n)
            if placeholders(text) <= set(params):
                return _format(text, params, singular)
        if language != "en":
            self.missing[(MESSAGES, language, singular)] += 1
        return _format(singular if n == 1 else plural, params, singular)

    def missing_report(self) -> Dict[str, int]:
        """Fallbacks counted so far, per language."""
        totals: Counter = Counter()
        for (_domain, language, _msgid), count in self.missing.items():
            totals[language] += count
        return dict(totals)


def _format(text: str, params: Dict[str, Any], msgid: str) -> str:
    if "%" not in text:
        return text
    try:
        return text % params
    except (KeyError, ValueError, TypeError):
        logger.error("Could not format %r with %s", msgid, sorted(params))
        return text


_translators: Dict[Path, Translator] = {}


def get_translator(directory: Optional[Path] = None) -> Translator:
    """The shared translator for a catalog directory (default: the configured one)."""
    if directory is None:
        from bot.config import get_settings

        directory = get_settings().translations_dir
    translator = _translators.get(directory)
    if translator is None:
        translator = _translators.setdefault(directory, Translator(directory))
    return translator
