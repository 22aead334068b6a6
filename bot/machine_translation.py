"""Client of a self-hosted LibreTranslate-compatible translation server (`AMO_TRANSLATE_URL`).

Off by default. Only masked text is ever sent: the caller passes what the stores hold
(questions are masked when recorded) or masks first (a caseworker's answer). A server
that is down or answers nonsense gives `TranslationUnavailable`, never a crash: the
dashboard then says so and works as without machine translation.
"""

from __future__ import annotations

import logging
from typing import Optional

import httpx

logger = logging.getLogger(__name__)

TIMEOUT = httpx.Timeout(10.0, connect=3.0)


class TranslationUnavailable(Exception):
    """The translation server could not translate this text now."""


class MachineTranslator:
    """POST /translate {q, source, target, format} -> {"translatedText": ...}."""

    def __init__(self, url: str, api_key: str = "", transport: Optional[httpx.BaseTransport] = None):
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.client = httpx.Client(timeout=TIMEOUT, transport=transport)

    def translate(self, text: str, source: str, target: str) -> str:
        if source == target or not text.strip():
            return text
        body = {"q": text, "source": _code(source), "target": _code(target), "format": "text"}
        if self.api_key:
            body["api_key"] = self.api_key
        try:
            answer = self.client.post(f"{self.url}/translate", json=body)
            answer.raise_for_status()
            translated = answer.json().get("translatedText")
        except (httpx.HTTPError, ValueError, AttributeError) as exc:
            logger.warning("Machine translation %s->%s failed: %s", source, target, exc)
            raise TranslationUnavailable(str(exc)) from exc
        if not isinstance(translated, str) or not translated.strip():
            raise TranslationUnavailable("empty translation")
        return translated


def _code(language: str) -> str:
    # LibreTranslate names Norwegian Bokmål "nb"; Dari is read as Persian.
    return {"fa-af": "fa", "prs": "fa"}.get(language, language)
