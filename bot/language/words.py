"""The words of a message that say something about its language, and its script.

NAV's own words and the names of places and courses are written alike in every language
and are left out; so are single letters, but for a Ge'ez syllable and the one-letter words
one Latin-script language's participants write (Polish "w", Norwegian "å", Lithuanian "į").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Collection, Dict, Iterable, List, Set, Tuple

from bot.language.evidence import training_texts
from bot.language.transliteration import folded_words
from bot.masking import PLACEHOLDER

# Words participants use in every language; they say nothing about the language.
LOANWORDS = frozenset({
    "nav", "amo", "kurs", "kurset", "praksis", "ok", "okay", "oslo", "bergen", "trondheim",
    "stavanger", "aap", "tolk", "it", "truck", "https", "www", "sfo",
})
# NAV's Norwegian terms, in any inflection ("arbeidstreningen", "meldekortet"): a
# Polish sentence with "praksisplass" in it is still Polish.
NAV_STEMS = (
    "praksisplass", "arbeidstrening", "tiltakspeng", "meldekort", "dagpeng", "veileder",
    "arbeidsavklaringspeng", "kvalifiseringsprogram", "introduksjonsprogram", "lønnstilskudd",
    "sykepeng", "aktivitetsplan", "arbeidsmarkedstiltak", "tiltaksplass", "oppfølgingsvedtak",
    "fastlege", "sosialhjelp", "nav-kontor", "navkontor", "tiltak", "tilleggsstønad", "stønad",
    "barnetrygd", "bostøtte", "kontantstøtte", "sykemeld", "egenmeld", "skattekort",
    "utbetaling", "søknad", "soknad", "vedtak", "klage", "arbeidsmarked", "norskkurs",
    "norskopplæring", "introduksjons", "barnehage", "barnetillegg", "helsefag", "fagbrev",
)
# A NAV term misspelled ("tilegstønad", "veilder", "meldkort") is one too: a word beginning
# within one edit of a stem of at least FUZZY_FROM letters, one more edit from each of
# MORE_EDITS_FROM, with the stem's first letter (participants rarely mistype the first).
FUZZY_FROM = 7
MORE_EDITS_FROM = (11, 14)
# Words participants of every Latin-script language write alike when they talk to a bot:
# they say something about the language only when nothing else does ("to chat bot
# hasti?" is Finglish, "wallahi enta robot?" Arabizi, "robot?" alone still Latin-script).
SHARED_WORDS = frozenset({"robot", "robots", "bot", "bots", "chat", "chatbot", "chatbots"})
# The supported languages written in each script.
SCRIPT_LANGUAGES: Dict[str, Tuple[str, ...]] = {
    "latin": ("nb", "en", "so", "pl", "lt"), "cyrillic": ("uk", "ru"), "arabic": ("ar", "fa"),
    "ethiopic": ("ti",),
}

# A one-letter word is a language's (`letter_words`) when its participants wrote it this often,
# and this share of all the times any participant wrote it.
LETTER_WORD_COUNT = 50
LETTER_WORD_SHARE = 0.9

_FUZZY_STEMS: Dict[str, Tuple[str, ...]] = {
    first: tuple(stem for stem in NAV_STEMS if stem[0] == first and len(stem) >= FUZZY_FROM)
    for first in {stem[0] for stem in NAV_STEMS}}

# Norwegian letters as they are typed without a Norwegian keyboard.
_PLAIN = str.maketrans({"ø": "o", "å": "a", "æ": "e"})

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


@functools.lru_cache(maxsize=1 << 17)
def is_loanword(word: str) -> bool:
    """Whether a (case-folded) word is NAV vocabulary, or NAV vocabulary misspelled, or a
    name used in every language."""
    if word in LOANWORDS or word.startswith(NAV_STEMS):
        return True
    return len(word) >= FUZZY_FROM - 1 and any(
        _begins_nearly(word, stem, 1 + sum(len(stem) >= n for n in MORE_EDITS_FROM))
        for stem in _FUZZY_STEMS.get(word[0], ()))


def _begins_nearly(word: str, stem: str, edits: int) -> bool:
    """Whether some beginning of `word` is within `edits` edits of `stem` (Levenshtein)."""
    word, stem = word.translate(_PLAIN), stem.translate(_PLAIN)
    previous = list(range(len(word) + 1))
    for i, letter in enumerate(stem, 1):
        row = [i]
        for j, other in enumerate(word, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (letter != other)))
        if min(row) > edits:
            return False
        previous = row
    return min(previous) <= edits


def _without_names(text: str, ignored: Set[str]) -> str:
    # "[ID-NUMBER]" and the like were put there by masking, not written by the participant.
    # Letters sent decomposed (NFD: "ї" as і and a combining diaeresis) are one letter.
    folded = unicodedata.normalize("NFC", PLACEHOLDER.sub(" ", text)).casefold()
    for term in sorted(ignored, key=len, reverse=True):
        if " " in term:
            folded = folded.replace(term, " ")
    return folded


def counted_words(text: str, ignore: Iterable[str] = (), letters: Collection[str] = ()) -> List[str]:
    """The words of `text` that say something about its language: not one letter alone,
    unless it is a Ge'ez syllable, or one of `letters` (`letter_words`) beside a word of the
    message's own ("kursy w bergen?"; in "r u a bot" the "u" says nothing)."""
    ignored = {t.casefold() for t in ignore}
    words = [w for w in _WORD.findall(_without_names(text, ignored))
             if not is_loanword(w) and w not in ignored and (len(w) > 1 or _is_syllable(w) or w in letters)]
    if not any(w not in letters and w not in SHARED_WORDS for w in words):
        words = [w for w in words if w not in letters]
    return _beyond_shared(words)


