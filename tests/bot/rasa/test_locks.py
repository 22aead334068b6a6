"""Tickets of one conversation issued from many Rasa instances at once are never lost."""

from __future__ import annotations

import threading
import uuid

import pytest

from bot.rasa.locks import AtomicRedisLockStore


def store() -> AtomicRedisLockStore:
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_timeout=2).ping()
    except Exception as exc:
        pytest.skip(f"Redis not reachable on 127.0.0.1:6379: {exc}")
    return AtomicRedisLockStore(host="127.0.0.1", port=6379, db=3)


def test_concurrent_tickets_are_unique_and_the_lock_goes_when_all_are_done():
    conversation = f"c-{uuid.uuid4().hex[:8]}"
    tickets: list = []
    stores = [store() for _ in range(8)]  # eight "instances", eight connections

    def issue(s: AtomicRedisLockStore) -> None:
        for _ in range(25):
            tickets.append(s.issue_ticket(conversation, 60))

    threads = [threading.Thread(target=issue, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(tickets) == list(range(200))
    assert len(stores[0].get_lock(conversation).tickets) == 200
    for ticket in tickets:
        stores[ticket % 8].cleanup(conversation, ticket)
    assert stores[0].get_lock(conversation) is None


def test_built_from_an_endpoint_config():
    from rasa.utils.endpoints import EndpointConfig

    store()
    config = EndpointConfig.from_dict({"type": "bot.rasa.locks.AtomicRedisLockStore", "url": "127.0.0.1",
                                       "port": 6379, "db": 3})
    from rasa.core.lock_store import LockStore

    created = LockStore.create(config)
    assert isinstance(created, AtomicRedisLockStore)
    assert created.issue_ticket(f"c-{uuid.uuid4().hex[:8]}") == 0
