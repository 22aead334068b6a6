"""Locale-aware formatting of numbers, money and dates, and right-to-left text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Union

from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal, get_decimal_symbol

from bot.language.supported import is_rtl

Number = Union[int, float]

RLM = "\u200f"  # right-to-left mark
FSI, PDI = "\u2068", "\u2069"  # first-strong isolate ... pop directional isolate


def locale_of(language: str) -> str:
    """Babel locale for a language code (Dari is written with the Persian locale)."""
    return {"nb": "nb_NO"}.get(language, language)


def number(value: Number, language: str) -> str:
    return format_decimal(value, locale=locale_of(language))


def money(value: Number, language: str, currency: str = "NOK") -> str:
    """An amount of money in the language's style; whole kroner without decimals, as NAV writes."""
    locale = locale_of(language)
    text = format_currency(value, currency, locale=locale)
    if float(value).is_integer():
        decimal_symbol = get_decimal_symbol(locale)
        text = re.sub(re.escape(decimal_symbol) + r"0+(?!\d)", "", text)
    # CLDR's currency spacing, which Babel leaves out: a currency written in letters is kept
    # apart from the digits by a no-break space ("NOK 285", not "NOK285").
    return _LETTERS_AGAINST_DIGITS.sub("\u00a0", text)


_LETTERS_AGAINST_DIGITS = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def date(value: Union[dt.date, str], language: str, fmt: str = "long") -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return _babel_date(value, format=fmt, locale=locale_of(language))


def isolate(fragment: str) -> str:
    """Wraps a fragment of unknown direction (URL, course name, number) in an isolate."""
    return f"{FSI}{fragment}{PDI}"


def directional(text: str, language: str) -> str:
    """Makes a right-to-left reply render right-to-left line by line in any client.

    Each line starts with a right-to-left mark, so a line that opens with "NAV", a
    number or a URL is still laid out from the right.
    """
    if not is_rtl(language):
        return text
    return "\n".join(RLM + line if line and not line.startswith(RLM) else line
                     for line in text.split("\n"))
