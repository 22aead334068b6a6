"""Rendering of dashboard pages with what every page's frame needs (language, user, token)."""

from __future__ import annotations

from typing import Any, Dict, Optional

from sanic.request import Request
from sanic.response import HTTPResponse

from bot.web.context import render, web
from bot.web.locale import LANGUAGES, Gettext, gettext_for, language_of

# Dashboard pages show personal questions: never cache them, in the browser or a proxy.
NO_STORE = {"Cache-Control": "no-store"}


def dashboard_page(request: Request, template: str, status: int = 200,
                   headers: Optional[Dict[str, str]] = None, **context: Any) -> HTTPResponse:
    """Renders `template` in the caseworker's language, with the logged-in user if any."""
    language = language_of(request)
    caseworker = getattr(request.ctx, "caseworker", None)
    frame = {
        "_": gettext_for(web(request).services.translator, language),
        "language": language,
        "other_languages": [code for code in LANGUAGES if code != language],
        "user": caseworker.user if caseworker else None,
        "csrf_token": caseworker.session.csrf_token if caseworker else "",
        "current_path": request.path,
    }
    return render(request, template, status=status, headers={**NO_STORE, **(headers or {})},
                  **{**frame, **context})


def gettext(request: Request) -> Gettext:
    """`_()` in the caseworker's language, for texts a handler composes."""
    return gettext_for(web(request).services.translator, language_of(request))
