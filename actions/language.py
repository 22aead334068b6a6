"""Actions that decide, change and announce the conversation's language, and greet."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import MENU, LocalizedAction, Reply
from actions.courses import ActionCourseDetails
from actions.inbox import note_message
from bot.content.matcher import matcher_for
from bot.content.model import Catalogue
from bot.i18n.catalogs import N_
from bot.language.decision import Decision, decide
from bot.language.others import language_name, other_language_named_in
from bot.language.supported import (
    BY_CODE,
    LANGUAGES,
    language_named_in,
    languages_named_in,
    native_names,
    normalise_code,
)
from bot.language.textmatch import COURSE_WORDS, fold
from bot.services import get_services


def language_buttons(codes: Optional[Sequence[str]] = None) -> List[Dict[str, str]]:
    """One button per language (all of them, or `codes`), each named in its own script."""
    chosen = [BY_CODE[code] for code in codes] if codes else LANGUAGES
    return [{"title": lang.native_name, "payload": f'/choose_language{{"language":"{lang.code}"}}'}
            for lang in chosen]


def channel_hint(metadata: Optional[Dict[str, Any]]) -> Optional[str]:
    """The channel's language hint: REST `metadata.language`, Telegram `language_code`."""
    if not isinstance(metadata, dict):
        return None
    for key in ("language", "language_code"):
        code = normalise_code(metadata.get(key))
        if code:
            return code
    return None


# Requests to switch ("english please", "можно по-русски?") score about 1.0. A
# choose_language message below this confidence that names another language than the
# one it is written in ("Can I get an interpreter in Arabic?" scored 0.6) asks first.
CHOICE_CONFIDENCE = 0.8


def classifier_confidence(message: Dict[str, Any]) -> float:
    """The classifier's confidence in the message's intent. Rasa's two-stage fallback puts a
    rephrased message back with its confidence set to 1.0; its ranking keeps the classifier's."""
    intent = message.get("intent") or {}
    for ranked in message.get("intent_ranking") or []:
        if ranked.get("name") == intent.get("name"):
            return float(ranked.get("confidence") or 0.0)
    return float(intent.get("confidence") or 0.0)


def replayed(tracker: Tracker) -> bool:
    """Whether the latest message is read a second time: when a rephrased message ends the
    two-stage fallback, Rasa reverts it ("rewind") and puts it back, and slot validation
    runs on it again. The first reading has already said what it had to say."""
    users = [i for i, event in enumerate(tracker.events) if event.get("event") == "user"]
    if len(users) < 2:
        return False
    before, latest = users[-2], users[-1]
    return (any(event.get("event") == "rewind" for event in tracker.events[before + 1:latest])
            and tracker.events[before].get("text") == tracker.events[latest].get("text"))


def language_taken_back(tracker: Tracker) -> Optional[str]:
    """The language set in this session before Rasa's two-stage fallback took its message
    back: "ok" to "did you mean ...?" replaces the message it was about, and its slots go
    with it, but the conversation's language is still the one it was answered in."""
    if not replayed(tracker):
        return None
    for event in reversed(list(tracker.events)):
        if event.get("event") == "session_started":
            return None
        if event.get("event") == "slot" and event.get("name") == "language" and event.get("value") in BY_CODE:
            return str(event["value"])
    return None


def sure_choice(tracker: Tracker) -> bool:
    """Whether a choose_language message surely asks to switch: confident, and not talking
    of a course ("is the course in English?" asks about the course as likely)."""
    text = tracker.latest_message.get("text") or ""
    if not text.startswith("/") and any(w.startswith(COURSE_WORDS) for w in fold(text).split()):
        return False
    return classifier_confidence(tracker.latest_message) >= CHOICE_CONFIDENCE


