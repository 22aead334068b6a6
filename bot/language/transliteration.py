"""Whether a Latin-letter message is Arabic, Persian, Russian, Ukrainian or Tigrinya written
in Latin letters (Arabizi, Finglish, transliteration) rather than a Latin-script language.

The general detector knows these languages only in their own scripts, so a
transliteration reads to it as some Latin-script language. This model compares the
message with how each language looks in Latin letters in the training data: the
Latin-script languages as written (without diacritics, as they are often typed); the
transliterated lines of nlu_data/nlu/<ar|fa|ru|uk|ti>/; and the other examples of these
five spelled in Latin letters the way each is usually transliterated (with vowels, as
people write them: bot/language/romanise.py keeps none, for comparing). Arabizi writes
letters as digits ("3andi", "7ad", "so2al"), so words keep their digits here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Tuple

from bot.language.evidence import Evidence, ngrams, training_texts
from bot.language.romanise import CYRILLIC, romanised, skeleton

LATIN_LANGUAGES = ("nb", "en", "so", "pl", "lt")
TRANSLITERATED = ("ar", "fa", "ru", "uk", "ti")
LANGUAGES = (*LATIN_LANGUAGES, *TRANSLITERATED)
# Languages whose transliterations look alike: when neither is clearly ahead, ask.
CLOSE = {"ru": "uk", "uk": "ru", "ar": "fa", "fa": "ar"}

# How Ukrainian is usually written in Latin letters where it differs from Russian:
# и is y, г is h, і is i ("pryvit", "skilky", "hroshi").
_UKRAINIAN = {**CYRILLIC, "и": "y", "г": "h", "й": "i", "х": "kh", "ь": ""}
_RUSSIAN = {**CYRILLIC, "й": "j", "ы": "y", "ё": "yo", "щ": "sch"}
# Arabizi: digits for the letters Latin lacks (3 ع, 7 ح, 2 ء and the Levantine ق);
# long vowels as vowels ("كورسات" kursat).
_ARABIC = {
    "ا": "a", "أ": "2a", "إ": "2i", "آ": "2a", "ء": "2", "ؤ": "2", "ئ": "2", "ب": "b", "ت": "t",
    "ث": "th", "ج": "j", "ح": "7", "خ": "kh", "د": "d", "ذ": "th", "ر": "r", "ز": "z", "س": "s",
    "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "3", "غ": "gh", "ف": "f", "ق": "2",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "و": "u", "ي": "i", "ى": "a",
}
# Finglish: no digits; a final ه is the vowel e ("خونه" khune), ق and غ are gh.
_PERSIAN = {
    "ا": "a", "آ": "a", "أ": "a", "ء": "", "ئ": "i", "ب": "b", "پ": "p", "ت": "t", "ث": "s",
    "ج": "j", "چ": "ch", "ح": "h", "خ": "kh", "د": "d", "ذ": "z", "ر": "r", "ز": "z", "ژ": "zh",
    "س": "s", "ش": "sh", "ص": "s", "ض": "z", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f",
    "ق": "gh", "ک": "k", "ك": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "و": "u", "ه": "h",
    "ی": "i", "ي": "i",
}
_SPELLING = {"ru": _RUSSIAN, "uk": _UKRAINIAN, "ar": _ARABIC, "fa": _PERSIAN}
_WORD = re.compile(r"[^\W_]+")

# A transliteration must be this likely (against every Latin-script language) to be taken.
TRANSLITERATION_SHARE = 0.7
# Share of the message's letter triples the language must have shown in the training
# data (0.84-1.0 for real transliterations tried, 0.29-0.46 for keyboard mashing).
MIN_COVERAGE = 0.6
# Fewer letters than this say nothing by their letters: "hi", "na", "ne" are words in too
# many languages. A shorter word counts only when one transliterated language clearly owns
# it as a whole word ("poka", "ewe"), and never below SHORT_MIN_LETTERS.
MIN_LETTERS = 5
SHORT_MIN_LETTERS = 3
# Weight, in words, of all languages' word frequencies in the whole-word prior
# (`Evidence.lexicon`): the transliterated languages have a few hundred words in Latin
# letters each, so one "bye" in an Arabizi line must not outweigh thirty in English. And
# the floor that keeps a word's evidence from vetoing the letters' alone.
_PRIOR = 2000.0
_LEXICON_FLOOR = 0.02
_LEXICON_DECISIVE = 0.6
_OWNED_COUNT = 20
_OWNED_RATIO = 3
# How many times a transliterated language's own Latin-letter examples count against its
# examples spelled from its script.
_WRITTEN_WEIGHT = 3
# A word Norwegian or English examples write this often is theirs, also inside a
# transliterated line.
_BORROWED_COUNT = 3
# Between two look-alike languages, the second is offered as a choice unless the first
# leads by this much.
CLEAR_LEAD = 0.5
# Arabizi's digits for the letters Latin lacks, inside a word ("sa3b", "ba3do", "7abibi",
# "t9dr"). Of the words in the training data's Latin letters, the Arabic participants'
# have 776 such, all other languages' together 6 ("2nd", "fe3lan").
ARABIZI_DIGIT = re.compile(r"^[237][a-z]{2,}|[a-z][23579][a-z]|[a-z]{2,}[37]$")


def folded_words(text: str, keep: Callable[[str], bool] = lambda w: True) -> List[str]:
    """Lower-cased words without diacritics, digits kept inside words ("3andi"), numbers dropped."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return [w for w in _WORD.findall(text) if not w.isdigit() and len(w) > 1 and keep(w)]


