"""Rasa's command lines, its endpoints.yml and its API token: the one place that builds them.

The supervisor (default profile), the production profile, training, the benchmarks
and the tests all start Rasa through these functions. endpoints.yml is written with a
YAML serialiser, so that any password or path survives as it is.
"""

from __future__ import annotations

import os
import secrets
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence
from urllib.parse import quote

import yaml
from sqlalchemy.engine import make_url

from bot.config import Settings

TRAINING_DATA = ("nlu_data/nlu", "nlu_data/rules", "nlu_data/stories")
SECRET_FILE_MODE = 0o600


def ensure_token(settings: Settings) -> Settings:
    """Settings with a Rasa API token: AMO_RASA_TOKEN, else the one in var/, else a new one there.

    The generated token is written once (mode 0600) and reused by every later run and
    by every process that reads the settings (`amo-bot chat`, the tests).
    """
    if settings.rasa_token:
        return settings
    path = settings.rasa_token_file
    path.parent.mkdir(parents=True, exist_ok=True)
    token = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
    if not token:
        token = secrets.token_urlsafe(32)
        write_secret(path, token + "\n")
    elif path.stat().st_mode & 0o777 != SECRET_FILE_MODE:
        path.chmod(SECRET_FILE_MODE)
    return replace(settings, rasa_token=token)


def write_secret(path: Path, text: str) -> Path:
    """Writes a file that only this user may read (created with mode 0600, never wider)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, SECRET_FILE_MODE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(text)
    path.chmod(SECRET_FILE_MODE)  # an older file keeps its mode through O_CREAT
    return path


def tracker_store(settings: Settings) -> Dict[str, Any]:
    """The tracker store of AMO_TRACKER_STORE_URL: "memory", SQLite (default) or a SQL server."""
    url = settings.tracker_store_url
    if url == "memory":
        return {"type": "bot.rasa.trackers.ForgetfulInMemoryTrackerStore"}
    store: Dict[str, Any] = {"type": "bot.rasa.trackers.ForgetfulSQLTrackerStore"}
    if not url or url.startswith("sqlite:///"):
        db = url[len("sqlite:///"):] if url else str(settings.var_dir / "trackers.db")
        return {**store, "dialect": "sqlite", "db": db}
    parsed = make_url(url)  # percent-escapes in the user and password are decoded here
    store.update(dialect=parsed.drivername, url=parsed.host or "127.0.0.1",
                 port=parsed.port or 5432, db=parsed.database,
                 username=parsed.username or "postgres")
    if parsed.password:
        store["password"] = str(parsed.password)
    if parsed.query:
        store["query"] = dict(parsed.query)
    return store


def lock_store(redis_url: str) -> Dict[str, Any]:
    """Redis as Rasa's lock store, with our atomic ticket bookkeeping (bot/rasa/locks.py)."""
    parsed = make_url(redis_url)
    store: Dict[str, Any] = {"type": "bot.rasa.locks.AtomicRedisLockStore",
                             "url": parsed.host or "127.0.0.1", "port": parsed.port or 6379,
                             "db": int(parsed.database or 1)}
    if parsed.username:
        store["username"] = parsed.username
    if parsed.password:
        store["password"] = str(parsed.password)
    return store


def endpoints(settings: Settings, redis_url: Optional[str] = None) -> Dict[str, Any]:
    """The Rasa server's endpoints: actions, NLG, tracker store and, with Redis, the lock store."""
    config: Dict[str, Any] = {
        "action_endpoint": {"url": settings.actions_url},
        "nlg": {"type": "bot.rasa.nlg.GettextNLG"},
        "tracker_store": tracker_store(settings),
    }
    if redis_url:
        config["lock_store"] = lock_store(redis_url)
    return config


def write_endpoints(settings: Settings, redis_url: Optional[str] = None,
                    name: str = "endpoints.yml") -> Path:
    """Writes var/run/<name> (mode 0600: it may hold database passwords); returns its path."""
    text = ("# Written by `amo-bot run` from the settings; edits are overwritten.\n"
            + yaml.safe_dump(endpoints(settings, redis_url), sort_keys=False, allow_unicode=True))
    return write_secret(settings.var_dir / "run" / name, text)


def run_command(settings: Settings, model: Path, endpoints_file: Path, port: Optional[int] = None,
                python: str = sys.executable, interface: Optional[str] = None) -> List[str]:
    """`rasa run` with the REST channel and the HTTP API, for one server on `port`.

    Started through `python -m bot.rasa`, which adds `--auth-token` from the settings
    inside the process: a token on the command line could be read by every local user.
    """
    return [python, "-m", "bot.rasa", "run", "--enable-api", "--model", str(model),
            "--port", str(port or settings.rasa_port), "--interface", interface or settings.host,
            "--endpoints", str(endpoints_file),
            "--credentials", str(settings.root / "credentials.yml")]


def status_url(settings: Settings, port: Optional[int] = None, host: Optional[str] = None) -> str:
    """The server's `/status` with the token: 200 once the model is loaded (health checks)."""
    token = f"?token={quote(settings.rasa_token, safe='')}" if settings.rasa_token else ""
    return f"http://{host or settings.host}:{port or settings.rasa_port}/status{token}"


def train_command(out: Path, fixed_model_name: Optional[str] = None, python: str = sys.executable,
                  data: Sequence[str] = TRAINING_DATA) -> List[str]:
    """`rasa train` of this project (run in the project root), writing into `out`.

    Without Rasa's check of the domain, stories and data (`rasa data validate`), which reads
    all NLU files twice more and took about 100 of 400 s: the tests run that check
    (tests/test_rasa_validation.py), and training still reads every file against Rasa's schema."""
    command = [python, "-m", "bot.rasa", "train", "--config", "config.yml", "--skip-validation",
               "--domain", "nlu_data/domain.yml", "--data", *data, "--out", str(out)]
    if fixed_model_name:
        command += ["--fixed-model-name", fixed_model_name]
    return command


def train_nlu_command(config: Path, nlu: Path, out: Path, fixed_model_name: str,
                      python: str = sys.executable) -> List[str]:
    """`rasa train nlu` of one configuration on one data file (comparing NLU pipelines)."""
    return [python, "-m", "rasa", "train", "nlu", "--config", str(config), "--nlu", str(nlu),
            "--out", str(out), "--fixed-model-name", fixed_model_name]
