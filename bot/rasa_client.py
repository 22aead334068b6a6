"""The one client of the Rasa server: its REST webhook and, with the token, its HTTP API.

Every part that talks to Rasa uses it: the web chat, the Telegram channel,
`amo-bot chat`, the doctor, the benchmarks and the tests. Each process builds one
:class:`RasaClient` and passes it to what needs it. Synchronous callers (the CLI,
benchmarks, tests) use :class:`BlockingRasaClient`, which runs the same calls.

The REST webhook is open (it is the participants' way in); the HTTP API
(`/conversations/...`, `/model/parse`, `/status`) needs Rasa's `--auth-token`, which
is sent as `?token=` as Rasa expects it.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import ssl
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Type, TypeVar
from urllib.parse import quote

import httpx

from bot.config import Settings
from bot.language.supported import BY_CODE

logger = logging.getLogger(__name__)

T = TypeVar("T")
WEBHOOK = "/webhooks/rest/webhook"
# Our channels send the API token in this header with each message: only with it does the
# webhook accept the sender ids that name a channel (bot/rasa/rest.py).
CHANNEL_TOKEN_HEADER = "X-AMO-Channel-Token"
# A reply may wait for the action server and the database; reading a slot must not.
REPLY_TIMEOUT = 60.0
API_TIMEOUT = 5.0
CONNECT_TIMEOUT = 5.0


class _RedactToken(logging.Filter):
    """httpx logs every request URL at INFO; the token in the query is replaced before it is written."""

    _TOKEN = re.compile(r"(?<=[?&]token=)[^&\s\"]+")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any("token=" in str(arg) for arg in record.args):
            record.args = tuple(self._TOKEN.sub("[token]", str(arg)) if "token=" in str(arg) else arg
                                for arg in record.args)
        return True


logging.getLogger("httpx").addFilter(_RedactToken())


class RasaUnavailable(Exception):
    """Rasa could not be reached or gave no usable answer; `status` is its HTTP status, if any."""

    def __init__(self, message: str, status: Optional[int] = None):
        super().__init__(message)
        self.status = status


@functools.cache
def _tls() -> ssl.SSLContext:
    """httpx's TLS settings (certifi's CA bundle), read once per process rather than once
    per client: reading the bundle takes about 20 ms."""
    return httpx.create_ssl_context(trust_env=False)


class RasaClient:
    """Talks to one Rasa server (or the balancer in front of several)."""

    def __init__(self, base_url: str, token: str = "", timeout: float = REPLY_TIMEOUT):
        self.base_url = base_url.rstrip("/")
        self._token = token
        # trust_env=False: Rasa runs beside us, and a proxy from the environment must not
        # carry participants' messages off the machine.
        self._http = httpx.AsyncClient(base_url=self.base_url, trust_env=False, verify=_tls(),
                                       timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT))

    @classmethod
    def from_settings(cls, settings: Settings, base_url: Optional[str] = None) -> RasaClient:
        return cls(base_url or settings.rasa_url, settings.rasa_token)

    async def __aenter__(self) -> RasaClient:
        return self

    async def __aexit__(self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException],
                        traceback: Optional[TracebackType]) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def send(self, sender: str, text: str, metadata: Optional[Mapping[str, Any]] = None,
                   language: Optional[str] = None) -> List[Dict[str, Any]]:
        """Sends one message to the REST webhook; returns Rasa's replies.

        `language` is the channel's language hint (`metadata.language`).
        """
        body: Dict[str, Any] = {"sender": sender, "message": text}
        extra = {**(metadata or {}), **({"language": language} if language else {})}
        if extra:
            body["metadata"] = extra
        # The token lets the webhook believe a channel's sender id (bot/rasa/rest.py).
        headers = {CHANNEL_TOKEN_HEADER: self._token} if self._token else {}
        replies = await self._call("POST", WEBHOOK, json=body, headers=headers)
        if not isinstance(replies, list):
            raise RasaUnavailable(f"unexpected answer {str(replies)[:200]!r}")
        return [reply for reply in replies if isinstance(reply, dict)]

    async def tracker(self, sender: str, events: str = "ALL") -> Dict[str, Any]:
        """The conversation's tracker (`events`: ALL, APPLIED, AFTER_RESTART or NONE)."""
        found = await self._call("GET", f"/conversations/{quote(sender, safe='')}/tracker",
                                 params={"include_events": events, **self._auth()},
                                 timeout=API_TIMEOUT)
        if not isinstance(found, dict):
            raise RasaUnavailable(f"unexpected tracker {str(found)[:200]!r}")
        return found

    async def language(self, sender: str) -> Optional[str]:
        """The conversation's language (the `language` slot), or None if unknown or unreachable."""
        try:
            slots = (await self.tracker(sender, events="NONE")).get("slots") or {}
        except RasaUnavailable as exc:
            logger.debug("Could not read the language of %s: %s", sender, exc)
            return None
        language = slots.get("language") if isinstance(slots, dict) else None
        return language if language in BY_CODE else None

    async def parse(self, text: str) -> Dict[str, Any]:
        """What the model makes of `text` (`/model/parse`): intent, entities, ranking."""
        parsed = await self._call("POST", "/model/parse", json={"text": text},
                                  params=self._auth(), timeout=API_TIMEOUT * 2)
        if not isinstance(parsed, dict):
            raise RasaUnavailable(f"unexpected parse result {str(parsed)[:200]!r}")
        return parsed

    async def status(self) -> Dict[str, Any]:
        """The server's `/status` (loaded model); raises RasaUnavailable when it is not up."""
        found = await self._call("GET", "/status", params=self._auth(), timeout=API_TIMEOUT)
        return found if isinstance(found, dict) else {}

    def _auth(self) -> Dict[str, str]:
        return {"token": self._token} if self._token else {}

    async def _call(self, method: str, path: str, timeout: Optional[float] = None,
                    **kwargs: Any) -> Any:
        extra: Dict[str, Any] = {} if timeout is None else {"timeout": timeout}
        try:
            response = await self._http.request(method, path, **kwargs, **extra)
        except httpx.HTTPError as exc:
            raise RasaUnavailable(f"Rasa at {self.base_url} not reachable ({type(exc).__name__}: "
                                  f"{exc})") from exc
        if response.status_code != 200:
            raise RasaUnavailable(f"Rasa answered HTTP {response.status_code} to {method} {path}: "
                                  f"{response.text[:200]}", status=response.status_code)
        try:
            return response.json()
        except ValueError as exc:
            raise RasaUnavailable(f"Rasa's answer to {method} {path} is not JSON") from exc