def of_two_named(named: List[str], written: Optional[str], current: Optional[str]) -> Optional[str]:
    """The language asked for, of several named in one message. Norwegian beside one other is
    named to say it is not read well ("Я плохо читаю по-норвежски, можно на русском?",
    "norsken min er på A2, kan du skrive på engelsk?", "I don't read Norwegian well, Arabic
    please"): the other, unless the message is written in Norwegian and the other is the
    language the bot answers in now ("kan du skrive på norsk i stedet for engelsk?"). Else the
    language the message is written in, when it is one of them; else none is sure, and the
    choice is shown."""
    others = [code for code in named if code != "nb"]
    if "nb" in named and len(others) == 1:
        return "nb" if written == "nb" and others[0] == current else others[0]
    return written if written in named else None


def explicit_choice(tracker: Tracker, catalogue: Optional[Catalogue] = None) -> Optional[str]:
    """The language a choose_language message asks for. A language named only inside a
    course's name ("is there a Norwegian course?", "курс норвежского языка") is the
    course, not a choice (with `catalogue` to find course names in)."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent != "choose_language":
        return None
    text = tracker.latest_message.get("text") or ""
    rest = text
    if catalogue is not None and not text.startswith("/"):
        rest = matcher_for(catalogue).without_courses(text)
        if rest != text and not language_named_in(rest):
            return None
    # The languages of the model's entities, in order (None for a name it cannot place).
    found = [normalise_code(str(v)) or language_named_in(str(v))
             for v in tracker.get_latest_entity_values("language") if str(v)]
    # The model may find a language the word lists do not ("по-норвезьки"), and the other way
    # round: a message naming two is judged on both.
    named = [] if text.startswith("/") else list(dict.fromkeys(
        [*languages_named_in(rest), *(code for code in found if code)]))
    if len(named) > 1:
        return of_two_named(named, get_services().languages.detect(text).language, tracker.get_slot("language"))
    if found:
        return found[0]
    return language_named_in(text)


def catalogue_or_none(action: LocalizedAction) -> Optional[Catalogue]:
    """The catalogue, or None when it cannot be read: a broken catalogue must not stop
    language handling."""
    try:
        return action.catalogue()
    except Exception:
        return None


class ActionDetectLanguage(LocalizedAction):
    """Sets the `language` slot after every message.

    It runs as Rasa's global slot validation action, which Rasa calls once after
    every user message and whose messages (the switch note) reach the participant.
    """

    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        return await self.respond(dispatcher, tracker, domain)

    def decision(self, tracker: Tracker) -> Decision:
        text = tracker.latest_message.get("text") or ""
        current = tracker.get_slot("language")
        current = current if current in BY_CODE else language_taken_back(tracker)
        catalogue = catalogue_or_none(self)
        explicit = explicit_choice(tracker, catalogue)
        if text.startswith("/"):  # a button payload carries no language of its own
            text = ""
        ignore = matcher_for(catalogue).name_terms(text) if catalogue is not None else []
        detection = self.services.languages.detect(text, ignore=ignore)
        sure = sure_choice(tracker)
        decision = decide(current, detection, channel_hint(tracker.latest_message.get("metadata")),
                          explicit if sure else None, self.services.settings.default_language)
        if explicit and not sure and explicit != decision.language:
            # Maybe a request to switch, maybe a question that names a language: asked.
            choices = tuple(dict.fromkeys((*(decision.choices or (decision.language,)), explicit)))
            return Decision(decision.language, None, False, "unsure", choices)
        return decision

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        decision = self.decision(tracker)
        events: List[Dict[str, Any]] = []
        if tracker.get_slot("language") != decision.language:
            events.append(SlotSet("language", decision.language))
        if bool(tracker.get_slot("language_unsupported")) != decision.unsupported:
            events.append(SlotSet("language_unsupported", decision.unsupported))
        if replayed(tracker):
            return events
        note_message(self.services, tracker, decision.language, decision.unsupported)
        if decision.unsupported:
            self._unsupported(dispatcher)
        elif decision.choices:
            self._offer(dispatcher, decision.choices)
        elif decision.reason == "default" and not self._greeting_or_button(tracker):
            # Nothing in a first message said its language ("thanks", "ok", "12345"): the
            # participant sees which language the bot chose, and how to change it.
            reply = Reply(self.services, decision.language)
            reply.add(reply.t("I answer in %(language)s. You can choose another language below.",
                              language=BY_CODE[decision.language].native_name))
            reply.send(dispatcher, raw_buttons=language_buttons())
        elif decision.switched_from and decision.reason == "detected":
            reply = Reply(self.services, decision.language)
            reply.add(reply.t("I will answer in %(language)s now.",
                              language=BY_CODE[decision.language].native_name))
            reply.send(dispatcher, buttons=[(N_("Change language"), "/choose_language")])
        return events

    @staticmethod
    def _greeting_or_button(tracker: Tracker) -> bool:
        """A greeting shows the languages itself; a button press chose what it pressed."""
        text = tracker.latest_message.get("text") or ""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        return text.startswith("/") or intent == "greet"

    def _offer(self, dispatcher: CollectingDispatcher, choices: Sequence[str]) -> None:
        """Russian or Ukrainian, Arabic or Persian in Latin letters: the question in each of
        them, one button each; the answer that follows is in the first."""
        question = "\n".join(self.services.translator.gettext(code, "Which language do you want?")
                             for code in choices)
        dispatcher.utter_message(text=question, buttons=language_buttons(choices))

    def _unsupported(self, dispatcher: CollectingDispatcher) -> None:
        names = ", ".join(native_names())
        # Deliberately in English and Norwegian at once: we do not know the reader's language.
        en = self.services.translator.gettext("en", "Sorry, I do not speak that language yet. I can talk in: %(languages)s.", languages=names)
        nb = self.services.translator.gettext("nb", "Sorry, I do not speak that language yet. I can talk in: %(languages)s.", languages=names)
        dispatcher.utter_message(text=f"{en}\n{nb}", buttons=language_buttons())


class ActionGreet(LocalizedAction):
    """Greets in the participant's language and offers the languages and the main topics."""

    def name(self) -> str:
        return "action_greet"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        reply = self.reply(tracker)
        reply.add(reply.t("Hello! I can tell you about NAV's labour-market courses (AMO), the work placement and money during a course."))
        reply.add(reply.t("I answer in %(language)s. You can choose another language below.",
                          language=BY_CODE[reply.language].native_name))
        reply.send(dispatcher, buttons=MENU, raw_buttons=language_buttons())
        return []


