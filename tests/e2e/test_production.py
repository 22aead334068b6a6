"""The production profile: two Rasa and two action servers behind nginx, PostgreSQL, Redis."""

from __future__ import annotations

import json
import os
import re
import threading
import urllib.error
import urllib.request
import uuid
from typing import List, Optional

import pytest

from bot.config import Settings
from bot.ops.production import INSTANCES, instance_port
from bot.rasa_client import BlockingRasaClient
from tests.conftest import RunningBot

# The session's bot in its production profile only (tests/conftest.py starts it: two
# Rasa and two action servers behind nginx, PostgreSQL, Redis).
pytestmark = [pytest.mark.model, pytest.mark.parametrize("bot", ["production"], indirect=True)]

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@pytest.fixture
def production(bot: RunningBot) -> Settings:
    return bot.settings


def instance(settings: Settings, index: int) -> str:
    return f"http://{settings.host}:{instance_port(settings.rasa_port, index)}"


def send(url: str, sender: str, text: str) -> List[dict]:
    return BlockingRasaClient(url).send(sender, text)


def text(replies: List[dict]) -> str:
    return " ".join(r.get("text") or "" for r in replies)


def test_one_conversation_stays_coherent_across_two_instances(production):
    me = f"prod-{uuid.uuid4().hex[:8]}"
    first = send(instance(production, 0), me, "Привіт, я хочу дізнатися про курси")
    assert CYRILLIC.search(text(first))
    # The second instance knows the language chosen on the first (PostgreSQL tracker store).
    assert CYRILLIC.search(text(send(instance(production, 1), me, "ok")))
    # A form started on one instance continues on the other.
    send(instance(production, 0), me, "я хочу поговорити з консультантом")
    office = send(instance(production, 1), me, "Коли починається курс прибирання в Ставангері?")
    assert "oslo" in [b["payload"] for r in office for b in r.get("buttons") or []]


def test_concurrent_messages_of_one_conversation_are_processed_in_order(production):
    me = f"prod-{uuid.uuid4().hex[:8]}"
    send(production.rasa_url, me, "hei")
    results: List[List[dict]] = []
    errors: List[Exception] = []

    def say(index: int) -> None:
        try:
            results.append(send(instance(production, index % INSTANCES), me, f"hvilke kurs finnes i Oslo? ({index})"))
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=say, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(results) == 6 and all(results)
    # The balancer never passes the events on; an instance gives them to a caller with the token.
    events = BlockingRasaClient.from_settings(production, instance(production, 0)).tracker(me)["events"]
    # The lock store serialises the conversation: every user message is followed by the
    # bot's actions for it before the next user message is handled.
    kinds = [e["event"] for e in events if e["event"] in ("user", "bot")]
    assert kinds.count("user") == 7
    assert all(not (a == "user" and b == "user") for a, b in zip(kinds, kinds[1:], strict=False))


def test_the_balancer_answers_on_the_usual_port(production):
    replies = send(production.rasa_url, f"prod-{uuid.uuid4().hex[:8]}", "hei")
    assert replies and replies[0]["text"]


def status_of(url: str, data: Optional[bytes] = None) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_the_balancer_passes_on_the_webhook_and_the_language_only(production):
    me = f"prod-{uuid.uuid4().hex[:8]}"
    send(production.rasa_url, me, "Привіт, я хочу дізнатися про курси")
    token = f"token={production.rasa_token}"
    tracker = f"{production.rasa_url}/conversations/{me}/tracker"
    # Never through the balancer, token or not: the messages, the model, the rest of the API.
    assert status_of(f"{tracker}?{token}") == 403
    assert status_of(f"{tracker}?{token}&include_events=ALL") == 403
    assert status_of(f"{production.rasa_url}/model/parse?{token}", b'{"text": "hei"}') == 404
    assert status_of(f"{production.rasa_url}/conversations/{me}/messages?{token}", b"{}") == 404
    assert status_of(f"{production.rasa_url}/status?{token}") == 404
    # The language, as the web chat and Telegram read it: with the token only.
    assert status_of(f"{tracker}?include_events=NONE") == 401
    assert BlockingRasaClient.from_settings(production).language(me) == "uk"
    # Each instance's own API needs the token too.
    assert status_of(f"{instance(production, 0)}/conversations/{me}/tracker") == 401


def test_redis_down_gives_a_clear_answer_and_the_bot_recovers(production):
    import subprocess
    import time

    import redis

    from tests.e2e.test_service_faults import REDIS_START

    if os.geteuid() != 0:
        pytest.skip("cannot control the local Redis (needs root)")
    client = redis.Redis(host="127.0.0.1", port=6379, socket_timeout=2)
    me = f"prod-{uuid.uuid4().hex[:8]}"
    assert send(production.rasa_url, me, "hei")
    try:
        try:
            client.shutdown(nosave=True)
        except redis.exceptions.ConnectionError:
            pass  # the server closes the connection as it stops
        request = urllib.request.Request(
            f"{production.rasa_url}/webhooks/rest/webhook",
            data=json.dumps({"sender": me, "message": "hvilke kurs finnes?"}).encode(),
            headers={"Content-Type": "application/json"}, method="POST")
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(request, timeout=60)
        assert error.value.code == 503
        assert "try again" in json.loads(error.value.read())["error"]
    finally:
        subprocess.run(REDIS_START, check=True, capture_output=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                client.ping()
                break
            except redis.exceptions.ConnectionError:
                time.sleep(0.3)
    assert text(send(production.rasa_url, me, "hvilke kurs finnes?"))
