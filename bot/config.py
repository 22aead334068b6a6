"""Settings: the one place that reads the environment.

Every other module receives a :class:`Settings` (or reads :func:`get_settings`).
Values come from the environment first, then from a `.env` file in the project
root, then from the defaults below. The defaults need no external service.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple, Union

PROJECT_ROOT = Path(__file__).resolve().parent.parent

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


@dataclass(frozen=True)
class Settings:
    """Runtime configuration of every process of the bot."""

    root: Path = PROJECT_ROOT
    host: str = "127.0.0.1"
    rasa_port: int = 5005
    actions_port: int = 5055
    web_port: int = 8000
    # Marks the dashboard's and the web chat's cookies `Secure`: set it when the pages are
    # served over HTTPS.
    web_cookie_secure: bool = False
    # Reverse proxies whose X-Forwarded-For is believed (addresses or networks); the
    # client address of a request from anywhere else is the connection's own.
    trusted_proxies: Tuple[Network, ...] = ()
    # How long a browser keeps its web chat conversation (the cookie), unless "Start over".
    web_conversation_days: int = 30
    # Messages to the web chat per minute: per conversation, and per client address (a
    # course room shares one address, hence the higher figure).
    web_messages_per_minute: int = 20
    web_address_messages_per_minute: int = 120
    # Questions to caseworkers one participant may leave in 24 hours.
    questions_per_day: int = 5
    database_url: str = ""
    tracker_store_url: str = ""
    content_dir: Path = PROJECT_ROOT / "content"
    translations_dir: Path = PROJECT_ROOT / "translations"
    models_dir: Path = PROJECT_ROOT / "models"
    var_dir: Path = PROJECT_ROOT / "var"
    # Rasa's lock store in the production profile (several Rasa instances).
    redis_url: str = "redis://127.0.0.1:6379/1"
    telegram_token: str = ""
    telegram_api_base_url: str = ""
    # Empty: long polling. A public https URL: Telegram posts updates there instead.
    telegram_webhook_url: str = ""
    telegram_webhook_port: int = 8443
    telegram_webhook_secret: str = ""
    telegram_push_seconds: float = 5.0
    default_language: str = "nb"
    escalation_retention_days: int = 180
    # Conversations (Rasa's trackers) idle this long are deleted.
    tracker_retention_days: int = 90
    # What the participant is told to expect; set it to what the offices really manage.
    response_days: int = 3
    content_watch_seconds: float = 2.0
    log_level: str = "INFO"
    extra: Mapping[str, str] = field(default_factory=dict)

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


def _int(env: Mapping[str, str], key: str, default: int) -> int:
    raw = env.get(key)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{key} must be a whole number, got {raw!r}") from exc


def _bool(env: Mapping[str, str], key: str, default: bool) -> bool:
    raw = env.get(key)
    if raw is None or raw == "":
        return default
    if raw.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if raw.strip().lower() in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{key} must be true or false, got {raw!r}")


def _networks(env: Mapping[str, str], key: str) -> Tuple[Network, ...]:
    networks = []
    for item in (env.get(key) or "").replace(";", ",").split(","):
        if item.strip():
            try:
                networks.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError as exc:
                raise ValueError(f"{key} must list IP addresses or networks (e.g. 127.0.0.1, "
                                 f"10.0.0.0/8), got {item.strip()!r}") from exc
    return tuple(networks)


def load_settings(environ: Optional[Mapping[str, str]] = None) -> Settings:
    """Builds settings from `environ` (default: the process environment plus `.env`)."""
    if environ is None:
        merged: Dict[str, str] = _read_dotenv(PROJECT_ROOT / ".env")
        merged.update(os.environ)
        environ = merged
    # An empty value (as in a copied .env.example) means "use the default".
    env: Mapping[str, str] = {k: v for k, v in environ.items() if v != ""}
    root = Path(env.get("AMO_ROOT", str(PROJECT_ROOT)))
    var_dir = Path(env.get("AMO_VAR_DIR", str(root / "var")))
    return Settings(
        root=root,
        host=env.get("AMO_HOST", "127.0.0.1"),
        rasa_port=_int(env, "AMO_RASA_PORT", 5005),
        actions_port=_int(env, "AMO_ACTIONS_PORT", 5055),
        web_port=_int(env, "AMO_WEB_PORT", 8000),
        web_cookie_secure=_bool(env, "AMO_WEB_COOKIE_SECURE", False),
        web_conversation_days=_int(env, "AMO_WEB_CONVERSATION_DAYS", 30),
        web_messages_per_minute=_int(env, "AMO_WEB_MESSAGES_PER_MINUTE", 20),
        web_address_messages_per_minute=_int(env, "AMO_WEB_ADDRESS_MESSAGES_PER_MINUTE", 120),
        trusted_proxies=_networks(env, "AMO_TRUSTED_PROXIES"),
        questions_per_day=_int(env, "AMO_QUESTIONS_PER_DAY", 5),
        database_url=env.get("AMO_DATABASE_URL", ""),
        tracker_store_url=env.get("AMO_TRACKER_STORE_URL", ""),
        content_dir=Path(env.get("AMO_CONTENT_DIR", str(root / "content"))),
        translations_dir=Path(env.get("AMO_TRANSLATIONS_DIR", str(root / "translations"))),
        models_dir=Path(env.get("AMO_MODELS_DIR", str(root / "models"))),
        var_dir=var_dir,
        redis_url=env.get("AMO_REDIS_URL", "redis://127.0.0.1:6379/1"),
        telegram_token=env.get("TELEGRAM_TOKEN", ""),
        telegram_api_base_url=env.get("TELEGRAM_API_BASE_URL", ""),
        telegram_webhook_url=env.get("AMO_TELEGRAM_WEBHOOK_URL", ""),
        telegram_webhook_port=_int(env, "AMO_TELEGRAM_WEBHOOK_PORT", 8443),
        telegram_webhook_secret=env.get("AMO_TELEGRAM_WEBHOOK_SECRET", ""),
        telegram_push_seconds=float(env.get("AMO_TELEGRAM_PUSH_SECONDS", "5")),
        default_language=env.get("AMO_DEFAULT_LANGUAGE", "nb"),
        escalation_retention_days=_int(env, "AMO_ESCALATION_RETENTION_DAYS", 180),
        tracker_retention_days=_int(env, "AMO_TRACKER_RETENTION_DAYS", 90),
        response_days=_int(env, "AMO_RESPONSE_DAYS", 3),
        content_watch_seconds=float(env.get("AMO_CONTENT_WATCH_SECONDS", "2.0")),
        log_level=env.get("AMO_LOG_LEVEL", "INFO"),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings of this process, read once."""
    return load_settings()
