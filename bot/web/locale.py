"""The dashboard's language (Norwegian or English), its texts, and dates and ages in it.

Caseworkers are NAV staff: the dashboard speaks Norwegian, or English on request,
through the gettext domain `dashboard`. Participants' languages are a separate
matter (the `messages` domain, see chat.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Optional

from babel.dates import format_datetime, format_timedelta, get_timezone
from sanic.request import Request

from bot.i18n.catalogs import DASHBOARD, Translator
from bot.i18n.formatting import locale_of
from bot.language.supported import negotiate

LANGUAGES = ("nb", "en")
DEFAULT = "nb"
# A browser set to Norwegian in general or to Nynorsk gets the Bokmål dashboard.
BROWSER_ALIASES = {"no": "nb", "nn": "nb"}
COOKIE = "amo_dash_lang"
# NAV's caseworkers are in Norway; times on the dashboard are Norwegian local time.
TIMEZONE = get_timezone("Europe/Oslo")

Gettext = Callable[..., str]


def D_(msgid: str) -> str:
    """Marks a dashboard text for extraction into the `dashboard` domain."""
    return msgid


def language_of(request: Request) -> str:
    """The caseworker's choice (cookie), else the browser's preference, else Norwegian."""
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return str(chosen)
    return negotiate(request.headers.get("accept-language"), LANGUAGES, BROWSER_ALIASES) or DEFAULT


def gettext_for(translator: Translator, language: str) -> Gettext:
    """`_(msgid, **params)` for templates and handlers, bound to one language."""
    def gettext(msgid: str, **params: Any) -> str:
        return translator.lookup(DASHBOARD, language, msgid, **params).text
    return gettext


def when(value: Optional[dt.datetime], language: str) -> str:
    """A timestamp in Norwegian local time, formatted for the dashboard's language."""
    if value is None:
        return ""
    return format_datetime(value, "short", tzinfo=TIMEZONE, locale=locale_of(language))


def age(value: dt.datetime, language: str, now: Optional[dt.datetime] = None) -> str:
    """How long a question has waited ("3 hours", "2 dager"), rounded like a person would."""
    delta = (now or dt.datetime.now(dt.timezone.utc)) - value
    return format_timedelta(max(delta, dt.timedelta(0)), granularity="minute", threshold=1.5,
                            locale=locale_of(language))
