"""The one Rasa client against a small local HTTP server that answers as Rasa does.

The real Rasa server is covered in tests/e2e (test_conversation.py: the token refused
and accepted); here, what the client sends and what it makes of each kind of answer.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator, List
from urllib.parse import parse_qs, urlsplit

import pytest

from bot.rasa_client import BlockingRasaClient, RasaClient, RasaUnavailable

TOKEN = "s3cr&t/token"


class FakeRasa(BaseHTTPRequestHandler):
    received: List[Dict[str, Any]] = []
    slots: Dict[str, Any] = {"language": "uk"}

    def _answer(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.received.append(body)
        if body.get("message") == "broken":
            self._answer(500, {"error": "boom"})
        else:
            self._answer(200, [{"recipient_id": body["sender"], "text": "hei"}, "not a reply"])

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if parse_qs(url.query).get("token") != [TOKEN]:
            self._answer(401, {"reason": "NotAuthenticated"})
        else:
            self._answer(200, {"sender_id": url.path.split("/")[2], "slots": self.slots, "events": None})

    def log_message(self, *args: Any) -> None:
        pass


class Server(ThreadingHTTPServer):
    request_queue_size = 128  # socketserver's default of 5 refuses a burst of connections
    daemon_threads = True


@pytest.fixture
def rasa_url() -> Iterator[str]:
    FakeRasa.received = []
    server = Server(("127.0.0.1", 0), FakeRasa)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


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
