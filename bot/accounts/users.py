"""Caseworker and admin accounts, with scrypt-hashed passwords.

Hashes are `scrypt$n=131072,r=8,p=1$<salt>$<digest>`: N comes from the settings
(`AMO_PASSWORD_SCRYPT_N`, by default 2^17: about 128 MiB and a few tenths of a second per
check, which is what makes a stolen table slow to attack), and every hash records its own
parameters, so it verifies whatever the setting is today. A hash made with other
parameters, or before they were stored (`scrypt$<salt>$<digest>`, N = 2^14), is rewritten
with today's at the next good login.
A user name that does not exist costs one full scrypt as well, so the time a login
takes does not tell whether the name exists.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import List, Optional, Tuple

import sqlalchemy as sa

from bot.config import MAX_SCRYPT_N, Settings
from bot.db import Database, metadata

# caseworker: questions of their offices; admin: everything; trainer: the NLU inbox;
# reviewer: translations of the languages listed where offices are (e.g. "so,ti").
ROLES = ("caseworker", "admin", "trainer", "reviewer")

users = sa.Table(
    "users", metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("offices", sa.String(255), nullable=False, default=""),
)

Params = Tuple[int, int, int]  # scrypt's n, r, p
LEGACY: Params = (2**14, 8, 1)  # hashes without parameters were made with these
# The salt of the check that stands in for an unknown user; its result is thrown away.
_DUMMY_SALT = secrets.token_bytes(16)


def _scrypt(password: str, salt: bytes, params: Params) -> bytes:
    n, r, p = params
    # OpenSSL refuses more than 32 MiB unless told otherwise; scrypt needs 128 * n * r * p
    # bytes plus a little, so allow twice that.
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r * p)


def scrypt_params(settings: Settings) -> Params:
    """The parameters new hashes are made with."""
    return (settings.password_scrypt_n, 8, 1)


def hash_password(password: str, params: Params) -> str:
    salt = secrets.token_bytes(16)
    n, r, p = params
    return (f"scrypt$n={n},r={r},p={p}$" + base64.b64encode(salt).decode() + "$"
            + base64.b64encode(_scrypt(password, salt, params)).decode())


def _parse(stored: str) -> Optional[Tuple[Params, bytes, bytes]]:
    parts = stored.split("$")
    try:
        if len(parts) == 3 and parts[0] == "scrypt":
            params = LEGACY
        elif len(parts) == 4 and parts[0] == "scrypt":
            values = dict(item.split("=", 1) for item in parts[1].split(","))
            params = (int(values["n"]), int(values["r"]), int(values["p"]))
        else:
            return None
        salt, digest = base64.b64decode(parts[-2]), base64.b64decode(parts[-1])
    except (ValueError, KeyError):
        return None
    n, r, p = params
    # A stored hash comes from our own table, but a bound keeps a damaged row from asking
    # for gigabytes.
    if not (1 < n <= MAX_SCRYPT_N and n & (n - 1) == 0 and 0 < r <= 32 and 0 < p <= 16):
        return None
    return params, salt, digest


def verify_password(password: str, stored: str) -> bool:
    parsed = _parse(stored)
    if parsed is None:
        return False
    params, salt, digest = parsed
    return hmac.compare_digest(_scrypt(password, salt, params), digest)


def needs_rehash(stored: str, params: Params) -> bool:
    """True for a hash made with other parameters than `params` (today's)."""
    parsed = _parse(stored)
    return parsed is None or parsed[0] != params


def dummy_check(password: str, params: Params) -> None:
    """The same work as checking a real password, for a user name that does not exist."""
    _scrypt(password, _DUMMY_SALT, params)


@dataclass(frozen=True)
class User:
    username: str
    role: str
    offices: List[str]


def add_user(store: Database, username: str, password: str, role: str,
             offices: List[str], params: Params) -> User:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < 10:
        raise ValueError("the password must have at least 10 characters")
    # The name is kept with every answer and audit entry (64 characters there too).
    if not username or len(username) > 64 or not username.isprintable():
        raise ValueError("the user name must have 1-64 printable characters")
    if any(not office or len(office) > 64 or "," in office or not office.isprintable() for office in offices) \
            or len(",".join(offices)) > 255:
        raise ValueError("each office must be an id of 1-64 characters without commas, "
                         "255 characters for all of them together")
    row = dict(username=username, password_hash=hash_password(password, params), role=role,
               offices=",".join(offices))
    with store.engine.begin() as conn:
        if conn.execute(sa.select(users.c.username).where(users.c.username == username)).first():
            conn.execute(users.update().where(users.c.username == username).values(**row))
        else:
            conn.execute(users.insert().values(**row))
    return User(username, role, offices)


def authenticate(store: Database, username: str, password: str,
                 params: Params) -> Optional[User]:
    """The user if the password is right; a hash with other parameters than `params`
    (today's) is renewed on the way."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.username == username)).mappings().first()
    if row is None:
        dummy_check(password, params)
        return None
    if not verify_password(password, row["password_hash"]):
        return None
    if needs_rehash(row["password_hash"], params):
        with store.engine.begin() as conn:
            # Only if nobody changed the password meanwhile.
            conn.execute(users.update().where(users.c.username == username,
                                              users.c.password_hash == row["password_hash"])
                         .values(password_hash=hash_password(password, params)))
    return User(row["username"], row["role"], [o for o in row["offices"].split(",") if o])


def exists(store: Database, username: str) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(users.c.username).where(users.c.username == username)).first() is not None


def get_user(store: Database, username: str) -> Optional[User]:
    """The account as it is now (a session re-reads it, so a changed role applies at once)."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.username == username)).mappings().first()
    if row is None:
        return None
    return User(row["username"], row["role"], [o for o in row["offices"].split(",") if o])
