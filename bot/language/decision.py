"""The language in force after a message: an explicit choice, the channel's hint, the
language already in force, or what the message itself looks like (`Detection`, from
bot/language/identify.py), with the stickiness rules of `decide`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from bot.language.identify import Detection
from bot.language.words import SCRIPT_LANGUAGES


@dataclass(frozen=True)
class Decision:
    """The language in force after a message, and why."""

    language: str
    switched_from: Optional[str]
    unsupported: bool
    reason: str
    # Languages to offer with buttons when the message may be in either ("unsure").
    choices: Tuple[str, ...] = ()


# How far the best language must be ahead of the second (shares among the languages
# of the script, after the training-data evidence): a sentence that switches the
# language in force, and a first message that sets it without a channel hint.
SWITCH_LEAD = 0.6
GUESS_LEAD = 0.3
# A first message of one word is weak evidence ("ja" is Norwegian "yes" and Polish "I"):
# its guess needs a wider lead.
ONE_WORD_GUESS_LEAD = 0.5


def decide(current: Optional[str], detection: Detection, hint: Optional[str],
           explicit: Optional[str], default: str) -> Decision:
    """Applies the stickiness rules.

    Explicit choice wins. A message that may be in either of two look-alike languages
    (Russian or Ukrainian, Arabic or Persian in Latin letters) offers both. A full
    sentence (3+ words) clearly in another supported language (well ahead of the
    second-best language of its script, or a clear transliteration) switches. Short
    messages ("ok", "yes", a number, a course name) keep the language in force, unless
    they are in another script than that language (a Cyrillic "Привіт" after
    Norwegian). Without a language in force, the channel's hint is used, then the
    detector's guess if it leads clearly enough, then the default.
    """
    if explicit:
        return Decision(explicit, current if current not in (None, explicit) else None, False, "choice")
    choices = (detection.language, *detection.alternatives) if detection.language else ()
    # Russian or Ukrainian, Arabic or Persian in Latin letters: answered in the likelier
    # one, and both offered, when nothing in force or a sentence outside it says otherwise.
    if detection.alternatives and current not in choices and (
            detection.is_sentence or (current is None and hint is None)):
        return Decision(choices[0], current, False, "unsure", choices)
    switched = None
    needed = ONE_WORD_GUESS_LEAD if detection.words == 1 else GUESS_LEAD
    if detection.language and detection.language != current:
        # A sentence none of whose words the training data has ("zzq wxv kkjjh") is no
        # evidence of a language, however the detector leans.
        strong = detection.is_sentence and detection.lead >= SWITCH_LEAD and detection.known != 0
        # Latin-script words after a Cyrillic or Arabic-script language are often English
        # loans or transliteration, so only a switch into a non-Latin script counts.
        script_change = (current is not None and detection.words >= 1
                         and detection.script in ("cyrillic", "arabic", "ethiopic")
                         and detection.script != _script_of_language(current)
                         and detection.lead >= needed)
        if strong or script_change:
            switched = current
            return Decision(detection.language, switched, False, "detected")
    # A Cyrillic or Arabic-script message that does not say which language of its script
    # it is in ("окей", "ممنون"): first, or after another script, the likelier, both offered.
    pair = SCRIPT_LANGUAGES.get(detection.script, ())
    if len(pair) == 2 and not detection.unsupported and detection.lead < needed and (
            current is None and hint is None
            or current is not None and _script_of_language(current) != detection.script):
        likelier = detection.language if detection.language in pair else pair[0]
        choices = (likelier, *(code for code in pair if code != likelier))
        return Decision(likelier, current, False, "unsure", choices)
    if detection.unsupported and detection.is_sentence:
        return Decision(current or hint or default, None, True, "unsupported")
    if current:
        return Decision(current, None, False, "sticky")
    if hint:
        return Decision(hint, None, False, "hint")
    if detection.language and detection.lead >= needed:
        return Decision(detection.language, None, False, "guess")
    return Decision(default, None, False, "default")


def _script_of_language(code: str) -> str:
    return next((script for script, codes in SCRIPT_LANGUAGES.items() if code in codes), "latin")

