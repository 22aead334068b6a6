"""A real `python -m bot.web` on a free port, and a small cookie-keeping HTTP client for it.

sanic-testing is not installed with Rasa, so the tests drive the app the way a browser
does: over HTTP, with cookies, without following redirects (so a test sees the 303).
"""

from __future__ import annotations

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
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any, Dict, Iterator, Mapping, Optional

from bot.config import PROJECT_ROOT, Settings, load_settings
from bot.escalations.store import EscalationStore
from bot.services import Services
from tests.conftest import free_port

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Response:
    status: int
    text: str
    headers: Message  # HTTPMessage: .get() and .get_all() for repeated headers

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def json(self) -> Any:
        return json.loads(self.text)

    def csrf_token(self) -> str:
        match = _CSRF.search(self.text)
        assert match, "no CSRF token on the page"
        return match.group(1)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Client:
    """One browser: its own cookies."""

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

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, form: Mapping[str, str]) -> Response:
        return self.request("POST", path, urllib.parse.urlencode(form).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def post_json(self, path: str, body: Any) -> Response:
        return self.request("POST", path, json.dumps(body).encode(),
                            {"Content-Type": "application/json"})

    def login(self, username: str, password: str) -> Response:
        token = self.get("/dashboard/login").csrf_token()
        return self.post("/dashboard/login", {"csrf_token": token, "username": username,
                                              "password": password, "next": "/dashboard/"})

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

    def client(self) -> Client:
        return Client(self.url)


@contextlib.contextmanager
def start_web(var_dir: Path, env: Optional[Mapping[str, str]] = None) -> Iterator[WebServer]:
    """Starts the web app (Rasa at a closed port unless `env` names one); stops it after."""
    values = {"AMO_VAR_DIR": str(var_dir), "AMO_WEB_PORT": str(free_port()),
              "AMO_RASA_PORT": str(free_port()), "AMO_HOST": "127.0.0.1", **(env or {})}
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