def letter_words(nlu_dir: Path) -> Dict[str, str]:
    """One-letter Latin words that the participants of one Latin-script language write far
    more than those of any other language, and that language: Polish "w" and "z" (in, with),
    Norwegian "å", Lithuanian "į". "kursy w bergen?" is Polish, though "kursy" alone is
    Russian or Ukrainian in Latin letters too. Read from the training data; "i", "a" and "o"
    are written in too many languages to count."""
    counts: Dict[str, Counter] = defaultdict(Counter)
    for language in (code for codes in SCRIPT_LANGUAGES.values() for code in codes):
        for text in training_texts(nlu_dir, language):
            for word in _WORD.findall(_without_names(text, set())):
                if len(word) == 1 and _script_of_letter(word) == "latin":
                    counts[word][language] += 1
    owners = {}
    for word, languages in counts.items():
        language, count = languages.most_common(1)[0]
        if (language in SCRIPT_LANGUAGES["latin"] and count >= LETTER_WORD_COUNT
                and count >= LETTER_WORD_SHARE * sum(languages.values())):
            owners[word] = language
    return owners


def _is_syllable(word: str) -> bool:
    """A one-letter word of Ge'ez script, which writes a syllable per letter: "ኖ" (no) and
    "እሞ" are words, where a lone Latin, Cyrillic or Arabic letter says nothing."""
    return word.isalpha() and _script_of_letter(word) == "ethiopic"


def _beyond_shared(words: List[str]) -> List[str]:
    """`words` without the SHARED_WORDS, unless they are all there is."""
    own = [w for w in words if w not in SHARED_WORDS]
    return own or words


def latin_words(text: str, ignore: Iterable[str] = ()) -> List[str]:
    """Like `counted_words`, without diacritics and with the digits inside words ("3andi")."""
    ignored = {t.casefold() for t in ignore}
    return _beyond_shared(folded_words(_without_names(text, ignored),
                                       lambda w: not is_loanword(w) and w not in ignored))


def script_of(text: str) -> str:
    """The dominant script of the letters in `text`: another script than Latin when it
    has at least half as many letters or as many words as Latin has."""
    counts: Dict[str, int] = defaultdict(int)
    words: Dict[str, int] = defaultdict(int)
    for word in text.split():
        letters = [ch for ch in word if ch.isalpha()]
        if letters:
            words[_script_of_letter(letters[0])] += 1
    for ch in text:
        if ch.isalpha():
            counts[_script_of_letter(ch)] += 1
    if not counts:
        return "none"
    # Latin words inside a Cyrillic or Arabic-script message are mostly loans and names,
    # and NAV's long words ("чи діє yrkesskadeforsikring на praksisplass?") outweigh
    # the short words of the sentence around them in letters, not in words.
    others = [s for s in counts if s != "latin"]
    if others:
        strongest = max(others, key=counts.__getitem__)
        if counts[strongest] * 2 >= counts.get("latin", 0) or words[strongest] >= words.get("latin", 0):
            return strongest
    return "latin"


def _script_of_letter(ch: str) -> str:
    code = ord(ch)
    if 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF or 0xAB00 <= code <= 0xAB2F:
        return "ethiopic"
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if 0x0400 <= code <= 0x04FF:
        return "cyrillic"
    if "LATIN" in unicodedata.name(ch, ""):
        return "latin"
    return "other"
