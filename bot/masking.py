"""Masking of personal identifiers before a participant's text is stored or logged.

The text is read through a normalised view (NFKC, bidi and zero-width marks dropped,
every decimal digit folded to 0-9), so "010190 12345" with a no-break space, a
left-to-right mark, an en dash or Persian digits is found like the plain number.
Only the found spans are replaced in the original text; the rest stays as written.

Digit groups joined by a run of spaces, one dash, dot or slash (with spaces around
it or not) form a chain; parts of a chain are tested against the shapes below, the
longest first. Dates (12.03.2025, 2025-03-12), times (08.30-15.30), prices
(12 500), organisation numbers (9 digits) and course codes (AMO-2025-0142) have
none of these shapes and stay.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence, Tuple

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_ACCOUNT_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

# Dropped before matching: bidi marks, embeddings and isolates; zero-width characters.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u061c\u2060\ufeff\u00ad"
                       "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Between digit groups (after NFKC): dashes, dots, slashes, Arabic separators.
_JOIN = "\\-./\u2010-\u2015\u2212\u2044\u2215\u066b\u066c\u06d4"
_SEP = rf"(?:[ \t]*[{_JOIN}][ \t]*|[ \t]+)"
_CHAIN = re.compile(rf"(?<![0-9])[0-9]+(?:{_SEP}[0-9]+)*")
_PREFIXED_PHONE = re.compile(
    rf"(?<![\w+])\(?(?:\+[ \t]*|00)47\)?{_SEP}?[0-9](?:{_SEP}?[0-9]){{7}}(?![0-9])")
_AT = r"(?:@|[ \t]*[\[({][ \t]*(?:at|AT|At)[ \t]*[\])}][ \t]*)"
_DOT = r"(?:\.|[ \t]*[\[({][ \t]*(?:dot|DOT|punktum)[ \t]*[\])}][ \t]*)"
_EMAIL = re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)+")
_WORD_JOIN = "-_"

PLACEHOLDERS = {"national_id": "[ID-NUMBER]", "account_number": "[ACCOUNT-NUMBER]",
                "number": "[NUMBER]", "phone": "[PHONE]", "email": "[E-MAIL]"}
PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))


def _mod11(digits: str, weights: Tuple[int, ...]) -> int:
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return 0 if remainder == 0 else 11 - remainder


def is_national_id(number: str) -> bool:
    """True for a fødselsnummer or D-number with valid check digits."""
    if len(number) != 11 or not number.isdigit() or not looks_date_based(number):
        return False
    k1 = _mod11(number[:9], _W1)
    k2 = _mod11(number[:10], _W2)
    return k1 < 10 and k2 < 10 and number[9] == str(k1) and number[10] == str(k2)


def looks_date_based(number: str) -> bool:
    """Shaped like DDMMYY... (D-numbers add 40 to the day; H- and test numbers to the month)."""
    if len(number) < 6 or not number[:6].isdigit():
        return False
    day, month = int(number[:2]), int(number[2:4])
    if day > 40:
        day -= 40
    if month > 80:
        month -= 80
    elif month > 40:
        month -= 40
    return 1 <= day <= 31 and 1 <= month <= 12


def is_account_number(number: str) -> bool:
    if len(number) != 11 or not number.isdigit():
        return False
    check = _mod11(number[:10], _ACCOUNT_WEIGHTS)
    return check < 10 and number[10] == str(check)


@dataclass(frozen=True)
class Masked:
    text: str
    kinds: Tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.kinds)


def normalised(text: str) -> Tuple[str, List[int]]:
    """The matching view of `text`, and for each of its characters the index it came from."""
    out: List[str] = []
    origin: List[int] = []
    for index, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        for piece in unicodedata.normalize("NFKC", char) if ord(char) > 127 else char:
            if not piece.isascii() and unicodedata.category(piece) == "Nd":
                piece = str(unicodedata.decimal(piece))
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


@dataclass(frozen=True)
class _Group:
    digits: str
    start: int
    end: int
    sep_before: str  # the separator joining it to the previous group ("" for the first)


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1900 <= int(digits) <= 2099


def _valid_compact_date(digits: str) -> bool:
    """YYYYMMDD of a real calendar day (written without separators, not a phone number)."""
    if not _is_year(digits[:4]):
        return False
    month, day = int(digits[4:6]), int(digits[6:8])
    return 1 <= month <= 12 and 1 <= day <= 31


def _cuts(groups: Sequence[_Group]) -> Tuple[int, ...]:
    """Positions in the joined digits where one group ends and the next begins."""
    cuts, total = [], 0
    for group in groups[:-1]:
        total += len(group.digits)
        cuts.append(total)
    return tuple(cuts)


def _eleven(digits: str, cuts: Tuple[int, ...], weak: bool) -> Optional[str]:
    """The kind of an 11-digit part, or None. `weak`: only checksum evidence counts."""
    # Digit by digit ("0 1 0 1 9 0 ...") is a shape no date, time or price has.
    if (set(cuts) <= {2, 4, 6, 9} or len(cuts) == 10) and is_national_id(digits):
        return "national_id"
    # 4+2+5 as written in Norway, or 4+4+3 as in an IBAN (NO93 8601 1117 947).
    if (set(cuts) <= {4, 6} or cuts == (4, 8)) and is_account_number(digits):
        return "account_number"
    if weak:
        return None
    # From 2032 new numbers may use other check digits: a date-shaped number written
    # as one number or as 6+5 is taken for an identity number all the same.
    if set(cuts) <= {6} and looks_date_based(digits):
        return "national_id"
    if not cuts:
        return "number"
    return None


def _phone(groups: Sequence[_Group], digits: str, cuts: Tuple[int, ...]) -> bool:
    """Norwegian shapes: 8 digits starting 2-9, as one number, 4+4, 3+2+3 or 2+2+2+2."""
    if len(digits) != 8 or digits[0] in "01":
        return False
    spaced = all(not g.sep_before.strip() for g in groups[1:])
    if not cuts:
        return not _valid_compact_date(digits)
    if cuts == (4,):
        return spaced and not (_is_year(digits[:4]) and _is_year(digits[4:]))
    if cuts == (3, 5):
        return True
    return cuts == (2, 4, 6) and spaced


def _attached_to_word(norm: str, start: int, end: int) -> bool:
    """True when a chain is part of a code such as AMO-2025-0142 or K2025 0142."""
    before = norm[start - 1] if start > 0 else " "
    if before in _WORD_JOIN and start > 1:
        before = norm[start - 2]
    after = norm[end] if end < len(norm) else " "
    if after in _WORD_JOIN and end + 1 < len(norm):
        after = norm[end + 1]
    return before.isalpha() or after.isalpha()


def _chain_spans(norm: str, match: re.Match[str], phones: bool) -> List[Tuple[int, int, str]]:
    groups: List[_Group] = []
    for run in re.finditer(r"[0-9]+", match.group(0)):
        start = match.start() + run.start()
        previous_end = groups[-1].end if groups else start
        groups.append(_Group(run.group(0), start, match.start() + run.end(), norm[previous_end:start]))
    weak = _attached_to_word(norm, match.start(), match.end())
    spans: List[Tuple[int, int, str]] = []
    i = 0
    while i < len(groups):
        for j in range(len(groups) - 1, i - 1, -1):
            part = groups[i:j + 1]
            digits = "".join(g.digits for g in part)
            if len(digits) not in (8, 11):
                continue
            cuts = _cuts(part)
            kind = _eleven(digits, cuts, weak) if len(digits) == 11 else (
                "phone" if phones and not weak and _phone(part, digits, cuts) else None)
            if kind:
                spans.append((part[0].start, part[-1].end, kind))
                i = j
                break
        i += 1
    return spans


def _find(norm: str, phones: bool) -> List[Tuple[int, int, str]]:
    spans: List[Tuple[int, int, str]] = [(m.start(), m.end(), "email") for m in _EMAIL.finditer(norm)]
    if phones:
        spans += [(m.start(), m.end(), "phone") for m in _PREFIXED_PHONE.finditer(norm)
                  if not _overlaps(m.start(), m.end(), spans)]
    for match in _CHAIN.finditer(norm):
        spans += [s for s in _chain_spans(norm, match, phones) if not _overlaps(s[0], s[1], spans)]
    return sorted(spans)


def _overlaps(start: int, end: int, spans: Sequence[Tuple[int, int, str]]) -> bool:
    return any(start < e and s < end for s, e, _ in spans)


def _apply(text: str, spans: Sequence[Tuple[int, int, str]], origin: Sequence[int]) -> Masked:
    pieces, kinds, position = [], [], 0
    for start, end, kind in spans:
        first, last = origin[start], origin[end - 1] + 1
        pieces += [text[position:first], PLACEHOLDERS[kind]]
        kinds.append(kind)
        position = last
    pieces.append(text[position:])
    return Masked("".join(pieces), tuple(dict.fromkeys(kinds)))


def _masker(phones: bool) -> Callable[[str], Masked]:
    def run(text: str) -> Masked:
        if not any(ch.isdigit() or ch in "@\uff20\ufe6b[({" for ch in text):
            return Masked(text, ())
        norm, origin = normalised(text)
        return _apply(text, _find(norm, phones), origin)
    return run


_PARTICIPANT = _masker(phones=True)
_CASEWORKER = _masker(phones=False)


def mask(text: str) -> Masked:
    """A participant's text with identity, account and phone numbers and e-mail addresses replaced."""
    return _PARTICIPANT(text)


def mask_answer(text: str) -> Masked:
    """A caseworker's answer: as `mask`, but phone numbers stay (an answer gives NAV's
    numbers, and its dates and times must never turn into [PHONE])."""
    return _CASEWORKER(text)
