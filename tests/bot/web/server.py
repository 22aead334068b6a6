"""The web app for tests: in-process over ASGI (`WebApp`), or a real `python -m bot.web`
on a free port for the browser tests (`start_web`), with one cookie-keeping client for both.

The in-process app is driven through its ASGI interface with httpx's `ASGITransport`: the
same requests, cookies and redirects (never followed, so a test sees the 303) as over a
socket, without a process per test. Its start-up and shutdown listeners run through the
ASGI lifespan protocol, as under an ASGI server.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any, Dict, Iterator, Mapping, Optional

import httpx
from sanic import Sanic

from bot.config import PROJECT_ROOT, Settings, load_settings
from bot.escalations.store import EscalationStore
from bot.services import Services
from bot.web.app import create_app
from bot.web.identity import COOKIE, sender_for
from tests.conftest import CHEAP_PASSWORDS, free_port
from tests.databases import migrated_sqlite

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Response:
    status: int
    text: str
    headers: Message  # .get() and .get_all() for repeated headers (Set-Cookie)

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def json(self) -> Any:
        return json.loads(self.text)

    def csrf_token(self) -> str:
        match = _CSRF.search(self.text)
        assert match, "no CSRF token on the page"
        return match.group(1)


class Client:
    """One browser: its own cookies. Subclasses say how a request reaches the app."""

    def request(self, method: str, path: str, data: Optional[bytes] = None,
                headers: Optional[Dict[str, str]] = None) -> Response:
        raise NotImplementedError

    def cookie(self, name: str) -> Optional[str]:
        raise NotImplementedError

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, form: Mapping[str, str]) -> Response:
        return self.request("POST", path, urllib.parse.urlencode(form).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def post_json(self, path: str, body: Any) -> Response:
        return self.request("POST", path, json.dumps(body).encode(),
                            {"Content-Type": "application/json"})

    def conversation(self) -> str:
        """The web chat conversation (Rasa's sender id) this browser's cookie stands for."""
        if self.cookie(COOKIE) is None:
            assert self.get("/").status == 200
        token = self.cookie(COOKIE)
        assert token is not None
        return sender_for(token)

    def login(self, username: str, password: str) -> Response:
        token = self.get("/dashboard/login").csrf_token()
        return self.post("/dashboard/login", {"csrf_token": token, "username": username,
                                              "password": password, "next": "/dashboard/"})


# In-process ------------------------------------------------------------------------------

class _Lifespan:
    """Runs the app's start-up listeners now and its shutdown listeners on `stop()`."""

    def __init__(self, app: Sanic, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.inbox: asyncio.Queue[Dict[str, str]] = asyncio.Queue()
        self.sent: asyncio.Queue[Dict[str, str]] = asyncio.Queue()
        self.task = loop.create_task(app({"type": "lifespan", "asgi": {"version": "3.0"}},
                                         self.inbox.get, self.sent.put))
        self._step("lifespan.startup")

    def _step(self, message: str) -> None:
        self.inbox.put_nowait({"type": message})
        answer = self.loop.create_task(self.sent.get())
        self.loop.run_until_complete(asyncio.wait({answer, self.task}, timeout=30,
                                                  return_when=asyncio.FIRST_COMPLETED))
        if not answer.done():
            answer.cancel()
            self.task.result() if self.task.done() else self.task.cancel()
            raise RuntimeError(f"the web app did not answer {message}")
        assert answer.result()["type"] == message + ".complete", answer.result()

    def stop(self) -> None:
        self._step("lifespan.shutdown")
        # Sanic 21.12 goes on to handle a request after the lifespan ends and fails on the
        # missing request (an ASGI server drops that error too); the shutdown is complete.
        with contextlib.suppress(AttributeError):
            self.loop.run_until_complete(self.task)


class AppClient(Client):
    """A client of the in-process app (one event loop shared with the app)."""

    def __init__(self, app: Sanic, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        self.http = httpx.AsyncClient(transport=transport, base_url="http://testserver",
                                      follow_redirects=False)

    def request(self, method: str, path: str, data: Optional[bytes] = None,
                headers: Optional[Dict[str, str]] = None) -> Response:
        answer = self.loop.run_until_complete(
            self.http.request(method, path, content=data, headers=headers))
        message = Message()
        for name, value in answer.headers.multi_items():
            message[name] = value
        return Response(answer.status_code, answer.text, message)

    def cookie(self, name: str) -> Optional[str]:
        return self.http.cookies.get(name)

    def close(self) -> None:
        self.loop.run_until_complete(self.http.aclose())


class WebApp:
    """The web app of one test, in this process; `store` is the escalation store it uses."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.services = Services(settings)
        # Sanic's test mode (as its test clients set it): many apps in one process, each
        # start-up redoing Sanic's class-level optimisations from the original methods.
        Sanic.test_mode = True
        self.app = create_app(settings, self.services, name=f"amo_web_{uuid.uuid4().hex}")
        self.loop = asyncio.new_event_loop()
        self.lifespan = _Lifespan(self.app, self.loop)
        self.clients: list[AppClient] = []

    @property
    def store(self) -> EscalationStore:
        store: EscalationStore = self.services.escalations
        return store

    def client(self) -> AppClient:
        client = AppClient(self.app, self.loop)
        self.clients.append(client)
        return client

    def close(self) -> None:
        for client in self.clients:
            client.close()
        self.lifespan.stop()
        self.loop.close()
        self.services.database.engine.dispose()


@contextlib.contextmanager
def web_app(var_dir: Path, env: Optional[Mapping[str, str]] = None) -> Iterator[WebApp]:
    """The web app in this process (Rasa at a closed port unless `env` names one)."""
    values = {"AMO_VAR_DIR": str(var_dir), "AMO_RASA_PORT": str(free_port()), **CHEAP_PASSWORDS,
              **(env or {})}
    if not values.get("AMO_DATABASE_URL"):
        migrated_sqlite(var_dir / "amo.db")
    app = WebApp(load_settings({**os.environ, **values}))
    try:
        yield app
    finally:
        app.close()


# A real server (for Chromium and the end-to-end tests) ----------------------------------

class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class HttpClient(Client):
    """A client of a real server over HTTP."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect())

    def request(self, method: str, path: str, data: Optional[bytes] = None,
                headers: Optional[Dict[str, str]] = None) -> Response:
        request = urllib.request.Request(self.base_url + path, data=data, method=method,
                                         headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as resp:
                return Response(resp.status, resp.read().decode(), resp.headers)
        except urllib.error.HTTPError as exc:
            return Response(exc.code, exc.read().decode(errors="replace"), exc.headers)

    def cookie(self, name: str) -> Optional[str]:
        return next((c.value for c in self.cookies if c.name == name), None)


class WebServer:
    def __init__(self, settings: Settings, process: subprocess.Popen, log: Path):
        self.settings = settings
        self.process = process
        self.log = log
        self.url = settings.web_url
        self.services = Services(settings)

    @property
    def store(self) -> EscalationStore:
        store: EscalationStore = self.services.escalations
        return store

    def client(self) -> HttpClient:
        return HttpClient(self.url)


@contextlib.contextmanager
def start_web(var_dir: Path, env: Optional[Mapping[str, str]] = None) -> Iterator[WebServer]:
    """Starts the web app (Rasa at a closed port unless `env` names one); stops it after."""
    values = {"AMO_VAR_DIR": str(var_dir), "AMO_WEB_PORT": str(free_port()),
              "AMO_RASA_PORT": str(free_port()), "AMO_HOST": "127.0.0.1", **CHEAP_PASSWORDS,
              **(env or {})}
    settings = load_settings({**os.environ, **values})
    var_dir.mkdir(parents=True, exist_ok=True)
    log_path = var_dir / "web.log"
    log = open(log_path, "w", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "bot.web"], cwd=PROJECT_ROOT,
                               env={**os.environ, **values, "PYTHONUNBUFFERED": "1"},
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError("bot.web exited:\n" + log_path.read_text()[-3000:])
            try:
                with urllib.request.urlopen(settings.web_url + "/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("bot.web did not start:\n" + log_path.read_text()[-3000:]) from None
                time.sleep(0.1)
        yield WebServer(settings, process, log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