def is_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum("LATIN" in unicodedata.name(ch, "") for ch in letters)
    return bool(letters) and latin * 2 > len(letters)


def _spelled(text: str, language: str) -> str:
    """A Cyrillic or Arabic-script training example spelled the way participants write
    the language in Latin letters."""
    if language == "ti":
        return " ".join("".join(_tigrinya(ch) for ch in word) for word in _WORD.findall(text))
    table = _SPELLING[language]
    words = []
    for word in _WORD.findall(text.casefold().replace("\u200c", "")):
        if language == "ar" and word.startswith("ال") and len(word) > 3:
            words.append("el")  # the article is written apart: "el kurs"
            word = word[2:]
        if language == "fa" and word.endswith("ه") and len(word) > 1:
            word = word[:-1] + "e"
        words.append("".join(table.get(ch, ch) for ch in word))
    return " ".join(words)


def consonants_of(words: Iterable[str]) -> List[str]:
    """Each word's consonant skeleton (`bot.language.romanise.skeleton`: Arabizi digits read
    as letters, kh and h alike)."""
    return skeleton(" ".join(words)).split()


def _tigrinya(ch: str) -> str:
    """A Ge'ez syllable as Tigrinya is written in Latin letters: the first order with e
    ("ሰላም" selam), the fourth with a, the sixth as its consonant ("ክንደይ" kndey)."""
    syllable = romanised(ch)
    if not "\u1200" <= ch <= "\u137f" or not syllable:
        return syllable
    if syllable.endswith("aa"):
        return syllable[:-1]
    if syllable.endswith("ee"):
        return syllable[:-1]
    if syllable.endswith("a"):
        return syllable[:-1] + "e"
    return syllable


@dataclass(frozen=True)
class Transliteration:
    """A transliterated language, how likely, and the look-alike language to offer too."""

    language: str
    share: float
    lead: float
    alternative: Optional[str]


