"""Course and county matcher: finds catalogue entries named in free text, in any language."""

from __future__ import annotations

import re
import unicodedata
from typing import Dict, Iterable, List, Optional, Tuple

from bot.content.model import Catalogue
from bot.languages import without_clitics

# Cities people name instead of their county.
CITY_COUNTY = {
    "bergen": "vestland", "stavanger": "rogaland", "sandnes": "rogaland", "haugesund": "rogaland",
    "trondheim": "trondelag", "steinkjer": "trondelag", "levanger": "trondelag",
    "lillestrøm": "akershus", "bærum": "akershus", "asker": "akershus", "lørenskog": "akershus",
    "drammen": "buskerud", "kristiansand": "agder", "tromsø": "troms", "bodø": "nordland",
    "ålesund": "more-og-romsdal", "fredrikstad": "ostfold", "sarpsborg": "ostfold",
    "hamar": "innlandet", "lillehammer": "innlandet", "tønsberg": "vestfold", "skien": "telemark",
    "أوسلو": "oslo", "اوسلو": "oslo", "اسلو": "oslo", "осло": "oslo", "ኦስሎ": "oslo",
    "برگن": "vestland", "بيرغن": "vestland", "берген": "vestland", "ставангер": "rogaland",
    "тронхейм": "trondelag", "تروندهايم": "trondelag",
}


def fold(text: str) -> str:
    """Lower-cases, drops accents (not letters like ø), and collapses punctuation to spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch for ch in unicodedata.normalize("NFD", text)
                   if unicodedata.category(ch) != "Mn" or ch in "\u0308\u030a")
    text = unicodedata.normalize("NFC", text)
    return without_clitics(re.sub(r"[^\w]+", " ", text).strip())


def _index(pairs: Iterable[Tuple[str, str]]) -> List[Tuple[str, str]]:
    seen: Dict[str, str] = {}
    for alias, target in pairs:
        key = fold(alias)
        if len(key) >= 3:
            seen.setdefault(key, target)
    return sorted(seen.items(), key=lambda kv: -len(kv[0]))


def _find(index: List[Tuple[str, str]], text: str) -> Optional[str]:
    folded = f" {fold(text)} "
    for alias, target in index:
        # Whole words, or a prefix of an inflected word for longer aliases ("renholdskurs").
        if f" {alias} " in folded or (len(alias) >= 5 and f" {alias}" in folded):
            return target
    for alias, target in index:
        # A changed last letter of a long one-word name: "доглядальницю", "opiekunkę".
        if len(alias) >= 7 and " " not in alias and f" {alias[:-1]}" in folded:
            return target
    return None


class Matcher:
    """Built once per catalogue version; lookups are a scan over pre-folded aliases."""

    def __init__(self, catalogue: Catalogue):
        self.version = catalogue.version
        self._courses = _index(
            (alias, course.id)
            for course in catalogue.courses.values()
            for alias in (course.id, course.id.replace("-", " "), course.name, *course.synonyms))
        places = ((p.place, p.county) for c in catalogue.courses.values() for p in c.places)
        self._counties = _index([*((name, cid) for cid, name in catalogue.counties.items()),
                                 *((cid, cid) for cid in catalogue.counties),
                                 *CITY_COUNTY.items(), *places])

    def course(self, text: Optional[str]) -> Optional[str]:
        return _find(self._courses, text) if text else None

    def county(self, text: Optional[str]) -> Optional[str]:
        return _find(self._counties, text) if text else None

    def course_terms(self, text: str) -> List[str]:
        """Aliases of courses found in `text` (used to ignore course names in language ID)."""
        folded = f" {fold(text)} "
        return [alias for alias, _ in self._courses if f" {alias} " in folded]


_matchers: Dict[str, Matcher] = {}


def matcher_for(catalogue: Catalogue) -> Matcher:
    """The matcher of a catalogue version, cached so reloads rebuild it once."""
    matcher = _matchers.get(catalogue.version)
    if matcher is None:
        _matchers.clear()
        matcher = _matchers[catalogue.version] = Matcher(catalogue)
    return matcher
