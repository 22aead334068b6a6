"""A local stand-in for a LibreTranslate server: POST /translate answers "[target] text"."""

from __future__ import annotations

import contextlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator, List


class FakeTranslate:
    def __init__(self) -> None:
        self.requests: List[Dict[str, Any]] = []
        self.down = False
        self.url = ""


@contextlib.contextmanager
def fake_translate() -> Iterator[FakeTranslate]:
    fake = FakeTranslate()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the http.server API)
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
            fake.requests.append(body)
            if fake.down or self.path != "/translate":
                self.send_response(503 if fake.down else 404)
                self.end_headers()
                return
            answer = json.dumps({"translatedText": f"[{body['target']}] {body['q']}"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    # Polled often, so that shutdown() returns at once instead of after up to half a second.
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
