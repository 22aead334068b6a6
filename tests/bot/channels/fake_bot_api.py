"""A local fake of the Telegram Bot API, for driving the real python-telegram-bot stack.

An http.server in a thread answering `/bot<token>/<method>`: getMe, deleteWebhook,
setWebhook, getUpdates (long polling over queued updates, honouring `offset`),
sendMessage, answerCallbackQuery and editMessageReplyMarkup. Every call is recorded.
It can be told to fail the next sendMessage calls with a 429 (and `retry_after`) or
a 5xx, to reject a token with 401, and to refuse chats that blocked the bot with 403,
as Telegram does.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Set, Tuple
from urllib.parse import parse_qs, urlsplit

# Parameters PTB sends JSON-encoded inside form fields.
JSON_FIELDS = {"reply_markup", "allowed_updates", "link_preview_options", "entities"}


@dataclass
class Call:
    method: str
    params: Dict[str, Any]
    status: int
    result: Any = None  # what the fake answered, e.g. the sent Message
    at: float = field(default_factory=time.monotonic)


_UPDATE_IDS = itertools.count(1000)


class FakeBotApi:
    """Start with `start()`; `url` is what TELEGRAM_API_BASE_URL should be."""

    def __init__(self) -> None:
        self.calls: List[Call] = []
        self.rejected_tokens: Set[str] = set()
        self.blocked_chats: Set[int] = set()  # chats whose user blocked the bot: 403
        self._updates: List[Dict[str, Any]] = []
        # One bot's update ids only rise, also across restarts of the fake: a channel that
        # keeps the last id it handled must not take a new fake's updates for old ones.
        self._next_update_id = _UPDATE_IDS
        self._next_message_id = itertools.count(1)
        self._failures: List[Tuple[int, Dict[str, Any]]] = []
        self._changed = threading.Condition()
        self._closing = False
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FakeBotApi:
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        self._server.shutdown()
        self._server.server_close()

    # What a test does ------------------------------------------------------------------

    def new_update_id(self) -> int:
        """The next update id (Telegram's ids only rise; a test must not make them fall)."""
        return next(self._next_update_id)

    def push(self, *updates: Dict[str, Any]) -> List[int]:
        """Queues updates (numbered if they have no update_id) for getUpdates; returns their ids."""
        ids = []
        with self._changed:
            for update in updates:
                if "update_id" not in update:
                    update = {"update_id": self.new_update_id(), **update}
                self._updates.append(update)
                ids.append(update["update_id"])
            self._changed.notify_all()
        return ids

    def fail_next_sends(self, count: int, status: int = 429, retry_after: int = 1) -> None:
        """The next `count` sendMessage calls get `status` (429 with retry_after, or a 5xx)."""
        if status == 429:
            body = {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after "
                    f"{retry_after}", "parameters": {"retry_after": retry_after}}
        else:
            body = {"ok": False, "error_code": status, "description": "Internal Server Error"}
        with self._changed:
            self._failures.extend([(status, body)] * count)

    def calls_of(self, method: str, chat_id: Optional[int] = None, status: Optional[int] = 200) -> List[Call]:
        with self._changed:
            calls = list(self.calls)
        return [c for c in calls if c.method == method
                and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))
                and (status is None or c.status == status)]

    def messages_to(self, chat_id: int) -> List[Call]:
        """sendMessage calls to `chat_id` that succeeded, in order."""
        return self.calls_of("sendMessage", chat_id)

    def wait_for(self, condition: Callable[[], Any], timeout: float = 20.0, what: str = "") -> Any:
        """Polls `condition` until it returns something truthy, or fails after `timeout` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = condition()
            if result:
                return result
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what or condition}; calls: "
                             f"{[(c.method, c.status, c.params) for c in self.calls][-10:]}")

    # The server ------------------------------------------------------------------------

    def _answer(self, token: str, method: str, params: Dict[str, Any]) -> Tuple[int, Dict[str, Any]]:
        if token in self.rejected_tokens:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        if method == "getMe":
            return 200, {"ok": True, "result": {"id": 4242, "is_bot": True, "first_name": "AMO guide",
                                                "username": "amo_guide_test_bot"}}
        if method in ("deleteWebhook", "setWebhook", "answerCallbackQuery"):
            return 200, {"ok": True, "result": True}
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._long_poll(params)}
        if method == "sendMessage":
            if int(params.get("chat_id") or 0) in self.blocked_chats:
                return 403, {"ok": False, "error_code": 403,
                             "description": "Forbidden: bot was blocked by the user"}
            with self._changed:
                if self._failures:
                    return self._failures.pop(0)
            return 200, {"ok": True, "result": self._message(params)}
        if method == "editMessageReplyMarkup":
            return 200, {"ok": True, "result": self._message({**params, "text": "(edited)"})}
        return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}

    def _long_poll(self, params: Dict[str, Any]) -> List[Dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 10.0)
        deadline = time.monotonic() + timeout
        with self._changed:
            # Updates below the offset are confirmed: Telegram forgets them.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._closing and time.monotonic() < deadline:
                self._changed.wait(max(0.0, deadline - time.monotonic()))
            return list(self._updates[:100])

    def _message(self, params: Dict[str, Any]) -> Dict[str, Any]:
        chat_id = int(params.get("chat_id") or 0)
        message: Dict[str, Any] = {
            "message_id": int(params.get("message_id") or next(self._next_message_id)),
            "date": int(time.time()), "chat": {"id": chat_id, "type": "private"},
            "text": params.get("text", "")}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _handler_class(self) -> type:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                self._handle()

            def do_GET(self) -> None:  # noqa: N802
                self._handle()

            def _handle(self) -> None:
                parts = urlsplit(self.path).path.strip("/").split("/")
                if len(parts) != 2 or not parts[0].startswith("bot"):
                    self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                    return
                token, method = parts[0][3:], parts[1]
                params = self._params()
                status, body = fake._answer(token, method, params)
                with fake._changed:
                    fake.calls.append(Call(method, params, status, body.get("result")))
                self._reply(status, body)

            def _params(self) -> Dict[str, Any]:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                if "json" in (self.headers.get("Content-Type") or ""):
                    return json.loads(raw or "{}")
                params: Dict[str, Any] = {k: v[-1] for k, v in parse_qs(raw).items()}
                for key in JSON_FIELDS & set(params):
                    params[key] = json.loads(params[key])
                return params

            def _reply(self, status: int, body: Dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the channel stopped while a long poll was open

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

        return Handler


# Updates as Telegram sends them ----------------------------------------------------------

def user(chat_id: int, language_code: Optional[str]) -> Dict[str, Any]:
    data: Dict[str, Any] = {"id": chat_id, "is_bot": False, "first_name": "Test"}
    if language_code:
        data["language_code"] = language_code
    return data


def message_update(chat_id: int, language_code: Optional[str] = "uk", chat_type: str = "private",
                   **content: Any) -> Dict[str, Any]:
    """A message (private chat unless `chat_type` says "group", "supergroup" or "channel");
    `content` is e.g. text="..." or voice={...}. In a group, the sender is user 555."""
    chat: Dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type != "private":
        chat["title"] = "Kursgruppe"
    sender = user(chat_id if chat_type == "private" else 555, language_code)
    message = {"message_id": int(time.time() * 1000) % 10**9, "date": int(time.time()),
               "chat": chat, "from": sender, **content}
    text = content.get("text")
    if isinstance(text, str) and text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0,
                                "length": len(text.split()[0])}]
    return {"message": message}


def text_update(chat_id: int, text: str, language_code: Optional[str] = "uk",
                chat_type: str = "private") -> Dict[str, Any]:
    return message_update(chat_id, language_code, chat_type, text=text)


def voice_update(chat_id: int, language_code: Optional[str] = "uk") -> Dict[str, Any]:
    return message_update(chat_id, language_code, voice={
        "file_id": "voice-1", "file_unique_id": "voice-1", "duration": 3, "mime_type": "audio/ogg"})


def callback_update(chat_id: int, data: str, message: Dict[str, Any],
                    language_code: Optional[str] = "uk") -> Dict[str, Any]:
    """A pressed inline button under `message` (a message the bot sent)."""
    return {"callback_query": {"id": f"cb-{time.monotonic_ns()}", "from": user(chat_id, language_code),
                               "chat_instance": f"ci-{chat_id}", "data": data, "message": message}}
