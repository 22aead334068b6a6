"""Finding known names in free text in any script: whole words, inflected endings, Arabic clitics.

One implementation serves the course and county matcher, the language names of
`bot.language.supported` and the entity extractor of the NLU pipeline, so a name the bot
recognises in one place is recognised in all of them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, Generic, Iterable, List, Optional, Sequence, Tuple, TypeVar

V = TypeVar("V")
# Arabic writes the article and some prepositions onto the word: "بالإنجليزية" is
# "in the English", "والتنظيف" "and the cleaning". Matching names ignores them.
_ARABIC_PROCLITICS = re.compile(r"(?<![\w])(?:[وفبكل]?ال|لل)(?=[\u0621-\u064A]{3,})")
# Combining marks kept by folding: the diaeresis and ring of ä, ö, å, ë (letters, not accents).
_KEPT_MARKS = "\u0308\u030a"
# "Course" in the supported languages, folded, as word beginnings ("kurset", "курси",
# "koorsada"): a short name ("IT") names a course only right beside one of them.
COURSE_WORDS = ("course", "kurs", "курс", "دورة", "دورات", "دوره", "koors", "ኮርስ")


def without_clitics(text: str) -> str:
    """`text` with the Arabic article and its attached prepositions removed from each word."""
    return _ARABIC_PROCLITICS.sub("", text)


def fold_word(word: str) -> str:
    """Lower-cases, drops accents and Arabic vowel marks, removes an Arabic article or
    proclitic ("بالسياقة" -> "سياقة")."""
    word = unicodedata.normalize("NFKC", word).casefold()
    word = "".join(ch for ch in unicodedata.normalize("NFD", word)
                   if unicodedata.category(ch) != "Mn" or ch in _KEPT_MARKS)
    return without_clitics(unicodedata.normalize("NFC", word))


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch).startswith("M")


def words(text: str) -> List[Tuple[int, int, str]]:
    """(start, end, folded word) of every word of `text`, positions in the original text."""
    found: List[Tuple[int, int, str]] = []
    start: Optional[int] = None
    for index, ch in enumerate(f"{text} "):
        if index < len(text) and _is_word_char(ch):
            if start is None:
                start = index
        elif start is not None:
            folded = fold_word(text[start:index])
            if folded:
                found.append((start, index, folded))
            start = None
    return found


def fold(text: str) -> str:
    """The folded words of `text` joined by single spaces."""
    return " ".join(w for _, _, w in words(text))


@dataclass(frozen=True)
class Match(Generic[V]):
    start: int
    end: int
    value: V
    alias: str = ""  # the folded name that matched


class NameIndex(Generic[V]):
    """Names (aliases) mapped to values, matched longest first.

    A name matches whole words. A name of at least `inflected_from` characters also
    matches when its last word is the start of a longer word ("renholdskurs",
    "sveisekurset"), and a one-word name of at least `changed_ending_from` characters
    when only its last letter differs ("доглядальницю", "opiekunkę"). A name shorter
    than `min_length` (but of two letters at least) matches only right beside a word
    that begins with one of `beside`, joined by a space or a hyphen ("IT course",
    "IT-kurset", "курс IT"), so that the pronoun "it" stays a pronoun.
    """

    def __init__(self, pairs: Iterable[Tuple[str, V]], min_length: int = 3,
                 inflected_from: int = 5, changed_ending_from: Optional[int] = 7,
                 beside: Sequence[str] = ()):
        seen: Dict[str, V] = {}
        self.short: Dict[str, V] = {}
        self.beside = tuple(fold_word(w) for w in beside)
        for alias, value in pairs:
            key = fold(alias)
            if len(key) >= min_length:
                seen.setdefault(key, value)
            elif self.beside and len(key) >= 2 and " " not in key:
                self.short.setdefault(key, value)
        self.entries: List[Tuple[str, Tuple[str, ...], V]] = sorted(
            ((key, tuple(key.split(" ")), value) for key, value in seen.items()),
            key=lambda entry: -len(entry[0]))
        self.inflected_from = inflected_from
        self.changed_ending_from = changed_ending_from

    def find(self, text: Optional[str]) -> Optional[Match[V]]:
        """The longest name found in `text`, or None."""
        found = self._scan(text or "", first_only=True)
        return found[0] if found else None

    def find_all(self, text: Optional[str]) -> List[Match[V]]:
        """Every name found in `text` that does not overlap a longer one, in text order."""
        return sorted(self._scan(text or "", first_only=False), key=lambda m: m.start)

    def exact_aliases(self, text: str) -> List[str]:
        """Names that occur in `text` as whole words."""
        joined = f" {fold(text)} "
        return [key for key, _, _ in self.entries if f" {key} " in joined]

    def _scan(self, text: str, first_only: bool) -> List[Match[V]]:
        tokens = words(text)
        if not tokens:
            return []
        folded = [w for _, _, w in tokens]
        joined = f" {' '.join(folded)} "
        taken = [False] * len(tokens)
        found: List[Match[V]] = []
        passes = [(self._whole_or_inflected, lambda key: f" {key}" in joined)]
        ending = self.changed_ending_from
        if ending is not None:
            passes.append((self._changed_ending,
                           lambda key: len(key) >= ending and " " not in key
                           and f" {key[:-1]}" in joined))
        for rule, quick in passes:
            for key, parts, value in self.entries:
                if not quick(key):  # a substring test in C spares the word-by-word scan
                    continue
                for at in range(len(folded) - len(parts) + 1):
                    span = range(at, at + len(parts))
                    if any(taken[i] for i in span) or not rule(key, parts, folded[at:at + len(parts)]):
                        continue
                    found.append(Match(tokens[at][0], tokens[span[-1]][1], value, key))
                    if first_only:
                        return found
                    for i in span:
                        taken[i] = True
        for at, word in enumerate(folded):
            if word in self.short and not taken[at] and self._beside_a_keyword(text, tokens, at, at):
                found.append(Match(tokens[at][0], tokens[at][1], self.short[word], word))
                if first_only:
                    return found
                taken[at] = True
        return found

    def beside_a_keyword(self, text: str, match: Match[V]) -> bool:
        """Whether `match`, found in `text`, has a `beside` word in it ("renholdskurset",
        "butikkurset") or right before or after it ("the childcare course", "курс водителя")."""
        # The ending after the name: "butikk|urset" keeps one of three k's, "renhold|skurset"
        # has a joining s; "butikk|onkurs" (konkurs, bankruptcy) names no course.
        ending = fold(text[match.start:match.end])[len(match.alias) - 1:]
        if any(keyword in match.alias or ending[skip:].startswith(keyword)
               for keyword in self.beside for skip in range(3)):
            return True
        tokens = words(text)
        span = [at for at, (start, end, _) in enumerate(tokens) if match.start <= start and end <= match.end]
        return bool(span) and self._beside_a_keyword(text, tokens, span[0], span[-1])

    def _beside_a_keyword(self, text: str, tokens: Sequence[Tuple[int, int, str]], first: int,
                          last: int) -> bool:
        """Whether words `first` to `last` have a `beside` word right before or after them
        (space or hyphen between)."""
        for other, (left, right) in ((first - 1, (first - 1, first)), (last + 1, (last, last + 1))):
            if not 0 <= other < len(tokens) or not tokens[other][2].startswith(self.beside):
                continue
            if text[tokens[left][1]:tokens[right][0]].strip(" -\u2010\u2011") == "":
                return True
        return False

    def _whole_or_inflected(self, key: str, parts: Sequence[str], seen: Sequence[str]) -> bool:
        if list(parts[:-1]) != list(seen[:-1]):
            return False
        return seen[-1] == parts[-1] or (len(key) >= self.inflected_from
                                         and seen[-1].startswith(parts[-1]))

    @staticmethod
    def _changed_ending(key: str, parts: Sequence[str], seen: Sequence[str]) -> bool:
        return seen[0].startswith(key[:-1])
