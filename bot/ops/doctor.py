"""Health checks for `amo-bot doctor`: one line per check, with a fix hint."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import re
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

from bot.config import Settings
from bot.escalations import spool

# A spooled question older than this means the spool is not draining (it is retried every 10 s).
SPOOL_STALE = dt.timedelta(minutes=10)
PINNED = {"rasa": "3.6.21", "rasa-sdk": "3.6.2", "python-telegram-bot": "22.8"}


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # ok, warn, fail
    detail: str
    hint: str = ""


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _rasa_check(settings: Settings) -> Check:
    """The Rasa server's /status, asked with the API token as every part of the bot asks."""
    from bot.rasa_client import BlockingRasaClient, RasaUnavailable

    url = settings.rasa_url
    try:
        BlockingRasaClient(url, settings.rasa_token, timeout=2).status()
    except RasaUnavailable as exc:
        if exc.status == 401:
            return Check("rasa server", "fail", f"{url} refuses our API token",
                         "AMO_RASA_TOKEN differs from the running server's: restart with `make run`")
        return Check("rasa server", "warn", f"not reachable at {url}", "make run")
    return Check("rasa server", "ok", url)


def _database_check(url: str) -> Check:
    """Connects to the database; a SQLite file that does not exist yet is fine if it can be
    created (the first `make run` creates it), and the check does not create it."""
    import sqlalchemy as sa

    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        folder = Path(url[len("sqlite:///"):]).resolve().parent
        while not folder.exists():
            folder = folder.parent
        if os.access(folder, os.W_OK):
            return Check("database", "ok", f"{url} (created at the first start)")
        return Check("database", "fail", f"{url}: cannot create it, {folder} is not writable",
                     "check AMO_DATABASE_URL")
    try:
        engine = sa.create_engine(url)
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        return Check("database", "ok", engine.url.render_as_string(hide_password=True))
    except Exception as exc:
        return Check("database", "fail", str(exc).splitlines()[0][:120], "check AMO_DATABASE_URL")


def _spool_check(folder: Path, now: Optional[dt.datetime] = None) -> Check:
    """Questions written to the spool while the database did not take them.

    The action servers store them within seconds of the database taking them again; one
    still there after SPOOL_STALE means the spool is not draining.
    """
    count, oldest = spool.backlog(folder)
    if oldest is None:
        return Check("question spool", "ok", "empty")
    age = (now or dt.datetime.now(dt.timezone.utc)) - oldest
    minutes = int(age.total_seconds() // 60)
    detail = f"{count} waiting in {folder}, the oldest for {minutes} min"
    if age > SPOOL_STALE:
        return Check("question spool", "fail", detail + ": not draining",
                     "check the database line above and the action server's log "
                     "(\"refused by the database\" names the file)")
    return Check("question spool", "warn", detail, "they are stored once the database takes them")


def run_checks(settings: Settings) -> List[Check]:
    checks: List[Check] = []
    version = ".".join(str(part) for part in sys.version_info[:3])
    checks.append(Check("python", "ok" if sys.version_info[:2] == (3, 10) else "fail", version,
                        "" if sys.version_info[:2] == (3, 10) else "Rasa 3.6 needs Python 3.10: make setup PYTHON=python3.10"))
    for package, wanted in PINNED.items():
        try:
            found = importlib.metadata.version(package)
            ok = found == wanted
            checks.append(Check(f"package {package}", "ok" if ok else "warn", found,
                                "" if ok else f"expected {wanted}: make setup"))
        except importlib.metadata.PackageNotFoundError:
            checks.append(Check(f"package {package}", "fail", "not installed", "make setup"))
    from bot.ops.training import latest_model

    model = latest_model(settings.root, settings.models_dir)
    checks.append(Check("model", "ok" if model else "fail",
                        model.name if model else "no model for the current data",
                        "" if model else "make setup (trains the model)"))
    checks.append(_rasa_check(settings))
    url = f"http://{settings.host}:{settings.actions_port}/health"
    up = _http_ok(url)
    checks.append(Check("action server", "ok" if up else "warn", url if up else f"not reachable at {url}",
                        "" if up else "make run"))
    checks.append(_database_check(settings.effective_database_url))
    checks.append(_spool_check(settings.var_dir / "spool"))
    token = settings.telegram_token
    if not token:
        checks.append(Check("telegram token", "warn", "not set; Telegram is off", "set TELEGRAM_TOKEN in .env"))
    elif re.fullmatch(r"\d{5,12}:[A-Za-z0-9_-]{30,}", token):
        checks.append(Check("telegram token", "ok", "format looks right"))
    else:
        checks.append(Check("telegram token", "fail", "does not look like 123456:ABC...",
                            "copy the token from @BotFather again"))
    from bot.content.loader import load_catalogue

    catalogue, problems = load_catalogue(settings.content_dir)
    errors = [p for p in problems if p.severity == "error"]
    checks.append(Check("content", "ok" if catalogue else "fail",
                        f"{len(catalogue.courses)} courses" if catalogue else f"{len(errors)} errors",
                        "" if catalogue else "amo-bot content check"))
    return checks
