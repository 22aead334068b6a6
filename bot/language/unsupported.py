"""When a message is in a language the bot does not speak: the detector's scores for the
unsupported languages it knows (bot/language/identify.py asks it), weighed against a
transliteration of a supported language, which the detector cannot see as one."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from bot.language.transliteration import ARABIZI_DIGIT, Transliteration, TransliterationModel

# An unsupported language is reported when the detector is this sure of it, or at least
# UNSUPPORTED_LEAD_CONFIDENCE sure and that many times as sure as of any supported
# language ("Wie lange dauert der Kurs?": German 0.49, Norwegian 0.26). On 700 training
# examples of each Latin-script language and of each language's Latin letters, the
# second way flagged none that the first did not.
UNSUPPORTED_CONFIDENCE = 0.55
UNSUPPORTED_LEAD_CONFIDENCE = 0.4
UNSUPPORTED_RATIO = 1.75
# A transliteration the model is this sure of (share, and lead over the second) is taken
# over an unsupported language the detector is less sure of than SURE_OVER_UNSUPPORTED,
# or less sure than KNOWN_OVER_UNSUPPORTED when the transliteration's participants wrote
# at least KNOWN_SHARE of its words. The detector knows Russian and Arabic only in their
# own scripts and reads their Latin letters as Swahili, Albanian or Turkish ("benzin mne
# kompensiruyut? ezzhu na mashine": Swahili 0.43). Of 182 sentences written for the
# purpose in 13 unsupported languages (the 130 longer ones are
# bench/data/unsupported_messages.yml), those that a transliteration fits as surely got
# 0.69-1.0 from the detector and had at most a sixth of their words in the
# transliterated lines.
SURE_SHARE = 0.99
SURE_LEAD = 0.9
SURE_OVER_UNSUPPORTED = 0.6
KNOWN_OVER_UNSUPPORTED = 0.85
KNOWN_SHARE = 1 / 3


def _known(model: TransliterationModel, found: Transliteration, latin: List[str]) -> int:
    """How many of these words the participants of the transliterated language (or its
    look-alike) wrote in Latin letters in the training data."""
    written = [found.language, *([found.alternative] if found.alternative else [])]
    return sum(model.evidence.count(w, written) > 0 for w in latin)


def wrote_most(model: TransliterationModel, found: Transliteration, latin: List[str]) -> bool:
    """Whether the participants of the transliterated language (or its look-alike) wrote
    most of these words in Latin letters in the training data."""
    return 2 * _known(model, found, latin) >= len(latin)


def outweighs(model: TransliterationModel, found: Transliteration, latin: List[str],
               foreign: Optional[Tuple[str, float]]) -> bool:
    """Whether a sure transliteration outweighs the unsupported language the detector names."""
    if foreign is None:
        return True
    if found.share < SURE_SHARE or found.lead < SURE_LEAD:
        return False
    # Arabizi's digits: no language the detector knows writes them, so with a sure Arabic
    # transliteration they outweigh any confidence in one ("KALAMAK SA3B KTIR": Turkish 0.65).
    if found.language == "ar" and any(ARABIZI_DIGIT.search(w) for w in latin):
        return True
    known = _known(model, found, latin) / max(len(latin), 1)
    return foreign[1] < SURE_OVER_UNSUPPORTED or (known >= KNOWN_SHARE and foreign[1] < KNOWN_OVER_UNSUPPORTED)


def unsupported_language(scores: Dict[str, float]) -> Optional[Tuple[str, float]]:
    """The unsupported language (ISO code) the detector's scores are clearly for, and its
    confidence; None when a supported language may be meant."""
    if not scores:
        return None
    best, confidence = max(scores.items(), key=lambda kv: kv[1])
    if not best.startswith("!"):
        return None
    supported = max((v for k, v in scores.items() if not k.startswith("!")), default=0.0)
    if confidence >= UNSUPPORTED_CONFIDENCE or (
            confidence >= UNSUPPORTED_LEAD_CONFIDENCE and confidence >= UNSUPPORTED_RATIO * supported):
        return best[1:], confidence
    return None
