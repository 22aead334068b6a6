"""Trackers as the action server receives them, and one way to run an action on them.

Built with rasa_sdk's `Tracker.from_dict` from the JSON shape Rasa posts to the action
server, so a test states only what matters to it: the text, intent, slots and events.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

Json = Dict[str, Any]


def tracker(text: str, slots: Optional[Json] = None, intent: str = "greet", *,
            entities: Optional[List[Json]] = None, metadata: Optional[Json] = None,
            ranking: Optional[List[Json]] = None, confidence: float = 0.9,
            events: Optional[List[Json]] = None, sender: str = "s1") -> Tracker:
    """The tracker after the user said `text`, waiting for the next action."""
    latest: Json = {"text": text, "intent": {"name": intent, "confidence": confidence},
                    "entities": entities or [], "metadata": metadata or {}}
    if ranking is not None:
        latest["intent_ranking"] = ranking
    return Tracker.from_dict({
        "sender_id": sender, "slots": slots or {}, "latest_message": latest,
        "events": events or [], "paused": False, "followup_action": None,
        "active_loop": {}, "latest_action_name": "action_listen",
    })


def run(action: Action, state: Tracker, domain: Optional[Json] = None) -> Tuple[List[Json], List[Json]]:
    """The events the action returns and the messages it sends."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, state, domain or {}))
    return list(events), dispatcher.messages
