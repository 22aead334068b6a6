"""Failed logins counted in the database: per user name, per address, across processes."""

from __future__ import annotations

import datetime as dt
from typing import List

import sqlalchemy as sa

from bot.accounts.logins import LoginLimiter, login_failures
from bot.db import Database

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


def test_five_failures_lock_the_user_name_until_the_window_has_passed(database: Database) -> None:
    clock = Clock()
    limiter = LoginLimiter(database, clock=clock)
    for _ in range(4):
        limiter.failed("anna", "10.0.0.1")
    assert limiter.retry_after("anna", "10.0.0.1") == 0
    limiter.failed("anna", "10.0.0.1")
    assert limiter.retry_after("anna", "10.0.0.2") == 300  # from anywhere
    assert 0 < limiter.retry_after(" ANNA", "10.0.0.3") <= 300  # names fold case
    clock.now += dt.timedelta(seconds=299)
    assert limiter.retry_after("anna", "10.0.0.2") == 1
    clock.now += dt.timedelta(seconds=1)
    assert limiter.retry_after("anna", "10.0.0.2") == 0


def test_one_users_typos_do_not_lock_colleagues_behind_the_same_address(database: Database) -> None:
    limiter = LoginLimiter(database, clock=Clock())
    for _ in range(5):
        limiter.failed("anna", "203.0.113.7")
    assert limiter.retry_after("anna", "203.0.113.7") > 0
    assert limiter.retry_after("per", "203.0.113.7") == 0


def test_guessing_across_many_names_from_one_address_is_stopped(database: Database) -> None:
    limiter = LoginLimiter(database, clock=Clock())
    for index in range(20):
        limiter.failed(f"guess{index}", "198.51.100.4")
    assert limiter.retry_after("per", "198.51.100.4") > 0
    assert limiter.retry_after("per", "198.51.100.5") == 0


def test_a_good_login_clears_the_names_count(database: Database) -> None:
    limiter = LoginLimiter(database, clock=Clock())
    for _ in range(4):
        limiter.failed("anna", "10.0.0.1")
    limiter.succeeded("anna")
    limiter.failed("anna", "10.0.0.1")
    assert limiter.retry_after("anna", "10.0.0.1") == 0


def test_every_process_sees_the_same_counts(database_url: str, database: Database) -> None:
    clock = Clock()
    other = Database(database_url)  # a second web process's engine
    try:
        for index, store in enumerate([database, other, database, other, database]):
            LoginLimiter(store, clock=clock).failed("anna", f"10.0.0.{index}")
        assert LoginLimiter(other, clock=clock).retry_after("anna", "10.0.0.9") > 0
    finally:
        other.engine.dispose()


def test_what_was_typed_is_not_stored_and_old_failures_are_forgotten(database: Database) -> None:
    clock = Clock()
    limiter = LoginLimiter(database, clock=clock)
    limiter.failed("my secret password", "10.0.0.1")
    clock.now += dt.timedelta(minutes=6)
    limiter.failed("anna", "10.0.0.1")
    with database.engine.connect() as conn:
        rows: List[str] = [row.key_hash for row in conn.execute(sa.select(login_failures))]
    assert len(rows) == 2  # the first attempt's two rows are gone
    assert not any("secret" in key or "anna" in key or "10.0.0.1" in key for key in rows)