class ActionChooseLanguage(LocalizedAction):
    """Confirms a chosen language, or shows the choice when none was named."""

    def name(self) -> str:
        return "action_choose_language"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        chosen = explicit_choice(tracker, catalogue_or_none(self))
        if explicit_choice(tracker) and not chosen:
            # The language named is a course's name: the message asks about the course.
            return await ActionCourseDetails().respond(dispatcher, tracker, domain)
        if chosen and not sure_choice(tracker) and chosen != self.language(tracker):
            return []  # the language action has asked which of the two languages
        reply = self.reply(tracker)
        if chosen:
            reply.add(reply.t("OK, I will answer in %(language)s.",
                              language=BY_CODE[reply.language].native_name))
            reply.send(dispatcher, buttons=MENU)
        else:
            text = tracker.latest_message.get("text") or ""
            other = None if text.startswith("/") else other_language_named_in(text)
            if other:
                # "Do you speak Kurdish?": say so honestly, in the language of the question.
                reply.add(reply.t("Sorry, I do not speak %(language)s yet. I can talk in: %(languages)s.",
                                  language=language_name(other, reply.language),
                                  languages=", ".join(native_names())))
            else:
                reply.add(reply.t("Which language do you want?"))
            reply.send(dispatcher, raw_buttons=language_buttons())
        return []
