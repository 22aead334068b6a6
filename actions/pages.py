"""Actions that answer from the shared pages: placement, problems, money, costs, applying,
appeals, illness and absence, changing course, what comes after, and where to call in a crisis."""

from __future__ import annotations

import abc
from typing import Any, Dict, List, Optional, Sequence

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import Button, LocalizedAction, Reply
from actions.meanings import INTENT_MEANING, named_in
from bot.content.model import Figure, Page
from bot.i18n.catalogs import N_
from bot.i18n.formatting import isolate, money, number

_MONEY_UNITS = {"nok", "nok_per_day", "nok_per_km", "nok_per_month"}


def figure_value(reply: Reply, figure: Figure) -> str:
    if figure.unit in _MONEY_UNITS:
        return money(figure.value, reply.language)
    if figure.unit == "percent":
        return number(figure.value, reply.language)  # the text carries the %% sign
    return number(figure.value, reply.language)


def render_page(reply: Reply, page: Page) -> None:
    """Title, sections with locale-formatted figures, and the source of each section."""
    reply.add(reply.c(page.title).around("*", "*"))
    for section in page.sections:
        values = {f.name: figure_value(reply, f) for f in section.figures if f.name}
        reply.add(reply.c(section.text, **values))
        undated = [f for f in section.figures if not f.as_of]
        if any(f.unit in _MONEY_UNITS for f in undated):
            reply.add(reply.t("(The year of this rate is not confirmed: check with your caseworker.)"))
        elif undated:
            reply.add(reply.t("(The year of this figure is not confirmed: check with your caseworker.)"))
        elif not section.confirmed:
            reply.add(reply.t("(Not confirmed: ask your caseworker.)"))
        for source in section.sources:
            if source.get("url"):
                reply.add(reply.t("Source: %(title)s %(url)s", title=source["title"], url=isolate(source["url"])))
            else:
                reply.add(reply.t("Source: %(title)s", title=source["title"]))


class PageAction(LocalizedAction):
    """Shows one or more catalogue pages."""

    pages: Sequence[str] = ()
    buttons: Sequence[Button] = ()

    @abc.abstractmethod
    def name(self) -> str: ...

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        catalogue = self.catalogue()
        reply = self.reply(tracker)
        for page_id in self.pages:
            page = catalogue.pages.get(page_id)
            if page is not None:
                render_page(reply, page)
        if not reply.lines:
            reply.add(reply.t("I do not have this information yet. Your caseworker can answer."))
        reply.send(dispatcher, buttons=self.buttons)
        return self.events()

    def events(self) -> List[Dict[str, Any]]:
        return []


_CASEWORKER = (N_("Talk to a caseworker"), "/contact_caseworker")


class ActionPlacementInfo(PageAction):
    pages = ("placement",)
    buttons = ((N_("Something is wrong at my placement"), "/placement_problem"), _CASEWORKER)

    def name(self) -> str:
        return "action_placement_info"


class ActionPlacementProblem(PageAction):
    pages = ("placement-problems",)
    buttons = ((N_("Yes, pass it to a caseworker"), "/contact_caseworker"),
               (N_("Ask for another course"), "/change_course"))

    def name(self) -> str:
        return "action_placement_problem"

    def events(self) -> List[Dict[str, Any]]:
        return [SlotSet("urgent", True)]


class ActionAllowance(PageAction):
    pages = ("money",)
    buttons = (_CASEWORKER,)

    def name(self) -> str:
        return "action_allowance"


class ActionApplyCourse(PageAction):
    pages = ("apply",)
    buttons = ((N_("Courses"), "/list_courses"), _CASEWORKER)

    def name(self) -> str:
        return "action_apply_course"


_APPEAL = (N_("How to appeal"), "/appeal")
_OTHER_COURSE = (N_("Ask for another course"), "/change_course")


class ActionAppeal(PageAction):
    pages = ("appeals",)
    buttons = (_OTHER_COURSE, _CASEWORKER)

    def name(self) -> str:
        return "action_appeal"


