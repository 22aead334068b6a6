"""Latin-letter forms of a message, for matching what participants write in other scripts.

Participants write Russian and Ukrainian in Latin letters ("skolko platyat"), Arabic as
Arabizi with digits for the letters Latin lacks ("3ayez a3raf", "7ad"), Persian as
Finglish ("mikham sabt nam konam"), Tigrinya now and then in Latin letters too, and
every Latin-script language without its diacritics ("ile dostane pieniedzy").
`romanised` writes any of these scripts in plain Latin letters; `skeleton` keeps only the consonants, because Arabic script writes no
short vowels and transliterations spell vowels every which way: "كورسات" and "kursat"
both become "krst", "сколько" and "skolko" both "sklk".

These are rough, one-way forms for comparing texts, not transliterations to show anyone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Dict

CYRILLIC: Dict[str, str] = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
    ("a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
     "i", "yi", "ye", "g", "u"), strict=True))
# Arabic and Persian letters; ع and ء have no Latin letter (Arabizi writes 3 and 2, which
# `_ARABIZI_DIGITS` drops in the same way).
_ARABIC: Dict[str, str] = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ب": "b", "پ": "p",
    "ت": "t", "ث": "s", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh", "د": "d", "ذ": "z", "ر": "r",
    "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s", "ض": "z", "ط": "t", "ظ": "z", "ع": "",
    "غ": "gh", "ف": "f", "ق": "q", "ک": "k", "ك": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n",
    "و": "w", "ه": "h", "ة": "a", "ی": "y", "ي": "y", "ى": "a", "ـ": "",
}
_LETTERS = {**CYRILLIC, **_ARABIC, "ø": "o", "æ": "ae", "ł": "l", "ß": "ss"}
# Digits inside an Arabizi word stand for letters: 3 ع, 7 ح, 2 ء, 5 خ, 8 غ, 9 ق, 6 ط.
_ARABIZI_DIGITS = {"3": "", "7": "h", "2": "", "5": "kh", "8": "gh", "9": "q", "6": "t"}
# Spellings that differ between transliteration habits: kh/h (хочу: khochu, hochu),
# q/k, c/k.
_SPELLINGS = (("kh", "h"), ("q", "k"), ("c", "k"))
_VOWELS = re.compile(r"[aeiouyw]")
# Consonants that Ge'ez script tells apart and Latin spelling of Tigrinya mostly does not.
_ETHIOPIC_CONSONANTS = (("glottal ", ""), ("pharyngeal ", ""), ("kx", "kh"), ("qh", "q"), ("hh", "h"),
                        ("sz", "s"), ("tz", "ts"), ("x", "h"))


@functools.lru_cache(maxsize=512)
def _ethiopic(ch: str) -> str:
    """A Ge'ez syllable in Latin letters from its Unicode name ("ETHIOPIC SYLLABLE BAA": "baa");
    the sixth order, a consonant alone or with a short e ("BE"), as the consonant."""
    name = unicodedata.name(ch, "")
    if not name.startswith("ETHIOPIC SYLLABLE "):
        return ch
    syllable = name[len("ETHIOPIC SYLLABLE "):].casefold()
    for spelled, plain in _ETHIOPIC_CONSONANTS:
        syllable = syllable.replace(spelled, plain)
    if syllable.endswith("e") and not syllable.endswith("ee") and len(syllable) > 1:
        syllable = syllable[:-1]
    return syllable


def _letter(ch: str) -> str:
    if "\u1200" <= ch <= "\u137f":
        return _ethiopic(ch)
    return _LETTERS.get(ch, ch)
_WORD = re.compile(r"\w+")


def _word(word: str) -> str:
    if any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word):
        word = "".join(_ARABIZI_DIGITS.get(ch, ch) for ch in word)
    word = "".join(_letter(ch) for ch in word)
    for spelled, plain in _SPELLINGS:
        word = word.replace(spelled, plain)
    return word


def romanised(text: str) -> str:
    """`text` lower-cased, without diacritics or vowel marks, Cyrillic, Arabic and Ge'ez
    script in Latin letters, Arabizi digits read as letters."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    return " ".join(_word(w) for w in _WORD.findall(text))


def skeleton(text: str) -> str:
    """The consonants of each romanised word (a word of vowels only keeps its first letter)."""
    return " ".join(_VOWELS.sub("", w) or w[:1] for w in romanised(text).split())
