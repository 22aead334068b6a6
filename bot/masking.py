"""Masking of personal identifiers before a participant's text is stored or logged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Tuple

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_ACCOUNT_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

# 11 digits, optionally grouped as 6+5 (fødselsnummer) or 4.2.5 (account number).
_ELEVEN = re.compile(r"(?<!\d)(\d{6}[ .-]?\d{5}|\d{4}[ .]\d{2}[ .]\d{5})(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d(?:[ .-]?\d){7,13}(?!\d)")


def _mod11(digits: str, weights: Tuple[int, ...]) -> int:
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return 0 if remainder == 0 else 11 - remainder


def is_national_id(number: str) -> bool:
    """True for a fødselsnummer or D-number with valid check digits."""
    if len(number) != 11 or not number.isdigit():
        return False
    k1 = _mod11(number[:9], _W1)
    k2 = _mod11(number[:10], _W2)
    return k1 < 10 and k2 < 10 and number[9] == str(k1) and number[10] == str(k2)


def looks_date_based(number: str) -> bool:
    """Shaped like DDMMYY... (D-numbers add 4 to the first digit)."""
    day, month = int(number[:2]), int(number[2:4])
    if day > 40:
        day -= 40
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


def mask(text: str) -> Masked:
    """Replaces identity numbers, account numbers, e-mail addresses and phone numbers.

    Any 11-digit number shaped like a birth date is masked even if its check digits
    fail: from 2032 new numbers may use other check-digit rules.
    """
    kinds: List[str] = []

    def eleven(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        if is_national_id(digits) or looks_date_based(digits):
            kinds.append("national_id")
            return "[ID-NUMBER]"
        if is_account_number(digits):
            kinds.append("account_number")
            return "[ACCOUNT-NUMBER]"
        kinds.append("number")
        return "[NUMBER]"

    def email(match: re.Match[str]) -> str:
        kinds.append("email")
        return "[E-MAIL]"

    def phone(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        if len(digits) < 8:
            return match.group(0)
        kinds.append("phone")
        return "[PHONE]"

    text = _ELEVEN.sub(eleven, text)
    text = _EMAIL.sub(email, text)
    text = _PHONE.sub(phone, text)
    return Masked(text, tuple(dict.fromkeys(kinds)))