class ActionExtraCosts(PageAction):
    pages = ("costs",)
    buttons = ((N_("Money during a course"), "/allowance"), _CASEWORKER)

    def name(self) -> str:
        return "action_extra_costs"


class ActionIllness(PageAction):
    pages = ("illness",)
    buttons = ((N_("Money during a course"), "/allowance"), _CASEWORKER)

    def name(self) -> str:
        return "action_illness"


class ActionChangeCourse(PageAction):
    pages = ("change-course",)
    buttons = (_APPEAL, (N_("Courses"), "/list_courses"), _CASEWORKER)

    def name(self) -> str:
        return "action_change_course"


class ActionAfterCourse(PageAction):
    pages = ("after-course",)
    buttons = ((N_("Courses"), "/list_courses"), _CASEWORKER)

    def name(self) -> str:
        return "action_after_course"


class ActionCrisis(PageAction):
    """Thoughts of suicide or self-harm, or a life in danger: the emergency number, the
    helplines open day and night and the legevakt. No buttons: nothing should come before
    the numbers. A message the classifier read first as something else and answered as a
    crisis for the crisis it also saw (bot/rasa/crisis.py) is then offered the answer to
    what came first, in a message of its own after the numbers, so nothing it asked is lost.
    A crisis written in a language the bot does not speak (or that it took for one: Tigrinya
    in Latin letters can look like Swahili) still gets the page, in the language of the
    conversation or the default, after the message that it does not speak the language."""

    pages = ("crisis",)
    in_any_language = True

    def name(self) -> str:
        return "action_crisis"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        events = await super().respond(dispatcher, tracker, domain)
        first = read_first(tracker)
        # Nothing else is answered in a language the bot does not speak.
        offered = not tracker.get_slot("language_unsupported")
        if offered and first in INTENT_MEANING and first not in NOTHING_TO_OFFER:
            reply = self.reply(tracker)
            reply.add(reply.t("Did you mean: %(meaning)s?", meaning=reply.t(INTENT_MEANING[first])))
            offer = f"/{first}{named_in(tracker)}"
            reply.send(dispatcher, buttons=[(N_("Yes"), offer)], offer=offer)
        return events


# Read first, these have no answer worth offering after the numbers (bot/rasa/crisis.py
# never keeps a crisis as what was read first).
NOTHING_TO_OFFER = ("greet", "not_understood")


def read_first(tracker: Tracker) -> Optional[str]:
    """The intent the classifier read a message as before answering it as a crisis for the
    crisis it also saw (bot/rasa/crisis.py keeps it as `read_first`); None otherwise."""
    message = tracker.latest_message or {}
    if (message.get("intent") or {}).get("name") != "crisis":
        return None
    return message.get("read_first") or None


# Despair read as frustration with this much confidence left for a crisis also gets the
# crisis page, before the answer to despair: a missed crisis costs more than numbers shown
# to someone who did not need them. Any other intent becomes a crisis at the same share
# (config.yml, bot/rasa/crisis.py; tests/bot/rasa/test_crisis.py keeps the two equal).
CRISIS_RUNNER_UP = 0.2


def crisis_confidence(tracker: Tracker) -> float:
    ranking = tracker.latest_message.get("intent_ranking") or []
    return max((i.get("confidence") or 0.0 for i in ranking if i.get("name") == "crisis"), default=0.0)


class ActionCrisisIfLikely(ActionCrisis):
    """Before the answer to despair: the crisis page, when the classifier gave a crisis at
    least CRISIS_RUNNER_UP (despair read as frustration at 0.76 with a crisis at 0.24 beside
    it); nothing otherwise."""

    def name(self) -> str:
        return "action_crisis_if_likely"

    async def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        if crisis_confidence(tracker) < CRISIS_RUNNER_UP:
            return []
        return await super().respond(dispatcher, tracker, domain)