class BlockingRasaClient:
    """The same calls for synchronous code; each call runs on its own short-lived event loop.

    Safe to use from several threads at once (each call has its own connection), and from
    code that already runs an event loop in its thread (Playwright's synchronous API
    does): the call then runs in a helper thread.
    """

    def __init__(self, base_url: str, token: str = "", timeout: float = REPLY_TIMEOUT):
        self.base_url = base_url
        self._token = token
        self._timeout = timeout

    @classmethod
    def from_settings(cls, settings: Settings, base_url: Optional[str] = None) -> BlockingRasaClient:
        return cls(base_url or settings.rasa_url, settings.rasa_token)

    def _run(self, call: Callable[[RasaClient], Awaitable[T]]) -> T:
        async def once() -> T:
            async with RasaClient(self.base_url, self._token, self._timeout) as client:
                return await call(client)

        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(once())
        with ThreadPoolExecutor(max_workers=1) as helper:
            return helper.submit(asyncio.run, once()).result()

    def send(self, sender: str, text: str, metadata: Optional[Mapping[str, Any]] = None,
             language: Optional[str] = None) -> List[Dict[str, Any]]:
        return self._run(lambda client: client.send(sender, text, metadata, language))

    def tracker(self, sender: str, events: str = "ALL") -> Dict[str, Any]:
        return self._run(lambda client: client.tracker(sender, events))

    def language(self, sender: str) -> Optional[str]:
        return self._run(lambda client: client.language(sender))

    def parse(self, text: str) -> Dict[str, Any]:
        return self._run(lambda client: client.parse(text))

    def status(self) -> Dict[str, Any]:
        return self._run(lambda client: client.status())
