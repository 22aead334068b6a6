"""Rasa's endpoints.yml, command lines and API token, as the supervisor and production profile use them."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.config import PROJECT_ROOT, load_settings
from bot.ops.production import nginx_config
from bot.ops.rasa_commands import (
    ensure_token,
    run_command,
    status_url,
    train_command,
    train_nlu_command,
    write_endpoints,
)
from bot.ops.supervisor import commands

AWKWARD = "p@ss:w/rd# x'\"{}%"


def rasa_endpoints(path: Path):  # type: ignore[no-untyped-def]
    """The file as the Rasa server reads it (its own reader, environment expansion included)."""
    from rasa.core.utils import read_endpoints_from_path

    return read_endpoints_from_path(path)


def test_endpoints_follow_the_settings(tmp_path: Path) -> None:
    settings = load_settings({"AMO_VAR_DIR": str(tmp_path), "AMO_ACTIONS_PORT": "6055"})
    written = yaml.safe_load(write_endpoints(settings).read_text(encoding="utf-8"))
    assert written["action_endpoint"] == {"url": "http://127.0.0.1:6055/webhook"}
    assert written["nlg"] == {"type": "bot.rasa.nlg.GettextNLG"}
    assert written["tracker_store"]["db"] == str(tmp_path / "trackers.db")
    assert "lock_store" not in written


def test_passwords_survive_from_the_url_to_rasa(tmp_path: Path) -> None:
    from urllib.parse import quote

    settings = load_settings({
        "AMO_VAR_DIR": str(tmp_path),
        "AMO_TRACKER_STORE_URL": f"postgresql://amo:{quote(AWKWARD, safe='')}@db.example:5433/trackers"
                                 "?sslmode=require"})
    path = write_endpoints(settings, f"redis://:{quote(AWKWARD, safe='')}@cache.example:6380/3",
                           name="endpoints-production.yml")
    endpoints = rasa_endpoints(path)
    store = endpoints.tracker_store
    assert (store.url, store.kwargs["port"], store.kwargs["db"]) == ("db.example", 5433, "trackers")
    assert store.kwargs["username"] == "amo" and store.kwargs["password"] == AWKWARD
    assert store.kwargs["query"] == {"sslmode": "require"}
    lock = endpoints.lock_store
    assert (lock.type, lock.url, lock.kwargs["port"], lock.kwargs["db"]) == (
        "bot.rasa.locks.AtomicRedisLockStore", "cache.example", 6380, 3)
    assert lock.kwargs["password"] == AWKWARD
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds passwords


def test_a_token_is_generated_once_private_and_reused(tmp_path: Path) -> None:
    settings = load_settings({"AMO_VAR_DIR": str(tmp_path)})
    assert settings.rasa_token == ""
    first = ensure_token(settings)
    token_file = tmp_path / "rasa-token"
    assert len(first.rasa_token) >= 40 and token_file.read_text().strip() == first.rasa_token
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert ensure_token(settings).rasa_token == first.rasa_token
    assert load_settings({"AMO_VAR_DIR": str(tmp_path)}).rasa_token == first.rasa_token
    token_file.chmod(0o644)
    ensure_token(settings)
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    chosen = load_settings({"AMO_VAR_DIR": str(tmp_path / "other"), "AMO_RASA_TOKEN": "chosen"})
    assert ensure_token(chosen).rasa_token == "chosen" and not (tmp_path / "other").exists()


def test_rasa_runs_with_the_api_behind_the_token_and_without_cors(tmp_path: Path) -> None:
    settings = load_settings({"AMO_VAR_DIR": str(tmp_path), "AMO_RASA_TOKEN": "t&k=n/+"})
    children = {c.name: c for c in commands(settings, tmp_path / "model.tar.gz", python="py")}
    rasa = children["rasa"].command
    assert rasa[:4] == ["py", "-m", "bot.rasa", "run"] and "--enable-api" in rasa
    assert "--cors" not in rasa
    assert "t&k=n/+" not in " ".join(rasa)  # not in the process list; bot.rasa adds it inside
    assert all(c.env["AMO_RASA_TOKEN"] == "t&k=n/+" for c in children.values())
    assert children["rasa"].health_url == status_url(settings)
    assert status_url(settings).endswith("/status?token=t%26k%3Dn%2F%2B")
    assert children["actions"].env["SANIC_HOST"] == settings.host
    assert run_command(settings, Path("m"), Path("e"), 5105, "py", interface="127.0.0.1")[
        rasa.index("--port") + 1:rasa.index("--interface") + 2] == ["5105", "--interface", "127.0.0.1"]


def test_rasa_api_never_starts_without_a_token(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "AMO_RASA_TOKEN"}
    result = subprocess.run([sys.executable, "-m", "bot.rasa", "run", "--enable-api"], cwd=PROJECT_ROOT,
                            env={**env, "AMO_VAR_DIR": str(tmp_path)}, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode != 0 and "AMO_RASA_TOKEN" in result.stderr


def test_training_command_names_this_projects_data() -> None:
    command = train_command(Path("models"), ".training-1", python="py")
    assert command[:4] == ["py", "-m", "bot.rasa", "train"]  # rasa train, reading the data once fewer
    data = command[command.index("--data") + 1:command.index("--out")]
    assert data == ["nlu_data/nlu", "nlu_data/rules", "nlu_data/stories"]
    assert command[-2:] == ["--fixed-model-name", ".training-1"]
    assert "--skip-validation" in command  # tests/test_rasa_validation.py runs Rasa's check
    nlu = train_nlu_command(Path("c.yml"), Path("d.yml"), Path("out"), "m", python="py")
    assert nlu[:5] == ["py", "-m", "rasa", "train", "nlu"] and nlu[nlu.index("--nlu") + 1] == "d.yml"


def test_the_balancer_config_passes_only_the_webhook_and_slots_to_rasa(tmp_path: Path) -> None:
    settings = load_settings({"AMO_VAR_DIR": str(tmp_path), "AMO_HOST": "0.0.0.0"})
    text = nginx_config(settings, tmp_path).read_text(encoding="utf-8")
    rasa_server = text.split("listen 0.0.0.0:5005;")[1].split("listen 0.0.0.0:5055;")[0]
    assert "location = /webhooks/rest/webhook" in rasa_server
    assert "/model" not in rasa_server and "location /conversations" not in rasa_server
    assert '$arg_include_events != "NONE"' in rasa_server and "deny all" in rasa_server
    assert "server 127.0.0.1:5105" in text  # the instances listen on loopback only
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        pytest.skip("nginx is not installed: the syntax was not checked")
    check = subprocess.run([nginx, "-t", "-q", "-c", str(tmp_path / "nginx.conf")], capture_output=True,
                           text=True, timeout=30)
    assert check.returncode == 0, check.stderr
