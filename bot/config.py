"""Settings: the one place that reads the environment.

Every other module receives a :class:`Settings` (or reads :func:`get_settings`).
Values come from the environment first, then from a `.env` file in the project
root, then from the defaults below, each stated once beside the variable that sets
it. The defaults need no external service. Relative paths are under the project root.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Dict, Mapping, Optional, Tuple, Union

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Where `amo-bot run` keeps the Rasa API token it generated when AMO_RASA_TOKEN is not set.
RASA_TOKEN_FILE = "rasa-token"

# The largest scrypt cost accepted, in the settings and in a stored hash (2^20: 1 GiB).
MAX_SCRYPT_N = 2**20

Network = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]


def _read_dotenv(path: Path) -> Dict[str, str]:
    """Reads KEY=VALUE lines; comments and blank lines are skipped."""
    values: Dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip().strip('"').strip("'")
    return values


def _env(variable: str, default: Any, secret: bool = False) -> Any:
    """A field set by an environment variable; its default is stated here, once.

    A secret (a token, a URL that may hold a password) is left out of the settings' repr,
    so that it cannot reach a log by way of a printed Settings.
    """
    return field(default=default, repr=not secret, metadata={"env": variable})


@dataclass(frozen=True)
class Settings:
    """Runtime configuration of every process of the bot."""

    root: Path = _env("AMO_ROOT", PROJECT_ROOT)
    host: str = _env("AMO_HOST", "127.0.0.1")
    rasa_port: int = _env("AMO_RASA_PORT", 5005)
    actions_port: int = _env("AMO_ACTIONS_PORT", 5055)
    web_port: int = _env("AMO_WEB_PORT", 8000)
    # Required on Rasa's HTTP API (`/conversations`, `/model`); empty: the one that
    # `amo-bot run` generated into var/, if any.
    rasa_token: str = _env("AMO_RASA_TOKEN", "", secret=True)
    # Marks the dashboard's and the web chat's cookies `Secure`: set it when the pages are
    # served over HTTPS.
    web_cookie_secure: bool = _env("AMO_WEB_COOKIE_SECURE", False)
    # Reverse proxies whose X-Forwarded-For is believed (addresses or networks); the
    # client address of a request from anywhere else is the connection's own.
    trusted_proxies: Tuple[Network, ...] = _env("AMO_TRUSTED_PROXIES", ())
    # scrypt's cost N for new password hashes: a power of two; 2^17 takes about 128 MiB and
    # a few tenths of a second per login, which is what makes a stolen table slow to attack.
    # Each hash records its own cost, so a change locks nobody out: older hashes still
    # verify and are renewed at the next login. Only the tests lower it.
    password_scrypt_n: int = _env("AMO_PASSWORD_SCRYPT_N", 2**17)
    # How long a browser keeps its web chat conversation (the cookie), unless "Start over".
    web_conversation_days: int = _env("AMO_WEB_CONVERSATION_DAYS", 30)
    # Messages to the web chat per minute: per conversation, and per client address (a
    # course room shares one address, hence the higher figure).
    web_messages_per_minute: int = _env("AMO_WEB_MESSAGES_PER_MINUTE", 20)
    web_address_messages_per_minute: int = _env("AMO_WEB_ADDRESS_MESSAGES_PER_MINUTE", 120)
    # Questions to caseworkers one participant may leave in 24 hours.
    questions_per_day: int = _env("AMO_QUESTIONS_PER_DAY", 5)
    database_url: str = _env("AMO_DATABASE_URL", "", secret=True)
    tracker_store_url: str = _env("AMO_TRACKER_STORE_URL", "", secret=True)
    content_dir: Path = _env("AMO_CONTENT_DIR", Path("content"))
    translations_dir: Path = _env("AMO_TRANSLATIONS_DIR", Path("translations"))
    models_dir: Path = _env("AMO_MODELS_DIR", Path("models"))
    var_dir: Path = _env("AMO_VAR_DIR", Path("var"))
    # Rasa's lock store in the production profile (several Rasa instances).
    redis_url: str = _env("AMO_REDIS_URL", "redis://127.0.0.1:6379/1", secret=True)
    telegram_token: str = _env("TELEGRAM_TOKEN", "", secret=True)
    telegram_api_base_url: str = _env("TELEGRAM_API_BASE_URL", "")
    # Empty: long polling. A public https URL: Telegram posts updates there instead.
    telegram_webhook_url: str = _env("AMO_TELEGRAM_WEBHOOK_URL", "")
    telegram_webhook_port: int = _env("AMO_TELEGRAM_WEBHOOK_PORT", 8443)
    telegram_webhook_secret: str = _env("AMO_TELEGRAM_WEBHOOK_SECRET", "", secret=True)
    telegram_push_seconds: float = _env("AMO_TELEGRAM_PUSH_SECONDS", 5.0)
    default_language: str = _env("AMO_DEFAULT_LANGUAGE", "nb")
    escalation_retention_days: int = _env("AMO_ESCALATION_RETENTION_DAYS", 180)
    # Conversations (Rasa's trackers) idle this long are deleted.
    tracker_retention_days: int = _env("AMO_TRACKER_RETENTION_DAYS", 90)
    # What the participant is told to expect; set it to what the offices really manage.
    response_days: int = _env("AMO_RESPONSE_DAYS", 3)
    content_watch_seconds: float = _env("AMO_CONTENT_WATCH_SECONDS", 2.0)
    # A self-hosted LibreTranslate-compatible server; empty: no machine translation.
    translate_url: str = _env("AMO_TRANSLATE_URL", "")
    # The NLU inbox: messages understood with less confidence than this are kept for
    # labelling, and every inbox row is deleted after the retention.
    inbox_confidence: float = _env("AMO_INBOX_CONFIDENCE", 0.6)
    inbox_retention_days: int = _env("AMO_INBOX_RETENTION_DAYS", 90)
    translate_api_key: str = _env("AMO_TRANSLATE_API_KEY", "")
    log_level: str = _env("AMO_LOG_LEVEL", "INFO")

    def __post_init__(self) -> None:
        n = self.password_scrypt_n
        if not 1 < n <= MAX_SCRYPT_N or n & (n - 1):
            raise ValueError(f"AMO_PASSWORD_SCRYPT_N must be a power of two from 2 to {MAX_SCRYPT_N}, got {n}")
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, Path) and not value.is_absolute() and item.name != "root":
                object.__setattr__(self, item.name, self.root / value)

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://{self.host}:{self.actions_port}/webhook"

    @property
    def web_url(self) -> str:
        return f"http://{self.host}:{self.web_port}"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.var_dir / 'amo.db'}"

    @property
    def rasa_token_file(self) -> Path:
        return self.var_dir / RASA_TOKEN_FILE


def _int(raw: str) -> int:
    return int(raw)


def _bool(raw: str) -> bool:
    if raw.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if raw.strip().lower() in ("0", "false", "no", "off"):
        return False
    raise ValueError(raw)




def _networks(raw: str) -> Tuple[Network, ...]:
    """Addresses or networks separated by commas (or semicolons)."""
    return tuple(ipaddress.ip_network(item.strip(), strict=False)
                 for item in raw.replace(";", ",").split(",") if item.strip())


# Annotations are strings here (`from __future__ import annotations`).
_PARSERS: Dict[str, Callable[[str], Any]] = {"str": str, "int": _int, "float": float,
                                             "bool": _bool, "Path": Path,
                                             "Tuple[Network, ...]": _networks}
_KINDS = {"int": "a whole number", "float": "a number", "bool": "true or false",
          "Tuple[Network, ...]": "a list of IP addresses or networks (e.g. 127.0.0.1, 10.0.0.0/8)"}


def load_settings(environ: Optional[Mapping[str, str]] = None) -> Settings:
    """Builds settings from `environ` (default: the process environment plus `.env`)."""
    if environ is None:
        merged: Dict[str, str] = _read_dotenv(PROJECT_ROOT / ".env")
        merged.update(os.environ)
        environ = merged
    # An empty value (as in a copied .env.example) means "use the default".
    env: Mapping[str, str] = {k: v for k, v in environ.items() if v != ""}
    values: Dict[str, Any] = {}
    for item in fields(Settings):
        variable = item.metadata.get("env")
        if not isinstance(variable, str) or variable not in env:
            continue
        kind = str(item.type)
        try:
            values[item.name] = _PARSERS[kind](env[variable])
        except ValueError as exc:
            raise ValueError(f"{variable} must be {_KINDS.get(kind, kind)}, got {env[variable]!r}") from exc
    settings = Settings(**values)
    if not settings.rasa_token and settings.rasa_token_file.is_file():
        settings = replace(settings, rasa_token=settings.rasa_token_file.read_text(encoding="utf-8").strip())
    return settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings of this process, read once."""
    return load_settings()
