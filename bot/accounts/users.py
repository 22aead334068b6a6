"""Caseworker and admin accounts, with scrypt-hashed passwords."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import List, Optional

import sqlalchemy as sa

from bot.db import Database, metadata

ROLES = ("caseworker", "admin")

users = sa.Table(
    "users", metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("offices", sa.String(255), nullable=False, default=""),
)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def verify_password(password: str, stored: str) -> bool:
    try:
        _scheme, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    digest = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt_b64), n=2**14, r=8, p=1)
    return hmac.compare_digest(digest, base64.b64decode(digest_b64))


@dataclass(frozen=True)
class User:
    username: str
    role: str
    offices: List[str]


def add_user(store: Database, username: str, password: str, role: str,
             offices: List[str]) -> User:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < 10:
        raise ValueError("the password must have at least 10 characters")
    row = dict(username=username, password_hash=hash_password(password), role=role,
               offices=",".join(offices))
    with store.engine.begin() as conn:
        if conn.execute(sa.select(users.c.username).where(users.c.username == username)).first():
            conn.execute(users.update().where(users.c.username == username).values(**row))
        else:
            conn.execute(users.insert().values(**row))
    return User(username, role, offices)


def authenticate(store: Database, username: str, password: str) -> Optional[User]:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.username == username)).mappings().first()
    if row is None or not verify_password(password, row["password_hash"]):
        return None
    return User(row["username"], row["role"], [o for o in row["offices"].split(",") if o])


def get_user(store: Database, username: str) -> Optional[User]:
    """The account as it is now (a session re-reads it, so a changed role applies at once)."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.username == username)).mappings().first()
    if row is None:
        return None
    return User(row["username"], row["role"], [o for o in row["offices"].split(",") if o])
