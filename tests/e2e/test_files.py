"""After a real `amo-bot run`, nothing under var/ can be read by another account."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, load_settings
from bot.ops.training import train
from bot.rasa_client import BlockingRasaClient
from tests.conftest import free_port

pytestmark = pytest.mark.model


def test_files_under_var_are_private_after_a_real_start(tmp_path: Path) -> None:
    var = tmp_path / "var"
    (var / "old").mkdir(parents=True)
    (var / "old" / "trackers-backup.db").write_text("from an earlier version", encoding="utf-8")
    os.chmod(var, 0o755)
    os.chmod(var / "old", 0o755)
    os.chmod(var / "old" / "trackers-backup.db", 0o644)
    env = {"AMO_RASA_PORT": str(free_port()), "AMO_ACTIONS_PORT": str(free_port()),
           "AMO_WEB_PORT": str(free_port()), "AMO_VAR_DIR": str(var), "AMO_TRACKER_STORE_URL": "",
           "AMO_DATABASE_URL": "", "TELEGRAM_TOKEN": ""}
    settings = load_settings({**os.environ, **env})
    train(PROJECT_ROOT, settings.models_dir)
    log = tmp_path / "run.log"
    with open(log, "w", encoding="utf-8") as out:
        # The shell's umask is the usual 022; the project must not rely on it.
        run = subprocess.Popen([sys.executable, "-m", "bot.ops.cli", "run", "--no-train"],
                               cwd=PROJECT_ROOT, env={**os.environ, **env}, stdout=out,
                               stderr=subprocess.STDOUT, start_new_session=True, umask=0o022)
    try:
        deadline = time.monotonic() + 240
        while "Ready." not in log.read_text(encoding="utf-8"):
            assert run.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(1)
        running = load_settings({**os.environ, **env})  # now with the token `run` wrote to var/
        assert BlockingRasaClient.from_settings(running).send("files-test-1", "Hei, når starter kurset?")
        with urllib.request.urlopen(f"{settings.web_url}/dashboard/login", timeout=10):
            pass
    finally:
        run.send_signal(signal.SIGTERM)
        try:
            run.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    modes = {str(p.relative_to(var)): stat.S_IMODE(p.stat().st_mode) for p in [var, *var.rglob("*")]}
    assert {"trackers.db", "amo.db", "rasa-token", "old/trackers-backup.db"} <= set(modes), modes
    readable = {name: oct(mode) for name, mode in modes.items() if mode & 0o077}
    assert readable == {}, log.read_text()[-2000:]
