"""Message limits of the web chat: per conversation and per client address.

Sliding windows in the web process's memory (the web pages run as one process). A
refused message is not counted, so someone who keeps sending is let through again as
soon as the window has room, not locked out for longer.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Callable, Deque, Dict, Sequence, Tuple

WINDOW_SECONDS = 60.0


class RateLimiter:
    """At most a given number of messages per key within `window` seconds (0: no limit)."""

    def __init__(self, window: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 100_000):
        self.window = window
        self.clock = clock
        self.max_keys = max_keys
        self._times: Dict[str, Deque[float]] = {}

    def _recent(self, key: str, now: float) -> Deque[float]:
        times = self._times.get(key, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        return times

    def take(self, limits: Sequence[Tuple[str, int]]) -> float:
        """Counts one message under every key if each is below its limit, and returns 0;
        otherwise counts nothing and returns the seconds until it would be allowed."""
        now = self.clock()
        waits = [self.window - (now - times[0]) for key, limit in limits
                 if limit > 0 and len(times := self._recent(key, now)) >= limit]
        if waits:
            return max(waits)
        if len(self._times) >= self.max_keys:
            # Forget keys whose window has passed, so that made-up conversations or
            # addresses cannot grow this without bound.
            self._times = {k: v for k, v in self._times.items() if self._recent(k, now)}
        for key, _limit in limits:
            times = self._recent(key, now)
            times.append(now)
            self._times[key] = times
        return 0.0
