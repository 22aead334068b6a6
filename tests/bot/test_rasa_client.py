"""The one Rasa client against a small local HTTP server that answers as Rasa does.

The real Rasa server is covered in tests/e2e (test_conversation.py: the token refused
and accepted); here, what the client sends and what it makes of each kind of answer.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, Iterator, List

import pytest

from bot.rasa_client import BlockingRasaClient, RasaClient, RasaUnavailable
from tests.bot.rasa_standin import TOKEN, FakeRasa, standin_rasa


@pytest.fixture
def rasa_url() -> Iterator[str]:
    with standin_rasa() as url:
        yield url


def test_a_message_goes_with_its_metadata_and_language_hint(rasa_url: str) -> None:
    replies = BlockingRasaClient(rasa_url).send("web-1", "hei", {"channel": "web"}, language="uk")
    assert replies == [{"recipient_id": "web-1", "text": "hei"}]  # only replies that are objects
    assert FakeRasa.received == [{"sender": "web-1", "message": "hei",
                                  "metadata": {"channel": "web", "language": "uk"}}]
    BlockingRasaClient(rasa_url).send("web-1", "hei")
    assert "metadata" not in FakeRasa.received[-1]


def test_rasa_errors_and_absence_become_one_exception_with_the_status(rasa_url: str) -> None:
    with pytest.raises(RasaUnavailable) as error:
        BlockingRasaClient(rasa_url).send("web-1", "broken")
    assert error.value.status == 500
    with pytest.raises(RasaUnavailable) as error:
        BlockingRasaClient("http://127.0.0.1:1").send("web-1", "hei")
    assert error.value.status is None


def test_the_language_is_read_with_the_token_and_never_guessed(rasa_url: str, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    assert BlockingRasaClient(rasa_url, TOKEN).language("telegram-7/x") == "uk"
    assert BlockingRasaClient(rasa_url, "wrong").language("telegram-7") is None  # 401: unknown
    FakeRasa.slots = {"language": "klingon"}
    try:
        assert BlockingRasaClient(rasa_url, TOKEN).language("telegram-7") is None
    finally:
        FakeRasa.slots = {"language": "uk"}
    with pytest.raises(RasaUnavailable) as error:
        BlockingRasaClient(rasa_url).tracker("telegram-7")
    assert error.value.status == 401
    assert "s3cr" not in caplog.text and "token=[token]" in caplog.text  # httpx logs request URLs


def test_the_blocking_client_works_where_an_event_loop_already_runs(rasa_url: str) -> None:
    async def inside_a_loop() -> List[Dict[str, Any]]:
        return BlockingRasaClient(rasa_url).send("web-2", "hei")

    assert asyncio.run(inside_a_loop())[0]["recipient_id"] == "web-2"


def test_one_async_client_serves_many_conversations_at_once(rasa_url: str) -> None:
    async def many() -> List[List[Dict[str, Any]]]:
        async with RasaClient(rasa_url, TOKEN) as client:
            return await asyncio.gather(*(client.send(f"c{i}", "hei") for i in range(20)))

    assert sorted(r[0]["recipient_id"] for r in asyncio.run(many())) == sorted(f"c{i}" for i in range(20))
