"""Base of every custom action: language, translation, catalogue and a polite failure."""

from __future__ import annotations

import abc
import logging
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.content.model import Catalogue
from bot.i18n.catalogs import CONTENT, N_
from bot.i18n.formatting import directional
from bot.language.supported import BY_CODE
from bot.services import Services, get_services

logger = logging.getLogger(__name__)

Button = Tuple[str, str]  # (msgid of the title, payload)

MENU: Sequence[Button] = (
    (N_("Courses"), "/list_courses"),
    (N_("Work placement"), "/placement_info"),
    (N_("Money during a course"), "/allowance"),
    (N_("Talk to a caseworker"), "/contact_caseworker"),
)


class Text(str):
    """A translated text that remembers the catalog text it was made from.

    The source travels with the bot's message (metadata `lines`), so the caseworker
    dashboard can show the bot's turn in the caseworker's language.
    """

    source: Dict[str, Any]

    @classmethod
    def of(cls, text: str, source: Dict[str, Any]) -> Text:
        made = cls(text)
        made.source = source
        return made

    def around(self, prefix: str, suffix: str = "") -> Text:
        """The text with marks around it ("*title*", "• line"), keeping its source."""
        return Text.of(f"{prefix}{self}{suffix}", {"prefix": prefix, "suffix": suffix, "text": self.source})


def _plain(params: Dict[str, Any]) -> Dict[str, Any]:
    """Parameters as JSON; a parameter that is itself a catalog text keeps its source."""
    def plain(value: Any) -> Any:
        if isinstance(value, Text):
            return {"text": value.source}
        return value if isinstance(value, (int, float)) else str(value)

    return {k: plain(v) for k, v in params.items()}


class Reply:
    """Collects the lines of one reply in one language; notes untranslated content once."""

    def __init__(self, services: Services, language: str):
        self.services = services
        self.language = language
        self.lines: List[str] = []
        self.sources: List[Optional[Dict[str, Any]]] = []
        self.untranslated = False

    def t(self, msgid: str, /, **params: Any) -> Text:
        return Text.of(self.services.translator.gettext(self.language, msgid, **params),
                       {"msgid": msgid, "params": _plain(params)})

    def nt(self, singular: str, plural: str, n: int, /, **params: Any) -> Text:
        """Plural-aware `t`: `%(n)s` is the count."""
        return Text.of(self.services.translator.ngettext(self.language, singular, plural, n, **params),
                       {"msgid": singular, "plural": plural, "n": n, "params": _plain(params)})

    def c(self, text: str, /, **params: Any) -> Text:
        """A catalogue text (Norwegian source) in the reply's language."""
        found = self.services.translator.lookup(CONTENT, self.language, text, **params)
        if found.missing:
            self.untranslated = True
        return Text.of(found.text, {"domain": CONTENT, "msgid": text, "params": _plain(params)})

    def add(self, line: str) -> Reply:
        self.lines.append(line)
        self.sources.append(getattr(line, "source", None))
        return self

    def extend(self, lines: Iterable[str]) -> Reply:
        """Adds several lines, each keeping its catalog source."""
        for line in lines:
            self.add(line)
        return self

    def text(self) -> str:
        lines = list(self.lines)
        if self.untranslated:
            lines.append(self.t("(Some of this text is not yet translated into your language and is shown in English or Norwegian.)"))
        return directional("\n".join(lines), self.language)

    def send(self, dispatcher: CollectingDispatcher, buttons: Sequence[Button] = (),
             raw_buttons: Sequence[Dict[str, str]] = (), offer: Optional[str] = None,
             clarifies: bool = False) -> None:
        """`offer`: the payload a typed yes stands for (actions/fallback.py, ActionAffirm);
        `clarifies`: the message asks again about the offer before it (actions/inbox.py)."""
        rendered = [{"title": self.t(title), "payload": payload} for title, payload in buttons]
        rendered.extend(raw_buttons)
        # `lines`, `offer` and `clarifies` are kept in the bot event's metadata; channels do
        # not show them.
        extra: Dict[str, Any] = {"offer": offer} if offer else {}
        if clarifies:
            extra["clarifies"] = True
        dispatcher.utter_message(text=self.text(), buttons=rendered or None, lines=self.sources, **extra)


class LocalizedAction(Action, abc.ABC):
    """Runs `respond` with the participant's language; any failure becomes an apology.
    A message in a language the bot does not speak gets no answer but that it does not speak
    it, except from an action `in_any_language`: the crisis page's numbers are worth more than
    its language."""

    in_any_language = False

    @abc.abstractmethod
    def name(self) -> str: ...

    @property
    def services(self) -> Services:
        return get_services()

    def language(self, tracker: Tracker) -> str:
        return reply_for(tracker).language

    def reply(self, tracker: Tracker) -> Reply:
        return reply_for(tracker)

    def catalogue(self) -> Catalogue:
        return self.services.catalogue.current()

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        if tracker.get_slot("language_unsupported") and not self.in_any_language:
            return []
        try:
            return await self.respond(dispatcher, tracker, domain)
        except Exception:
            logger.exception("Action %s failed for a message of %s", self.name(), tracker.sender_id)
            dispatcher.utter_message(response="utter_error")
            return []

    @abc.abstractmethod
    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]: ...


def reply_for(tracker: Tracker) -> Reply:
    """A reply in the conversation's language (the default when none is set yet)."""
    services = get_services()
    language = tracker.get_slot("language")
    return Reply(services, language if language in BY_CODE else services.settings.default_language)


def latest_entity(tracker: Tracker, entity: str) -> Optional[str]:
    """The value of `entity` in the latest message, if any."""
    value = next(tracker.get_latest_entity_values(entity), None)
    return str(value) if value is not None else None
