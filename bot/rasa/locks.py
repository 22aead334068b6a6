"""A Redis lock store whose ticket bookkeeping is atomic across Rasa instances.

Rasa 3.6's RedisLockStore reads a conversation's ticket lock, changes it in Python and
writes it back. Two Rasa instances receiving messages of one conversation at the same
moment can both read the same lock and one write wins: a ticket is lost and two
messages are processed at once (the production test saw a message's events vanish).
Here every change is an optimistic Redis transaction (WATCH / MULTI / EXEC), retried
when another instance changed the lock in between. Loaded by the Rasa server from
endpoints.yml (`lock_store: type: bot.rasa.locks.AtomicRedisLockStore`).
"""

from __future__ import annotations

import json
from typing import Any, Callable, Optional, Tuple, TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
# (the lock to store, or None to delete it; the value to return)
Change = Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], T]]


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: str, change: Change[T]) -> T:
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new_lock, result = change(lock)
                    pipe.multi()
                    if new_lock is None:
                        pipe.delete(key)
                    else:
                        pipe.set(key, new_lock.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # another instance changed the lock: read it again

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def change(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], int]:
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, change)
        except redis.RedisError as e:
            raise LockError(f"Error while acquiring lock. Error:\n{e}") from e

    def update_lock(self, conversation_id: str) -> None:
        def change(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, change)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def change(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, change)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Removes the ticket, and the lock once nobody waits, in one step."""
        def change(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, change)
