"""Accounts: scrypt at N=2^17, old hashes still accepted and renewed, unknown names cost the same."""

from __future__ import annotations

import hashlib
from typing import Any, List, Tuple

import pytest
import sqlalchemy as sa

from bot.accounts import users
from bot.accounts.users import (
    CURRENT,
    LEGACY,
    add_user,
    authenticate,
    hash_password,
    verify_password,
)
from bot.db import Database

PASSWORD = "correct horse battery"


def stored_hash(database: Database, username: str) -> str:
    with database.engine.connect() as conn:
        return str(conn.execute(sa.select(users.users.c.password_hash)
                                .where(users.users.c.username == username)).scalar_one())


@pytest.fixture
def scrypt_calls(monkeypatch: pytest.MonkeyPatch) -> List[Tuple[int, int, int]]:
    """The (n, r, p) of every scrypt run, recorded around the real function."""
    calls: List[Tuple[int, int, int]] = []
    real = hashlib.scrypt

    def recording(password: bytes, **kwargs: Any) -> bytes:
        calls.append((kwargs["n"], kwargs["r"], kwargs["p"]))
        return real(password, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", recording)
    return calls


def test_new_hashes_use_n_2_17_and_verify(database: Database) -> None:
    add_user(database, "anna", PASSWORD, "caseworker", ["oslo"])
    stored = stored_hash(database, "anna")
    assert stored.startswith("scrypt$n=131072,r=8,p=1$")
    assert authenticate(database, "anna", PASSWORD) is not None
    assert authenticate(database, "anna", PASSWORD + "!") is None


def test_an_old_hash_still_logs_in_and_is_renewed(database: Database) -> None:
    old = hash_password(PASSWORD, LEGACY)
    _scheme, _params, salt, digest = old.split("$")
    legacy = f"scrypt${salt}${digest}"  # the format written before parameters were stored
    with database.engine.begin() as conn:
        conn.execute(users.users.insert().values(username="kari", password_hash=legacy,
                                                 role="caseworker", offices="oslo"))
    assert authenticate(database, "kari", "wrong password!") is None
    assert stored_hash(database, "kari") == legacy  # a wrong password changes nothing
    user = authenticate(database, "kari", PASSWORD)
    assert user is not None and user.offices == ["oslo"]
    renewed = stored_hash(database, "kari")
    assert renewed.startswith("scrypt$n=131072,") and verify_password(PASSWORD, renewed)
    assert authenticate(database, "kari", PASSWORD) is not None


def test_an_unknown_name_runs_the_same_scrypt_as_a_known_one(
        database: Database, scrypt_calls: List[Tuple[int, int, int]]) -> None:
    with database.engine.begin() as conn:
        conn.execute(users.users.insert().values(username="anna", password_hash=hash_password(PASSWORD),
                                                 role="caseworker", offices="oslo"))
    scrypt_calls.clear()
    assert authenticate(database, "anna", "wrong password!") is None
    known = list(scrypt_calls)
    scrypt_calls.clear()
    assert authenticate(database, "nobody", "wrong password!") is None
    assert known == scrypt_calls == [CURRENT]


def test_damaged_or_foreign_hashes_are_refused() -> None:
    assert not verify_password(PASSWORD, "")
    assert not verify_password(PASSWORD, "md5$abc$def")
    assert not verify_password(PASSWORD, "scrypt$n=1073741824,r=8,p=1$AAAA$AAAA")  # 2^30: too big
    assert not verify_password(PASSWORD, "scrypt$n=1000,r=8,p=1$AAAA$AAAA")  # not a power of two
