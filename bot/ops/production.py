"""Production profile on one machine: Rasa's own distributed setup behind nginx.

Two Rasa servers and two action servers, each pair behind nginx on the usual ports
(5005, 5055), the tracker store and the escalation store in PostgreSQL, and Redis as
Rasa's lock store, so that the messages of one conversation are processed one at a
time, in order, whichever instance receives them. docs/deployment.md maps the same
processes onto a cluster.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import List

from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.ops.rasa_commands import ensure_token, run_command, status_url, write_endpoints
from bot.ops.supervisor import Child, with_token

INSTANCES = 2
DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/amo"


class ProfileError(Exception):
    pass


INSECURE_COOKIES = (
    "The production profile needs AMO_WEB_COOKIE_SECURE=true: serve the web port behind a "
    "TLS reverse proxy, so that login cookies are only ever sent encrypted (README, For "
    "operators). Without it the profile does not start.")


def require_secure_cookies(settings: Settings) -> None:
    """The production profile serves the dashboard to other machines: over HTTPS only."""
    if not settings.web_cookie_secure:
        raise ProfileError(INSECURE_COOKIES)


# The password hashing cost below which the profile does not start (tests lower it).
MIN_SCRYPT_N = 2**17


def require_password_cost(settings: Settings) -> None:
    """Dashboard passwords are hashed at full cost wherever other machines can log in."""
    if settings.password_scrypt_n < MIN_SCRYPT_N:
        raise ProfileError(
            f"AMO_PASSWORD_SCRYPT_N is {settings.password_scrypt_n}; the production profile needs at "
            f"least {MIN_SCRYPT_N} (the default): unset it. A lower cost is for tests only.")


def production_settings(settings: Settings) -> Settings:
    """PostgreSQL for both stores unless configured otherwise."""
    database = settings.database_url or DEFAULT_DATABASE
    return replace(settings, database_url=database,
                   tracker_store_url=settings.tracker_store_url or database)


def ensure_database(url: str) -> None:
    """Creates the PostgreSQL database of `url` if the server has none of that name."""
    import sqlalchemy as sa

    target = make_url(url)
    admin = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                              {"n": target.database}).first()
        if not exists:
            conn.execute(sa.text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


def instance_port(base: int, index: int) -> int:
    """Ports of the instances behind a balancer port: 5005 -> 5105, 5205."""
    return base + 100 * (index + 1)


LOOPBACK = "127.0.0.1"
_PROXY = ("      proxy_http_version 1.1;\n      proxy_set_header Connection \"\";\n"
          "      proxy_read_timeout 120s;\n      proxy_buffering off;\n"
          "      proxy_next_upstream error timeout http_502 http_503;\n")
_LOOPBACK_ONLY = "      allow 127.0.0.1;\n      allow ::1;\n      deny all;\n"


def _location(match: str, upstream: str, rules: str = "") -> str:
    return f"    location {match} {{\n{rules}      proxy_pass http://{upstream};\n{_PROXY}    }}\n"


def rasa_locations() -> str:
    """What the balancer passes to the Rasa servers: the REST webhook, and nothing else from outside.

    The web chat and Telegram also read a conversation's slots (the language) with the
    token; that path is open to this machine only and never returns the history of
    events (`include_events=NONE`). `/model`, the rest of `/conversations` and `/status` are
    not passed on at all (404), whoever asks; tools on this machine that need them
    talk to an instance's own port with the token.
    """
    return (_location("= /webhooks/rest/webhook", "rasa", "      limit_except POST { deny all; }\n")
            + _location("~ ^/conversations/[^/]+/tracker$", "rasa",
                        _LOOPBACK_ONLY + "      limit_except GET { deny all; }\n"
                        "      if ($arg_include_events != \"NONE\") { return 403; }\n")
            + "    location / {\n      return 404;\n    }\n")


def nginx_config(settings: Settings, run_dir: Path) -> Path:
    """The balancer: public Rasa port with only the webhook; the action servers for this machine only."""
    def upstream(name: str, base: int) -> str:
        servers = "".join(f"    server {LOOPBACK}:{instance_port(base, i)} max_fails=1 fail_timeout=2s;\n"
                          for i in range(INSTANCES))
        return f"  upstream {name} {{\n{servers}    keepalive 16;\n  }}\n"

    def server(port: int, locations: str) -> str:
        return (f"  server {{\n    listen {settings.host}:{port};\n"
                f"    client_max_body_size 1m;\n"
                # Bodies and answers stay in memory: nginx's workers run as another user,
                # which may not write to our run folder.
                f"    client_body_buffer_size 1m;\n{locations}  }}\n")

    # The action servers run any action for any conversation they are sent: only the
    # Rasa servers on this machine may call them.
    actions = _location("/", "actions", _LOOPBACK_ONLY)
    text = (f"worker_processes 1;\npid {run_dir / 'nginx.pid'};\nerror_log {run_dir / 'nginx-error.log'} warn;\n"
            f"events {{ worker_connections 1024; }}\n"
            f"http {{\n  access_log off;\n"
            f"  client_body_temp_path {run_dir / 'nginx-body'};\n"
            f"  proxy_temp_path {run_dir / 'nginx-proxy'};\n"
            + upstream("rasa", settings.rasa_port) + upstream("actions", settings.actions_port)
            + server(settings.rasa_port, rasa_locations()) + server(settings.actions_port, actions) + "}\n")
    path = run_dir / "nginx.conf"
    path.write_text(text, encoding="utf-8")
    return path


def production_commands(settings: Settings, model: Path, python: str, redis_url: str) -> List[Child]:
    """Every process of the production profile; raises ProfileError with a fix hint."""
    require_secure_cookies(settings)
    require_password_cost(settings)
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        raise ProfileError("The production profile needs nginx: sudo apt-get install nginx-light")
    settings = ensure_token(settings)
    run_dir = settings.var_dir / "run"
    run_dir.mkdir(parents=True, exist_ok=True)
    endpoints_file = write_endpoints(settings, redis_url, name="endpoints-production.yml")
    children = [Child("nginx", [nginx, "-c", str(nginx_config(settings, run_dir)), "-g", "daemon off;"])]
    for index in range(INSTANCES):
        actions_port = instance_port(settings.actions_port, index)
        children.append(Child(f"actions-{index + 1}", [python, "-m", "actions.server"],
                              health_url=f"http://{LOOPBACK}:{actions_port}/health",
                              env={"AMO_ACTIONS_PORT": str(actions_port), "SANIC_HOST": LOOPBACK}))
    for index in range(INSTANCES):
        rasa_port = instance_port(settings.rasa_port, index)
        children.append(Child(f"rasa-{index + 1}",
                              run_command(settings, model, endpoints_file, rasa_port, python,
                                          interface=LOOPBACK),
                              health_url=status_url(settings, rasa_port, host=LOOPBACK)))
    children.append(Child("web", [python, "-m", "bot.web"], health_url=f"{settings.web_url}/health"))
    if settings.telegram_token:
        children.append(Child("telegram", [python, "-m", "bot.channels.telegram"], optional=True))
    return with_token(children, settings)
