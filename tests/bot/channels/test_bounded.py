"""The channel's bounded memories forget the oldest entries, never the recent ones."""

from __future__ import annotations

import pytest

from bot.channels.bounded import BoundedDict
from bot.channels.telegram_bridge import CallbackPayloads
from bot.channels.telegram_delivery import ChatLanguages


def test_the_key_written_longest_ago_goes_first() -> None:
    memory: BoundedDict[str, int] = BoundedDict(2)
    memory["a"], memory["b"] = 1, 2
    memory["a"] = 3  # written again: now the newest
    memory["c"] = 4
    assert "b" not in memory and memory.get("b") is None
    assert (memory.get("a"), memory.get("c"), len(memory)) == (3, 4, 2)


def test_a_capacity_below_one_is_refused() -> None:
    with pytest.raises(ValueError):
        BoundedDict(0)


def test_languages_of_the_latest_chats_are_kept() -> None:
    languages = ChatLanguages(capacity=2)
    languages.remember(1, "ar")
    languages.remember(2, "uk")
    languages.remember(1, "ar")
    languages.remember(3, "xx")  # not a supported language: not remembered, nothing evicted
    languages.remember(4, "pl")
    assert (languages.get(1), languages.get(2), languages.get(4)) == ("ar", None, "pl")


def test_a_long_payload_key_is_forgotten_after_capacity_newer_ones() -> None:
    payloads = CallbackPayloads(capacity=2)
    keys = [payloads.data_for(f'/course_details{{"course":"{"x" * 60}{i}"}}') for i in range(3)]
    assert payloads.payload_for(keys[0]) is None
    assert payloads.payload_for(keys[2]) == f'/course_details{{"course":"{"x" * 60}2"}}'
