"""Language identification: script rules first, then an offline statistical detector.

lingua-language-detector ships its models in the wheel (nothing is downloaded). It has
no Tigrinya, so Ge'ez script is read as Tigrinya by rule; Bokmål, Nynorsk, Danish and
Swedish are summed and read as Norwegian; Persian and Dari are one code (fa). A few
widely spoken unsupported languages are included so the bot can tell a participant
it does not speak their language instead of guessing.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

from lingua import Language as L
from lingua import LanguageDetector, LanguageDetectorBuilder

from bot.config import PROJECT_ROOT
from bot.language.evidence import Evidence
from bot.language.transliteration import TransliterationModel
from bot.language.unsupported import outweighs, unsupported_language, wrote_most
from bot.language.words import (
    SCRIPT_LANGUAGES,
    counted_words,
    is_loanword,
    latin_words,
    letter_words,
    script_of,
)

_TO_OURS: Dict[L, str] = {
    L.BOKMAL: "nb", L.NYNORSK: "nb", L.DANISH: "nb", L.SWEDISH: "nb",
    L.ENGLISH: "en", L.ARABIC: "ar", L.SOMALI: "so", L.UKRAINIAN: "uk", L.RUSSIAN: "ru",
    L.POLISH: "pl", L.LITHUANIAN: "lt", L.PERSIAN: "fa",
}
_UNSUPPORTED = (L.GERMAN, L.FRENCH, L.SPANISH, L.ITALIAN, L.PORTUGUESE, L.DUTCH, L.TURKISH,
                L.URDU, L.ALBANIAN, L.ROMANIAN, L.SWAHILI, L.VIETNAMESE, L.THAI, L.CHINESE)

DEFAULT_TRAINING_DIR = PROJECT_ROOT / "nlu_data" / "nlu"
# Added to both shares before they are multiplied, so neither can veto the other alone.
FLOOR = 0.02
# The detector's floor for a message of one or two words: it was trained on books and the
# web, and gives "щиро дякую" to Russian with certainty; the training data, which knows
# how participants write to this bot, may then overrule it.
SHORT_FLOOR = 0.2
# One or two words written this often by the script's participants are judged mostly as
# words, their letters counting to this power ("ja" has Polish letters but is Norwegian too).
KNOWN_COUNT = 20
KNOWN_LETTERS_WEIGHT = 0.3
# From this many words, one word the participants never wrote still leaves a sentence theirs.
UNWRITTEN_FROM = 4
# Words only one Latin-script language's participants wrote, this often: OWN_WORDS of them in
# a sentence read as Norwegian make it that language's, judged on its other words.
OWN_COUNT = 5
OWN_WORDS = 2
# Letters Urdu writes and Persian and Arabic do not: without one, "پول؟" is not Urdu.
URDU_LETTERS = frozenset("ٹڈڑںےۓ")
# Letters Ukrainian writes and Russian does not, and a Latin i or ï typed for і or ї inside
# a Cyrillic word ("нiякоi"). A Ukrainian on a Russian keyboard may type ы or э as well,
# so Russian's own letters say less. None of the Russian training examples has one.
UKRAINIAN_LETTERS = re.compile(r"[іїєґ]|(?<=[а-яё])[iï]|[iï](?=[а-яё])", re.IGNORECASE)


@dataclass(frozen=True)
class Detection:
    """What a text looks like: a supported language, an unsupported one, or nothing.

    `confidence` is the best language's share among the supported languages of the
    text's script, after the training-data evidence; `lead` is how far it is ahead of
    the second (0 when alone or unsure, 1 when the only candidate). A Latin-letter
    message may be a transliteration (`language` "ru" with `script` "latin");
    `alternatives` are the languages it may just as well be in (Russian or Ukrainian).
    """

    language: Optional[str]
    confidence: float
    words: int
    script: str
    unsupported: Optional[str] = None
    lead: float = 0.0
    alternatives: Tuple[str, ...] = ()
    # How many of its words the training data of the script's languages has (-1: not
    # counted). None ("zzq wxv kkjjh") is no sentence of any language we know.
    known: int = -1

    @property
    def is_sentence(self) -> bool:
        return self.words >= 3


class LanguageIdentifier:
    """Thread-safe; the detector and its models are built on first use or by `warm_up()`."""

    def __init__(self, preload: bool = True, training_dir: Optional[Path] = DEFAULT_TRAINING_DIR):
        self._preload = preload
        self._detector: Optional[LanguageDetector] = None
        self._training_dir = training_dir
        self._evidence: Optional[Evidence] = None
        self._transliteration: Optional[TransliterationModel] = None
        self._letters: Optional[Dict[str, str]] = None
        self._lock = threading.Lock()

    @property
    def letters(self) -> Dict[str, str]:
        """The one-letter words that count, and whose they are (`letter_words`)."""
        if self._letters is None:
            found = letter_words(self._training_dir) if self._training_dir is not None and \
                self._training_dir.is_dir() else {}
            with self._lock:
                self._letters = found
        return self._letters

    @property
    def evidence(self) -> Optional[Evidence]:
        """The training-data evidence (None without training files)."""
        if self._evidence is None and self._training_dir is not None and self._training_dir.is_dir():
            letters = self.letters
            with self._lock:
                if self._evidence is None:
                    self._evidence = Evidence.from_training_data(
                        self._training_dir, [c for codes in SCRIPT_LANGUAGES.values() for c in codes],
                        lambda text: counted_words(text, letters=letters))
        return self._evidence

    @property
    def transliteration(self) -> Optional[TransliterationModel]:
        """How each language looks in Latin letters (None without training files)."""
        if self._transliteration is None and self._training_dir is not None and self._training_dir.is_dir():
            with self._lock:
                if self._transliteration is None:
                    self._transliteration = TransliterationModel.from_training_data(
                        self._training_dir, lambda w: not is_loanword(w))
        return self._transliteration

    @property
    def detector(self) -> LanguageDetector:
        if self._detector is None:
            with self._lock:
                if self._detector is None:
                    builder = LanguageDetectorBuilder.from_languages(*_TO_OURS, *_UNSUPPORTED)
                    if self._preload:
                        builder = builder.with_preloaded_language_models()
                    self._detector = builder.build()
        return self._detector

    def warm_up(self) -> None:
        self.detector.compute_language_confidence_values("warm up")
        _ = self.letters
        _ = self.evidence
        _ = self.transliteration

    def detect(self, text: str, ignore: Iterable[str] = ()) -> Detection:
        """Detects the language of `text`, not counting loanwords and the `ignore` terms."""
        letters = self.letters
        words = counted_words(text, ignore, letters)
        if not words and ignore:
            # A message of nothing but a name in another script than Latin ("курси для
            # жінок", a course's Ukrainian name) is still written in that script's languages.
            named = counted_words(text, letters=letters)
            words = named if script_of(" ".join(named)) not in ("latin", "none") else words
        script = script_of(" ".join(words))
        if not words:
            return Detection(None, 0.0, 0, script)
        if script == "ethiopic":
            return Detection("ti", 1.0, len(words), script, lead=1.0)
        if script not in SCRIPT_LANGUAGES:
            return Detection(None, 1.0, len(words), script, unsupported="other")
        scores: Optional[Dict[str, float]] = None
        if script == "latin" and self.transliteration is not None:
            latin = latin_words(text, ignore)
            # One word that looks transliterated ("kursy") beside a one-letter word of a
            # Latin-script language ("w") is that language's.
            one_word_beside_a_letter = len(latin) <= 1 and any(w in letters for w in words)
            found = None if one_word_beside_a_letter else self.transliteration.judge(latin)
            # German "ich" is Russian "их" in Latin letters: a sentence the detector gives
            # to an unsupported language is that language, unless the transliteration's
            # participants wrote most of its words (then the detector is not asked at all).
            if found and len(words) >= 3 and not wrote_most(self.transliteration, found, latin):
                scores = self._scores(" ".join(words))
            if found and (scores is None
                          or outweighs(self.transliteration, found, latin, unsupported_language(scores))):
                return Detection(found.language, found.share, len(words), script, lead=found.lead,
                                 alternatives=(found.alternative,) if found.alternative else ())
        if scores is None:
            scores = self._scores(" ".join(words))
        if script == "arabic" and not URDU_LETTERS.intersection(text):
            scores.pop("!ur", None)
        candidates = SCRIPT_LANGUAGES[script]
        foreign = unsupported_language(scores) if len(words) >= 3 else None
        if foreign and not self._all_written(words, candidates):
            return Detection(None, foreign[1], len(words), script, unsupported=foreign[0])
        shares = self._combined(words, {c: scores.get(c, 0.0) for c in candidates})
        if script == "latin" and max(shares, key=shares.__getitem__) == "nb":
            words, shares = self._beside_norwegian(words, shares)
        if script == "cyrillic" and UKRAINIAN_LETTERS.search(text):
            shares = {"uk": 1.0, "ru": 0.0}
        ranked = sorted(shares.items(), key=lambda kv: -kv[1])
        language, share = ranked[0]
        lead = share - (ranked[1][1] if len(ranked) > 1 else 0.0)
        known = sum(1 for w in words if self.evidence.count(w, candidates)) if self.evidence else -1
        return Detection(language, share, len(words), script, lead=lead, known=known)

    def _beside_norwegian(self, words: List[str], shares: Dict[str, float]) -> Tuple[List[str], Dict[str, float]]:
        """A sentence read as Norwegian that has OWN_WORDS or more words only one other
        language's participants write ("Ar yra kurs innen helse Bergene?") is judged on its
        words other than Norwegian: NAV's letters put Norwegian phrases into every language,
        while Norwegians borrow English words, not Somali, Polish or Lithuanian ones."""
        evidence = self.evidence
        if evidence is None:
            return words, shares
        others = [c for c in SCRIPT_LANGUAGES["latin"] if c not in ("nb", "en")]
        own = {c: sum(1 for w in words if evidence.count(w, (c,)) >= OWN_COUNT
                      and not evidence.count(w, [o for o in SCRIPT_LANGUAGES["latin"] if o != c]))
               for c in others}
        language = max(own, key=own.__getitem__)
        if own[language] < OWN_WORDS:
            return words, shares
        rest = [w for w in words if evidence.count(w, ("nb",)) <= evidence.count(w, (language,))]
        scores = self._scores(" ".join(rest))
        judged = self._combined(rest, {c: scores.get(c, 0.0) for c in shares})
        return (rest, judged) if max(judged, key=judged.__getitem__) == language else (words, shares)

    def _all_written(self, words: List[str], candidates: Iterable[str]) -> bool:
        """Whether the participants of one supported language wrote every one of these words
        in the training data ("STOP STOP anuluj to" is Polish, though the detector, which
        knows its languages from books and the web, reads it as Romanian), or all but one of
        four or more ("Masakra z tym NAVem", Polish "what a mess with NAV", was Albanian)."""
        evidence = self.evidence
        if evidence is None:
            return False
        allowed = 1 if len(words) >= UNWRITTEN_FROM else 0
        return any(sum(1 for w in words if not evidence.count(w, (language,))) <= allowed
                   for language in candidates)

    def _combined(self, words: List[str], detector: Dict[str, float]) -> Dict[str, float]:
        """The detector's shares among the candidates, weighed with the training-data evidence."""
        total = sum(detector.values())
        shares = {c: (v / total if total > 0 else 1.0 / len(detector)) for c, v in detector.items()}
        short = len(words) < 3
        if not self.evidence:
            return shares
        # One or two words are judged on the very words too ("labas" is Lithuanian), as is a
        # sentence in a script of two look-alike languages ("Де проходить курс?": "де" is uk).
        lexicon = self.evidence.lexicon(words, shares) if short or len(shares) == 2 else {}
        known = short and bool(lexicon) and all(self.evidence.count(w, shares) >= KNOWN_COUNT for w in words)
        evidence = self.evidence.posterior(words, shares)
        if not evidence:
            return shares
        evidence = {c: v ** KNOWN_LETTERS_WEIGHT for c, v in evidence.items()} if known else evidence
        floor = SHORT_FLOOR if short else FLOOR
        product = {c: (shares[c] + floor) * (evidence.get(c, 0.0) + FLOOR) for c in shares}
        if lexicon:
            product = {c: v * (lexicon[c] + FLOOR) for c, v in product.items()}
        norm = sum(product.values())
        return {c: v / norm for c, v in product.items()}

    def _scores(self, text: str) -> Dict[str, float]:
        scores: Dict[str, float] = defaultdict(float)
        for value in self.detector.compute_language_confidence_values(text):
            code = _TO_OURS.get(value.language)
            key = code or "!" + value.language.iso_code_639_1.name.lower()
            scores[key] += value.value
        return scores


_shared: Optional[LanguageIdentifier] = None


def get_identifier() -> LanguageIdentifier:
    """The process-wide identifier (the models are large; build them once)."""
    global _shared
    if _shared is None:
        _shared = LanguageIdentifier()
    return _shared
