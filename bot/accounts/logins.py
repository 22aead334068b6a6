"""Failed dashboard logins, counted in the database (table `login_failures`).

Five failures in five minutes for one user name, or twenty from one client address,
turn further attempts away until the window has passed. The address allows more
because an office's caseworkers may all come from one address: one person's typos
must not lock the others out, while guessing across many user names is still stopped. The counts live in the database,
not in a process, so the limit holds however many web processes serve the dashboard
and survives their restarts. Keys are stored as SHA-256 digests: a password typed
into the user name field by mistake is not kept readable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Callable, List, Tuple

import sqlalchemy as sa

from bot.db import Database, UTCDateTime, metadata, utcnow

login_failures = sa.Table(
    "login_failures", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key_hash", sa.String(64), nullable=False, index=True),
    sa.Column("at", UTCDateTime(), nullable=False, index=True),
)


def user_key(username: str) -> str:
    return "user:" + username.strip().casefold()


def address_key(address: str) -> str:
    return "ip:" + address


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass
class LoginLimiter:
    """Counts failed logins per key in a sliding window, in the database."""

    store: Database
    per_user: int = 5
    per_address: int = 20
    window: dt.timedelta = dt.timedelta(minutes=5)
    clock: Callable[[], dt.datetime] = utcnow

    def _limits(self, username: str, address: str) -> List[Tuple[str, int]]:
        return [(user_key(username), self.per_user), (address_key(address), self.per_address)]

    def retry_after(self, username: str, address: str) -> float:
        """Seconds until an attempt is allowed again; 0 when it is allowed now."""
        now = self.clock()
        waits = [0.0]
        with self.store.engine.connect() as conn:
            for key, limit in self._limits(username, address):
                times = conn.execute(
                    sa.select(login_failures.c.at)
                    .where(login_failures.c.key_hash == _hash(key),
                           login_failures.c.at > now - self.window)
                    .order_by(login_failures.c.at.desc()).limit(limit)).scalars().all()
                if len(times) >= limit:
                    # Allowed again once the oldest of the last `limit` failures leaves the window.
                    waits.append((times[-1] + self.window - now).total_seconds())
        return max(waits)

    def failed(self, username: str, address: str) -> None:
        """Counts one failure for the name and the address; forgets those past the window."""
        now = self.clock()
        with self.store.engine.begin() as conn:
            conn.execute(login_failures.delete().where(login_failures.c.at <= now - self.window))
            conn.execute(login_failures.insert(), [{"key_hash": _hash(key), "at": now}
                                                   for key, _limit in self._limits(username, address)])

    def succeeded(self, username: str) -> None:
        """A good login clears the user name's count (not the address's)."""
        with self.store.engine.begin() as conn:
            conn.execute(login_failures.delete().where(
                login_failures.c.key_hash == _hash(user_key(username))))
