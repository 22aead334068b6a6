"""Course and county matcher: finds catalogue entries named in free text, in any language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from bot.content.model import Catalogue
from bot.i18n.catalogs import CONTENT, Translator, get_translator
from bot.language.supported import SUPPORTED
from bot.language.textmatch import COURSE_WORDS, Match, NameIndex, fold, words


def shown_names(catalogue: Catalogue, translator: Translator) -> Tuple[Tuple[str, str], ...]:
    """(name, course id) of every course's name as the bot shows it in each language that
    has it translated ("Shop and sales", "Магазин і продажі"): a participant types or copies
    the name from a list the bot sent."""
    return tuple((translator.catalog(CONTENT, language).gettext(course.name), course.id)
                 for course in catalogue.courses.values() for language in SUPPORTED
                 if translator.has(CONTENT, language, course.name))


@dataclass(frozen=True)
class Mention:
    """A course found in a message, and whether the message names it unmistakably."""

    course: str
    unmistakable: bool


class Matcher:
    """Built once per catalogue version and set of translated names; lookups are a scan
    over pre-folded aliases."""

    def __init__(self, catalogue: Catalogue, shown: Sequence[Tuple[str, str]] = ()):
        self.version = catalogue.version
        self.shown = tuple(shown)
        self._courses = NameIndex(
            [*((alias, course.id)
               for course in catalogue.courses.values()
               for alias in (course.id, course.id.replace("-", " "), course.name, *course.synonyms)),
             *self.shown],
            beside=COURSE_WORDS)
        self._names = frozenset(fold(name) for name in (
            *(course.name for course in catalogue.courses.values()), *(name for name, _ in self.shown)))
        places = ((p.place, p.county) for c in catalogue.courses.values() for p in c.places)
        self._counties = NameIndex([*((name, cid) for cid, name in catalogue.counties.items()),
                                 *((cid, cid) for cid in catalogue.counties),
                                 *catalogue.places.items(), *places])

    def course(self, text: Optional[str]) -> Optional[str]:
        found = self._courses.find(text)
        return found.value if found else None

    def mention(self, text: Optional[str]) -> Optional[Mention]:
        """The course `text` names: one named unmistakably if any, else the one `course`
        finds. Some synonyms are everyday words ("butikk", "childcare", "водитель"), so a
        synonym inside a sentence may be about something else: "jeg må på butikken først"."""
        found = self._courses.find_all(text)
        sure = next((m for m in found if self._unmistakable(text or "", m)), None)
        if sure:
            return Mention(sure.value, True)
        best = self.course(text)
        return Mention(best, False) if best else None

    def _unmistakable(self, text: str, match: Match[str]) -> bool:
        """The course's own name as written, of two words or more ("Butikk og salg", "Shop
        and sales"), a name beside a word for "course" ("the childcare course",
        "butikk-kurset", "курс водителя"), or a message that is little more than the name:
        one word besides it at most ("barnehage?", "водитель автобуса", "and retail?"). A
        name of one word is an everyday word too ("I need to do the cleaning at home")."""
        others = [word for start, end, word in words(text) if end <= match.start or start >= match.end]
        written = text[match.start:match.end]
        return ((match.alias in self._names and fold(written) == match.alias and len(words(written)) > 1)
                or self._courses.beside_a_keyword(text, match) or len(others) <= 1)

    def county(self, text: Optional[str]) -> Optional[str]:
        found = self._counties.find(text)
        return found.value if found else None

    def without_courses(self, text: str) -> str:
        """`text` with the course names in it blanked out: "is there a Norwegian course?"
        names the course, not a language to talk in."""
        for match in reversed(self._courses.find_all(text)):
            text = text[:match.start] + " " * (match.end - match.start) + text[match.end:]
        return text

    def name_terms(self, text: str) -> List[str]:
        """Course, county and city names found in `text`, as named and as written: names say
        nothing about the language a participant writes in ("які курси є у Vestland"), nor
        do Norwegian course words inflected or compounded inside another language ("kiedy
        startuje kurs helsefagarbeider", "ar norvegijoj truksta helsefagarbeider?")."""
        written = [fold(text[m.start:m.end]) for index in (self._courses, self._counties)
                   for m in index.find_all(text)]
        return list(dict.fromkeys([*self._courses.exact_aliases(text), *self._counties.exact_aliases(text),
                                   *written]))


_matchers: Dict[str, Matcher] = {}


def matcher_for(catalogue: Catalogue, translator: Optional[Translator] = None) -> Matcher:
    """The matcher of a catalogue version and its translated names (the configured
    translations by default), cached so a reload or a new translation rebuilds it once."""
    shown = shown_names(catalogue, translator or get_translator())
    matcher = _matchers.get(catalogue.version)
    if matcher is None or matcher.shown != shown:
        _matchers.clear()
        matcher = _matchers[catalogue.version] = Matcher(catalogue, shown)
    return matcher
