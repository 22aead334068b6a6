"""Accounts: scrypt at N=2^17 by default, hashes of any other cost still accepted and renewed,
unknown names cost the same.

The tests hash at the cheap cost of their settings (tests/conftest.py); the first one runs
the real default.
"""

from __future__ import annotations

import hashlib
from typing import Any, List, Tuple

import pytest
import sqlalchemy as sa

from bot.accounts import users
from bot.accounts.users import (
    LEGACY,
    Params,
    add_user,
    authenticate,
    hash_password,
    needs_rehash,
    scrypt_params,
    verify_password,
)
from bot.config import load_settings
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


def test_the_default_cost_is_n_2_17_and_each_hash_keeps_its_own(password_params: Params) -> None:
    default = scrypt_params(load_settings({}))
    assert default == (2**17, 8, 1)
    stored = hash_password(PASSWORD, default)
    assert stored.startswith("scrypt$n=131072,r=8,p=1$")
    assert verify_password(PASSWORD, stored) and not verify_password(PASSWORD + "!", stored)
    assert not needs_rehash(stored, default)
    # A hash made at another cost verifies with the cost it records, and is due for renewal.
    cheap = hash_password(PASSWORD, password_params)
    assert password_params != default and verify_password(PASSWORD, cheap)
    assert needs_rehash(cheap, default) and not needs_rehash(cheap, password_params)


def test_new_hashes_use_todays_parameters_and_verify(database: Database, password_params: Params) -> None:
    add_user(database, "anna", PASSWORD, "caseworker", ["oslo"], password_params)
    n, r, p = password_params
    assert stored_hash(database, "anna").startswith(f"scrypt$n={n},r={r},p={p}$")
    assert authenticate(database, "anna", PASSWORD, password_params) is not None
    assert authenticate(database, "anna", PASSWORD + "!", password_params) is None


def test_an_old_hash_still_logs_in_and_is_renewed(database: Database, password_params: Params) -> None:
    old = hash_password(PASSWORD, LEGACY)
    _scheme, _params, salt, digest = old.split("$")
    legacy = f"scrypt${salt}${digest}"  # the format written before parameters were stored
    with database.engine.begin() as conn:
        conn.execute(users.users.insert().values(username="kari", password_hash=legacy,
                                                 role="caseworker", offices="oslo"))
    assert authenticate(database, "kari", "wrong password!", password_params) is None
    assert stored_hash(database, "kari") == legacy  # a wrong password changes nothing
    user = authenticate(database, "kari", PASSWORD, password_params)
    assert user is not None and user.offices == ["oslo"]
    renewed = stored_hash(database, "kari")
    assert renewed.startswith(f"scrypt$n={password_params[0]},") and verify_password(PASSWORD, renewed)
    assert authenticate(database, "kari", PASSWORD, password_params) is not None


def test_a_hash_of_another_cost_logs_in_and_is_renewed_at_todays(
        database: Database, password_params: Params,
        scrypt_calls: List[Tuple[int, int, int]]) -> None:
    other = (password_params[0] * 2, 8, 1)
    with database.engine.begin() as conn:
        conn.execute(users.users.insert().values(username="kari", password_hash=hash_password(PASSWORD, other),
                                                 role="caseworker", offices="oslo"))
    scrypt_calls.clear()
    assert authenticate(database, "kari", PASSWORD, password_params) is not None
    assert scrypt_calls == [other, password_params]  # checked at its own cost, renewed at today's
    assert not needs_rehash(stored_hash(database, "kari"), password_params)


def test_an_unknown_name_runs_the_same_scrypt_as_a_known_one(
        database: Database, password_params: Params,
        scrypt_calls: List[Tuple[int, int, int]]) -> None:
    with database.engine.begin() as conn:
        conn.execute(users.users.insert().values(username="anna", password_hash=hash_password(PASSWORD, password_params),
                                                 role="caseworker", offices="oslo"))
    scrypt_calls.clear()
    assert authenticate(database, "anna", "wrong password!", password_params) is None
    known = list(scrypt_calls)
    scrypt_calls.clear()
    assert authenticate(database, "nobody", "wrong password!", password_params) is None
    assert known == scrypt_calls == [password_params]


def test_damaged_or_foreign_hashes_are_refused() -> None:
    assert not verify_password(PASSWORD, "")
    assert not verify_password(PASSWORD, "md5$abc$def")
    assert not verify_password(PASSWORD, "scrypt$n=1073741824,r=8,p=1$AAAA$AAAA")  # 2^30: too big
    assert not verify_password(PASSWORD, "scrypt$n=1000,r=8,p=1$AAAA$AAAA")  # not a power of two
