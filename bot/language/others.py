"""Languages the bot does not speak, named in a message ("do you speak Kurdish?",
"czy mówisz po turecku?"), so that the answer can say which language it does not speak
instead of only asking which one is wanted. The names come from Babel's locale data
(CLDR), in the ten languages the bot speaks and in the forms their grammar gives them.
"""

from __future__ import annotations

import functools
from typing import Iterator, Optional, Tuple

from babel import Locale

from bot.language.supported import SUPPORTED
from bot.language.textmatch import NameIndex

# Languages participants in Norway may ask for: those of refugees and labour migrants
# (Kurdish, Pashto, Amharic, Oromo, Tigre, Turkish, Urdu, Tajik...), the neighbours'
# and the world's large ones. Swedish and Danish are left out: the bot reads them as
# Norwegian, so it does not refuse them.
OTHER_LANGUAGES: Tuple[str, ...] = (
    "ku", "ckb", "ps", "am", "om", "tig", "byn", "ssy", "tr", "ur", "tg", "uz", "tk", "az", "kk",
    "ky", "be", "ka", "hy", "vi", "th", "ta", "hi", "pa", "bn", "zh", "ja", "ko", "fil", "id",
    "sw", "ha", "yo", "zgh", "kab", "es", "fr", "de", "it", "pt", "nl", "ro", "sq", "bs", "sr",
    "hr", "bg", "el", "hu", "cs", "sk", "fi", "et", "lv", "he", "crh",
)
# Names people use that the locale data does not give, folded as the index folds them.
EXTRA_NAMES: Tuple[Tuple[str, str], ...] = (
    ("sorani", "ckb"), ("kurmanji", "ku"), ("kurmancî", "ku"), ("badini", "ku"),
    ("tamazight", "zgh"), ("berber", "zgh"), ("amazigh", "zgh"), ("tigre", "tig"),
    ("كردي", "ku"), ("كوردي", "ku"), ("کوردی", "ku"), ("تركي", "tr"), ("ترکی", "tr"),
    ("امازيغي", "zgh"), ("أمازيغي", "zgh"), ("اوردو", "ur"), ("أوردو", "ur"),
)
# Slavic and Lithuanian names change their ending with the case ("курдська" ->
# "курдською", "kurdyjski" -> "po kurdyjsku"), Somali ones take the article ("Kurdishka"):
# their stem, without the last letters, is matched as the start of a word when this many
# letters remain.
_INFLECTED = ("uk", "ru", "pl", "lt", "so")
_STEM_CUT = 2
_MIN_STEM = 5


def _forms(name: str, locale: str) -> Iterator[str]:
    """`name` and the forms of it that people write in `locale`'s language."""
    folded = name.casefold()
    yield folded
    if locale == "ar" and folded.endswith("ة"):
        yield folded[:-1]  # "الكردية" -> "الكردي", as spoken
    if locale in _INFLECTED and " " not in folded and len(folded) - _STEM_CUT >= _MIN_STEM:
        yield folded[:-_STEM_CUT]
    if locale == "lt" and folded.endswith("ų"):
        yield folded[:-1] + "iškai"  # "kurdų" -> "kurdiškai"
    if locale == "ti":
        yield "ብ" + folded  # "ብኣምሓርኛ": in Amharic


@functools.lru_cache(maxsize=1)
def _index() -> NameIndex[str]:
    pairs = []
    for locale in (*SUPPORTED, "en"):
        names = Locale.parse(locale).languages
        for code in OTHER_LANGUAGES:
            if code in names:
                pairs += [(form, code) for form in _forms(names[code], locale)]
    pairs += list(EXTRA_NAMES)
    return NameIndex(pairs, min_length=4, inflected_from=_MIN_STEM, changed_ending_from=None)


def other_language_named_in(text: str) -> Optional[str]:
    """The code of a language the bot does not speak named in `text`, or None."""
    found = _index().find(text)
    return found.value if found else None


def language_name(code: str, locale: str) -> str:
    """The name of language `code` in the language `locale` (English when the locale data
    has none)."""
    for where in (locale, "en"):
        name = Locale.parse(where).languages.get(code)
        if name:
            return str(name)
    return code
