"""A yes or no that may mean either. Spoken Polish says "no" for yes ("no, jasne", "no
dobra"): from a participant writing Polish, a bare "no" after an offer is asked about
("yes or no?", with both buttons), never taken for a refusal nor for a yes."""

from __future__ import annotations

import re
from typing import Optional

from rasa_sdk.executor import CollectingDispatcher

from actions.base import Reply
from bot.i18n.catalogs import N_

_POLISH_NO = re.compile(r"n+o+[.!?…]*")
NOT_SURE = N_("I am not sure whether you mean yes or no.")


def ambiguous_no(text: Optional[str], language: str) -> bool:
    return language == "pl" and _POLISH_NO.fullmatch((text or "").strip().lower()) is not None


def ask_yes_or_no(dispatcher: CollectingDispatcher, reply: Reply, yes: str, no: str) -> None:
    """Asks again, with buttons that do what a clear yes and no would (`yes`, `no`: their
    payloads); a typed yes then does what the Yes button does (actions/fallback.py)."""
    reply.add(reply.t(NOT_SURE))
    reply.send(dispatcher, buttons=[(N_("Yes"), yes), (N_("No"), no)], offer=yes, clarifies=True)
