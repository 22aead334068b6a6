"""Course and county matcher: finds catalogue entries named in free text, in any language."""

from __future__ import annotations

from typing import Dict, List, Optional

from bot.content.model import Catalogue
from bot.language.textmatch import COURSE_WORDS, NameIndex


class Matcher:
    """Built once per catalogue version; lookups are a scan over pre-folded aliases."""

    def __init__(self, catalogue: Catalogue):
        self.version = catalogue.version
        self._courses = NameIndex(
            ((alias, course.id)
             for course in catalogue.courses.values()
             for alias in (course.id, course.id.replace("-", " "), course.name, *course.synonyms)),
            beside=COURSE_WORDS)
        places = ((p.place, p.county) for c in catalogue.courses.values() for p in c.places)
        self._counties = NameIndex([*((name, cid) for cid, name in catalogue.counties.items()),
                                 *((cid, cid) for cid in catalogue.counties),
                                 *catalogue.places.items(), *places])

    def course(self, text: Optional[str]) -> Optional[str]:
        found = self._courses.find(text)
        return found.value if found else None

    def county(self, text: Optional[str]) -> Optional[str]:
        found = self._counties.find(text)
        return found.value if found else None

    def course_terms(self, text: str) -> List[str]:
        """Aliases of courses found in `text` (used to ignore course names in language ID)."""
        return self._courses.exact_aliases(text)

    def without_courses(self, text: str) -> str:
        """`text` with the course names in it blanked out: "is there a Norwegian course?"
        names the course, not a language to talk in."""
        for match in reversed(self._courses.find_all(text)):
            text = text[:match.start] + " " * (match.end - match.start) + text[match.end:]
        return text

    def name_terms(self, text: str) -> List[str]:
        """Course, county and city names found in `text`: names say nothing about the
        language a participant writes in ("які курси є у Vestland")."""
        return [*self._courses.exact_aliases(text), *self._counties.exact_aliases(text)]


_matchers: Dict[str, Matcher] = {}


def matcher_for(catalogue: Catalogue) -> Matcher:
    """The matcher of a catalogue version, cached so reloads rebuild it once."""
    matcher = _matchers.get(catalogue.version)
    if matcher is None:
        _matchers.clear()
        matcher = _matchers[catalogue.version] = Matcher(catalogue)
    return matcher
