"""A greeting before the request: "السلام عليكم، وصلتني رسالة من ناف عن دورة، ما هذه
الدورة؟", "Привіт, мені NAV запропонував курс, що це таке?". Read as a whole, such a
message can weigh as a greeting, and the participant gets the menu instead of an answer.

The openings are learned from the training data: every greeting of at most
`MAX_OPENING_WORDS` words ("hei", "السلام عليكم", "dzień dobry", "ሰላም ኩን"). When the
classifier reads a message as a greeting and it starts with an opening, what follows is
read on its own; if that is a request the classifier is sure of, the message is read as
both, and the bot asks whether the request is meant (bot/rasa/nlu.py, LinearModel.read).
A greeting with small talk after it ("Hei, hvordan går det?") stays a greeting.
"""

from __future__ import annotations

from typing import FrozenSet, Iterable, Optional, Tuple

from bot.language.textmatch import words

MAX_OPENING_WORDS = 3
# What follows an opening is read on its own only from this many words on.
MIN_REST_WORDS = 3
# Intents that are not a request: a greeting followed by one of them stays a greeting.
SOCIAL_INTENTS = frozenset({"greet", "goodbye", "thanks", "affirm", "deny", "out_of_scope",
                            "bot_challenge"})

# How far below the request the greeting is put: within the FallbackClassifier's
# ambiguity threshold (config.yml), so the two readings count as a tie and the bot asks.
OPENING_MARGIN = 0.01

Opening = Tuple[str, ...]


def learn_openings(greetings: Iterable[str]) -> FrozenSet[Opening]:
    """The folded words of every short greeting."""
    found = set()
    for text in greetings:
        folded = tuple(word for _, _, word in words(text))
        if 0 < len(folded) <= MAX_OPENING_WORDS:
            found.add(folded)
    return frozenset(found)


def after_opening(text: str, openings: FrozenSet[Opening]) -> Optional[str]:
    """What follows the longest opening `text` starts with, or None when it starts with
    none or too little follows."""
    found = words(text)
    for length in range(min(MAX_OPENING_WORDS, len(found) - MIN_REST_WORDS), 0, -1):
        if tuple(word for _, _, word in found[:length]) in openings:
            return text[found[length - 1][1]:].lstrip(" ,.!;:-–—،؛።፣\u200f\n\t")
    return None
