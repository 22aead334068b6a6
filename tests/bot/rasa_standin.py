"""A small local HTTP server that answers as Rasa's REST webhook and tracker endpoint do.

For the client's own tests and the commands built on it; the real Rasa server is
covered in tests/e2e.
"""

from __future__ import annotations

import contextlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator, List
from urllib.parse import parse_qs, urlsplit

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
        elif url.path == "/status":
            self._answer(200, {"model_file": "stand-in.tar.gz"})
        else:
            self._answer(200, {"sender_id": url.path.split("/")[2], "slots": self.slots, "events": None})

    def log_message(self, *args: Any) -> None:
        pass


class Server(ThreadingHTTPServer):
    request_queue_size = 128  # socketserver's default of 5 refuses a burst of connections
    daemon_threads = True


@contextlib.contextmanager
def standin_rasa() -> Iterator[str]:
    """Serves FakeRasa on a free port; yields its base URL."""
    FakeRasa.received = []
    server = Server(("127.0.0.1", 0), FakeRasa)
    # Polled often, so that shutdown() returns at once instead of after up to half a second.
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
