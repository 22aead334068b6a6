"""Keyboard mash: letters run along one row of a keyboard ("asdfgh", "kjhkjh", "йцукен",
"شسيبل") or one letter held down ("hhhhh"). The classifier's n-grams find something in
almost any text, so without this check "kjhkjh" was a confident yes and "йцукен" a stop;
a message of nothing but such words is one the model knows nothing about, and the
participant is asked to say it in other words.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, List, Tuple

# The letter rows of the layouts participants type on: QWERTY (English, Norwegian, Polish,
# Lithuanian, Somali, Latin-letter Tigrinya), ЙЦУКЕН in its Russian and Ukrainian forms,
# and the Arabic and Persian standard layouts.
ROWS = (
    "qwertyuiop", "asdfghjkl", "zxcvbnm",
    "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю",
    "йцукенгшщзхї", "фівапролджє",
    "ضصثقفغعهخحجد", "شسيبلاتنمكط", "ئءؤرلاىةوزظ",
    "ضصثقفغعهخحجچ", "شسیبلاتنمکگ", "ظطزرذدپو",
)
_PLACES: Dict[str, List[Tuple[int, int]]] = {}
for _row, _letters in enumerate(ROWS):
    for _at, _letter in enumerate(_letters):
        _PLACES.setdefault(_letter, []).append((_row, _at))

_WORD = re.compile(r"[^\W\d_]+")
# Words shorter than this are never mash: "sad", "ерш" and "لا" are words.
MIN_LETTERS = 4
# The share of steps between neighbouring keys a row's word needs ("kjhkjh": four of five).
ALONG_THE_ROW = 0.6


def mash_word(word: str) -> bool:
    """Whether one word looks typed along a keyboard row, or is one letter held down."""
    letters = word.lower()
    if len(letters) < MIN_LETTERS:
        return False
    if len(set(letters)) == 1:
        return True
    for row, _ in _PLACES.get(letters[0], ()):
        at = [next((p for r, p in _PLACES.get(ch, ()) if r == row), None) for ch in letters]
        if any(p is None for p in at):
            continue
        steps = [abs(a - b) for a, b in zip(at, at[1:], strict=False)]  # type: ignore[operator]
        if sum(step == 1 for step in steps) >= ALONG_THE_ROW * len(steps):
            return True
    return False


def is_mash(text: str, known: Callable[[str], bool] = lambda word: False) -> bool:
    """Whether `text` has a mash word and nothing else but short letters, and none of its
    words is `known`: the model supplies a test of whether it has seen the word or nearly
    all of its letter triples, since real words run along a row too ("were", "права",
    "البيت": the middle rows of the Cyrillic and Arabic layouts hold common letters)."""
    words = _WORD.findall(text or "")
    mash = [mash_word(word) for word in words]
    if not any(mash) or not all(m or len(word) < MIN_LETTERS for m, word in zip(mash, words, strict=True)):
        return False
    return not any(known(word) for word in words)  # asked last: most messages end above
