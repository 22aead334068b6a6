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
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Dict, Iterable, Optional

from lingua import Language as L
from lingua import LanguageDetector, LanguageDetectorBuilder

from bot.masking import PLACEHOLDER

_TO_OURS: Dict[L, str] = {
    L.BOKMAL: "nb", L.NYNORSK: "nb", L.DANISH: "nb", L.SWEDISH: "nb",
    L.ENGLISH: "en", L.ARABIC: "ar", L.SOMALI: "so", L.UKRAINIAN: "uk", L.RUSSIAN: "ru",
    L.POLISH: "pl", L.LITHUANIAN: "lt", L.PERSIAN: "fa",
}
_UNSUPPORTED = (L.GERMAN, L.FRENCH, L.SPANISH, L.ITALIAN, L.PORTUGUESE, L.DUTCH, L.TURKISH,
                L.URDU, L.ALBANIAN, L.ROMANIAN, L.SWAHILI, L.VIETNAMESE, L.THAI, L.CHINESE)

# Words participants use in every language; they say nothing about the language.
LOANWORDS = frozenset({
    "nav", "amo", "kurs", "kurset", "praksis", "praksisplass", "praksisplassen", "tiltakspenger",
    "veileder", "veilederen", "ok", "okay", "oslo", "bergen", "trondheim", "stavanger",
    "aap", "dagpenger", "tolk", "it", "truck", "https", "www",
})

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class Detection:
    """What a text looks like: a supported language, an unsupported one, or nothing."""

    language: Optional[str]
    confidence: float
    words: int
    script: str
    unsupported: Optional[str] = None

    @property
    def is_sentence(self) -> bool:
        return self.words >= 3


def script_of(text: str) -> str:
    """The dominant script of the letters in `text`."""
    counts: Dict[str, int] = defaultdict(int)
    for ch in text:
        if not ch.isalpha():
            continue
        code = ord(ch)
        if 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF or 0xAB00 <= code <= 0xAB2F:
            counts["ethiopic"] += 1
        elif 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
            counts["arabic"] += 1
        elif 0x0400 <= code <= 0x04FF:
            counts["cyrillic"] += 1
        elif "LATIN" in unicodedata.name(ch, ""):
            counts["latin"] += 1
        else:
            counts["other"] += 1
    return max(counts, key=counts.__getitem__) if counts else "none"


class LanguageIdentifier:
    """Thread-safe; the detector and its models are built on first use or by `warm_up()`."""

    def __init__(self, preload: bool = True):
        self._preload = preload
        self._detector: Optional[LanguageDetector] = None
        self._lock = threading.Lock()

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

    def detect(self, text: str, ignore: Iterable[str] = ()) -> Detection:
        """Detects the language of `text`, not counting loanwords and the `ignore` terms."""
        ignored = {t.casefold() for t in ignore}
        # "[ID-NUMBER]" and the like were put there by masking, not written by the participant.
        folded = PLACEHOLDER.sub(" ", text).casefold()
        for term in sorted(ignored, key=len, reverse=True):
            if " " in term:
                folded = folded.replace(term, " ")
        words = [w for w in _WORD.findall(folded) if w not in LOANWORDS and w not in ignored
                 and len(w) > 1]
        script = script_of(" ".join(words))
        if not words:
            return Detection(None, 0.0, 0, script)
        if script == "ethiopic":
            return Detection("ti", 1.0, len(words), script)
        if script == "other":
            return Detection(None, 1.0, len(words), script, unsupported="other")
        scores = self._scores(" ".join(words))
        best, confidence = max(scores.items(), key=lambda kv: kv[1])
        if best.startswith("!"):
            return Detection(None, confidence, len(words), script, unsupported=best[1:])
        return Detection(best, confidence, len(words), script)

    def _scores(self, text: str) -> Dict[str, float]:
        scores: Dict[str, float] = defaultdict(float)
        for value in self.detector.compute_language_confidence_values(text):
            code = _TO_OURS.get(value.language)
            key = code or "!" + value.language.iso_code_639_1.name.lower()
            scores[key] += value.value
        return scores


@dataclass(frozen=True)
class Decision:
    """The language in force after a message, and why."""

    language: str
    switched_from: Optional[str]
    unsupported: bool
    reason: str


SENTENCE_CONFIDENCE = 0.55
GUESS_CONFIDENCE = 0.4


def decide(current: Optional[str], detection: Detection, hint: Optional[str],
           explicit: Optional[str], default: str) -> Decision:
    """Applies the stickiness rules.

    Explicit choice wins. A full sentence (3+ words) confidently in another supported
    language switches. Short messages ("ok", "yes", a number, a course name) keep
    the language in force, unless they are in another script than that language
    (a Cyrillic "Привіт" after Norwegian). Without a language in force, the
    channel's hint is used, then the detector's best guess, then the default.
    """
    if explicit:
        return Decision(explicit, current if current not in (None, explicit) else None, False, "choice")
    switched = None
    if detection.language and detection.language != current:
        strong = detection.is_sentence and detection.confidence >= SENTENCE_CONFIDENCE
        # Latin-script words after a Cyrillic or Arabic-script language are often English
        # loans or transliteration, so only a switch into a non-Latin script counts.
        script_change = (current is not None and detection.words >= 1
                         and detection.script in ("cyrillic", "arabic", "ethiopic")
                         and detection.script != _script_of_language(current)
                         and detection.confidence >= GUESS_CONFIDENCE)
        if strong or script_change:
            switched = current
            return Decision(detection.language, switched, False, "detected")
    if detection.unsupported and detection.is_sentence and detection.confidence >= SENTENCE_CONFIDENCE:
        return Decision(current or hint or default, None, True, "unsupported")
    if current:
        return Decision(current, None, False, "sticky")
    if hint:
        return Decision(hint, None, False, "hint")
    if detection.language and detection.confidence >= GUESS_CONFIDENCE:
        return Decision(detection.language, None, False, "guess")
    return Decision(default, None, False, "default")


def _script_of_language(code: str) -> str:
    return {"ar": "arabic", "fa": "arabic", "uk": "cyrillic", "ru": "cyrillic",
            "ti": "ethiopic"}.get(code, "latin")


_shared: Optional[LanguageIdentifier] = None


def get_identifier() -> LanguageIdentifier:
    """The process-wide identifier (the models are large; build them once)."""
    global _shared
    if _shared is None:
        _shared = LanguageIdentifier()
    return _shared