class TransliterationModel:
    """Naive Bayes over character n-grams of Latin-letter words, per language: of the words
    as written, and of their consonants. Arabic and Persian script write no short vowels,
    so their spelled training examples have none ("چند هفته" chnd hfte) while Finglish
    writes them ("chand hafte"); the consonants ("chnd hft") are what both share.

    A message of one or two words is also judged on its whole words, as participants wrote
    them in Latin letters in each language ("marhaba" is Arabizi, though its letters look
    Somali)."""

    def __init__(self, evidence: Evidence, consonants: Optional[Evidence] = None):
        self.evidence = evidence
        self.consonants = consonants

    @classmethod
    def from_training_data(cls, nlu_dir: Path, keep: Callable[[str], bool]) -> TransliterationModel:
        written: Dict[str, Counter] = {language: Counter() for language in LANGUAGES}
        spelled: Dict[str, List[str]] = {language: [] for language in LANGUAGES}
        for language in LANGUAGES:
            for text in training_texts(nlu_dir, language):
                if is_latin(text):
                    written[language].update(folded_words(text, keep))
                elif language in TRANSLITERATED:
                    spelled[language] += folded_words(_spelled(text, language), keep)
        # Norwegian and English words inside an Arabizi or Tigrinya line ("hei", "course")
        # are Norwegian and English: the ones those languages' participants write often are
        # left out of the transliterated languages' Latin letters.
        borrowed = {w for c in ("nb", "en") for w, n in written[c].items() if n >= _BORROWED_COUNT}
        for language in TRANSLITERATED:
            written[language] = Counter({w: n for w, n in written[language].items() if w not in borrowed})
        counts: Dict[str, Counter] = {}
        consonants: Dict[str, Counter] = {}
        for language in LANGUAGES:
            # What participants really typed in Latin letters outweighs the spelled examples,
            # which grow with every round of examples in the script.
            weight = _WRITTEN_WEIGHT if language in TRANSLITERATED else 1
            words = list(written[language].elements()) * weight + spelled[language]
            counts[language] = Counter(ngrams(words))
            consonants[language] = Counter(ngrams(consonants_of(words)))
        return cls(Evidence(counts, written), Evidence(consonants))

    def posterior(self, words: List[str]) -> Dict[str, float]:
        """P(language | words) among the Latin-script and transliterated languages: the
        geometric mean of the two models' posteriors (of the letters alone for one word)."""
        letters = self.evidence.posterior(words, LANGUAGES)
        # One word's consonants fit too many words of too many languages ("mushaar", "liudna").
        if not letters or self.consonants is None or len(words) < 2:
            return letters
        skeleton = self.consonants.posterior(consonants_of(words), LANGUAGES)
        if not skeleton:
            return letters
        mean = {c: (letters.get(c, 0.0) * skeleton.get(c, 0.0)) ** 0.5 for c in LANGUAGES}
        total = sum(mean.values())
        return {c: v / total for c, v in mean.items()} if total > 0 else letters

    def _decisive_lexicon(self, words: List[str]) -> Dict[str, float]:
        """The whole-word posterior of a message of one or two words, when one language
        clearly owns its words; else empty. "hei" is written inside Arabizi and Tigrinya
        lines too, and would otherwise pull away from the Latin-script languages."""
        lexicon = self.evidence.lexicon(words, LANGUAGES, prior=_PRIOR) if len(words) <= 2 else {}
        return lexicon if lexicon and max(lexicon.values()) >= _LEXICON_DECISIVE else {}

    def _with_lexicon(self, words: List[str], posterior: Dict[str, float]) -> Dict[str, float]:
        """The posterior of a message of one or two words weighed with its whole words."""
        lexicon = self._decisive_lexicon(words)
        if not lexicon:
            return posterior
        product = {c: p * (lexicon.get(c, 0.0) + _LEXICON_FLOOR) for c, p in posterior.items()}
        total = sum(product.values())
        return {c: v / total for c, v in product.items()} if total > 0 else posterior

    def _latin_owned(self, words: List[str]) -> bool:
        """Whether the Latin-script languages' participants together clearly own these words
        as typed ("robot", "bot": Norwegian, Somali and English lines have them, no
        transliterated line does), however Cyrillic "робот" looks spelled in Latin letters.
        Short words judged by their letters alone look like Finglish or Arabizi ("er du AI?",
        "ha d bra da", "halo halo dziala to"), while the words themselves are Norwegian's and
        Polish's hundreds of times."""
        lexicon = self.evidence.lexicon(words, LANGUAGES, prior=_PRIOR)
        # The words no one wrote say nothing in the lexicon, so in a longer message the ones
        # they did must be at least half: "veileder meles hibu do" (Tigrinya) is not
        # English for its "do", nor "HELLO shno t9dr tsawi" (Arabizi) for its "hello".
        seen = sum(1 for w in words if self.evidence.count(w, LATIN_LANGUAGES))
        if (len(words) <= 2 or 2 * seen >= len(words)) and \
                sum(lexicon.get(c, 0.0) for c in LATIN_LANGUAGES) >= _LEXICON_DECISIVE:
            return True
        if len(words) > 2:
            return False
        # A word one Latin-script language's participants wrote many times, and far more
        # often than all transliterations together ("kursy": Polish 167, Russian and
        # Ukrainian in Latin letters 51), is that language's: most who write Russian write
        # it in Cyrillic, while every Polish participant writes "kursy".
        return all(any(self.evidence.count(w, (c,)) >= _OWNED_COUNT and
                       self.evidence.count(w, (c,)) >= _OWNED_RATIO * self.evidence.count(w, TRANSLITERATED)
                       for c in LATIN_LANGUAGES) for w in words)

    def judge(self, words: Iterable[str]) -> Optional[Transliteration]:
        """The transliterated language of these (folded) words, or None when a Latin-script
        language is as likely."""
        words = list(words)
        letters = sum(len(w) for w in words)
        if letters < SHORT_MIN_LETTERS:
            return None
        if letters < MIN_LETTERS:
            lexicon = self._decisive_lexicon(words)
            if not lexicon or max(lexicon, key=lexicon.__getitem__) not in TRANSLITERATED:
                return None
        if self._latin_owned(words):
            return None
        posterior = self.posterior(words)
        if not posterior:
            return None
        posterior = self._with_lexicon(words, posterior)
        if any(ARABIZI_DIGIT.search(w) and not self.evidence.count(w, LATIN_LANGUAGES) for w in words):
            # Persian in Latin letters borrows a few ("fe3lan"): asked when it leads.
            persian = posterior.get("fa", 0.0) > posterior.get("ar", 0.0)
            return Transliteration("ar", 1.0, 0.0 if persian else 1.0, "fa" if persian else None)
        ranked: List[Tuple[str, float]] = sorted(
            ((c, posterior.get(c, 0.0)) for c in TRANSLITERATED), key=lambda kv: -kv[1])
        language, share = ranked[0]
        # The look-alike pair shares one script's evidence: a message as likely Russian as
        # Ukrainian is a Cyrillic-language transliteration all the same.
        close = CLOSE.get(language)
        pair = share + posterior.get(close, 0.0) if close else share
        # Whether it is a transliteration at all is judged on all of them together: Arabizi
        # that looks a little like Latin-letter Tigrinya is no less a transliteration.
        transliterated = sum(posterior.get(c, 0.0) for c in TRANSLITERATED)
        if transliterated < TRANSLITERATION_SHARE or self.evidence.coverage(words, language) < MIN_COVERAGE:
            return None
        if close is None:
            return Transliteration(language, share, 1.0, None)
        lead = (share - posterior.get(close, 0.0)) / pair
        return Transliteration(language, pair, lead, close if lead < CLEAR_LEAD else None)
