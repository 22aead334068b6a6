"""Faults in the services: PostgreSQL restarts while questions are recorded; Redis goes down.

These tests stop and start the machine's own PostgreSQL and Redis with the commands the
machine uses to start them, and always start them again. They skip when they cannot
(no such server here, or not allowed to control it).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
import uuid
from pathlib import Path
from typing import List

import pytest
import sqlalchemy as sa

from bot.escalations.store import EscalationStore

PG_URL = "postgresql://postgres@127.0.0.1:5432/amo_fault_test"
REDIS_START = ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379",
               "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis",
               "--logfile", "/var/log/redis/ci.log"]


def pg_cluster() -> List[str]:
    versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    if not versions or os.geteuid() != 0:
        pytest.skip("cannot control the local PostgreSQL (needs root and pg_ctlcluster)")
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main"]


def wait_for(check, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:
            pass
        time.sleep(0.3)
    raise AssertionError("service did not come back")


def pg_up() -> bool:
    engine = sa.create_engine("postgresql://postgres@127.0.0.1:5432/postgres")
    with engine.connect() as conn:
        conn.execute(sa.text("SELECT 1"))
    engine.dispose()
    return True


def test_postgres_restart_while_recording_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    cluster = pg_cluster()
    from bot.ops.production import ensure_database

    try:
        ensure_database(PG_URL)
    except Exception as exc:
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    store = EscalationStore(PG_URL, spool_dir=tmp_path / "spool")
    store.create_schema()
    run = uuid.uuid4().hex[:8]
    outcomes: List[str] = []
    stop = threading.Event()

    def participants() -> None:
        index = 0
        while not stop.is_set() or index < 40:
            key = f"{run}:{index}"
            record = store.record(f"pg-{run}", "nb", f"Spørsmål nummer {index}", request_key=key)
            outcomes.append(record.status)
            # A participant's client may retry the same request: it must not duplicate.
            if index % 5 == 0:
                store.record(f"pg-{run}", "nb", f"Spørsmål nummer {index}", request_key=key)
            index += 1
            time.sleep(0.05)

    worker = threading.Thread(target=participants)
    worker.start()
    time.sleep(0.5)
    try:
        subprocess.run([*cluster, "restart", "-m", "fast"], check=True, capture_output=True)
    finally:
        subprocess.run([*cluster, "start"], capture_output=True)  # in case restart failed half-way
        wait_for(pg_up)
        stop.set()
        worker.join()
    store.flush_spool()
    stored = store.list(sender_id=f"pg-{run}", limit=10_000)
    questions = [r.question for r in stored]
    assert len(questions) == len(set(questions)) == len(outcomes)
    assert list(Path(tmp_path / "spool").glob("*.json")) == []


def test_redis_down_gives_a_clear_error_and_recovers() -> None:
    import redis
    from rasa.core.lock_store import RedisLockStore

    client = redis.Redis(host="127.0.0.1", port=6379, socket_timeout=2)
    try:
        client.ping()
    except Exception as exc:
        pytest.skip(f"Redis not reachable: {exc}")
    if os.geteuid() != 0:
        pytest.skip("cannot control the local Redis (needs root)")
    store = RedisLockStore(host="127.0.0.1", port=6379, db=2)
    try:
        client.shutdown(nosave=True)
    except redis.exceptions.ConnectionError:
        pass  # the server closes the connection as it stops
    try:
        with pytest.raises(redis.exceptions.ConnectionError) as error:
            store.get_or_create_lock(f"c-{uuid.uuid4().hex[:6]}")
        assert "6379" in str(error.value)
    finally:
        subprocess.run(REDIS_START, check=True, capture_output=True)
        wait_for(client.ping)
    lock = store.get_or_create_lock(f"c-{uuid.uuid4().hex[:6]}")
    assert lock is not None
