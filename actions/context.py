"""What the conversation is about: the course last talked about, and whether a short
message ("what about Bergen?") follows up on it or asks for the courses anew.

Read from the tracker's events, so nothing is stored beside Rasa's own slots.
"""

from __future__ import annotations

from typing import Optional

from rasa_sdk import Tracker

from bot.language.textmatch import COURSE_WORDS, fold_word, words

LIST_ACTION = "action_list_courses"
# Words that ask for courses in general ("courses in Bergen?", "курси в Бергені?"), as word
# beginnings; Tigrinya writes the plural "ኮርሳት" with another letter than "ኮርስ".
_LIST_WORDS = tuple(fold_word(w) for w in (*COURSE_WORDS, "ኮርሳ"))


def course_in_focus(tracker: Tracker) -> Optional[str]:
    """The course last talked about before the latest message: the `course` slot as it
    was then, unless a list of several courses was shown after it was set ("how long is
    it?" then has no one course to refer to). Rasa's slot mapping has already filled the
    slot from this message's entity, which the actions may reject (the pronoun "it")."""
    events = list(tracker.events or [])
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    if not users:
        return tracker.get_slot("course")
    for event in reversed(events[:users[-1]]):
        if event.get("event") == "action" and event.get("name") == LIST_ACTION:
            return None  # a list that showed one course set the slot after this event
        if event.get("event") == "slot" and event.get("name") == "course":
            value = event.get("value")
            return str(value) if value else None
    return None


def asks_for_courses(text: str) -> bool:
    """Whether `text` asks for courses in general rather than following up on one: it is
    a button's payload, or it has a word for "course" in it."""
    if text.startswith("/"):
        return True
    return any(word.startswith(_LIST_WORDS) for _start, _end, word in words(text))
