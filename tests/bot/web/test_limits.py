"""The web chat's message limits: sliding windows per key."""

from __future__ import annotations

from typing import List

from bot.web.limits import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_key_gets_its_limit_per_window_then_waits() -> None:
    clock = Clock()
    limiter = RateLimiter(window=60, clock=clock)
    assert [limiter.take([("c", 3)]) for _ in range(3)] == [0.0, 0.0, 0.0]
    clock.now += 20
    assert limiter.take([("c", 3)]) == 40.0  # the first message leaves the window in 40 s
    clock.now += 40
    assert limiter.take([("c", 3)]) == 0.0


def test_a_refused_message_counts_under_no_key() -> None:
    clock = Clock()
    limiter = RateLimiter(window=60, clock=clock)
    assert limiter.take([("conversation:a", 1), ("address:x", 10)]) == 0.0
    waits: List[float] = [limiter.take([("conversation:a", 1), ("address:x", 10)]) for _ in range(20)]
    assert all(wait > 0 for wait in waits)
    # Twenty refusals of one conversation did not use up the address's allowance.
    assert [limiter.take([(f"conversation:{i}", 1), ("address:x", 10)]) for i in range(9)] == [0.0] * 9
    assert limiter.take([("conversation:z", 1), ("address:x", 10)]) > 0


def test_zero_means_no_limit_and_old_keys_are_forgotten() -> None:
    clock = Clock()
    limiter = RateLimiter(window=60, clock=clock, max_keys=5)
    assert all(limiter.take([("k", 0)]) == 0.0 for _ in range(100))
    for i in range(5):
        limiter.take([(f"old{i}", 1)])
    clock.now += 61
    limiter.take([("new", 1)])
    assert len(limiter._times) <= 2
