"""Process supervisor: starts every process of the bot, prefixes their logs, stops them together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, TextIO

from bot.config import Settings
from bot.files import PRIVATE_UMASK
from bot.ops.rasa_commands import ensure_token, run_command, status_url, write_endpoints

# Rasa's telemetry cannot reach the internet here and TensorFlow's start-up chatter hides real errors.
QUIET_ENV = {"RASA_TELEMETRY_ENABLED": "false", "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
             "TF_CPP_MIN_LOG_LEVEL": "2"}

COLOURS = ("\033[36m", "\033[35m", "\033[33m", "\033[32m")
RESET = "\033[0m"


@dataclass
class Child:
    name: str
    command: List[str]
    health_url: Optional[str] = None
    # An optional child may stop on its own with exit code 0 (Telegram without a valid
    # token); the others run on. A non-zero exit still stops everything.
    optional: bool = False
    # Extra environment of this child only (e.g. the port of one of several instances).
    env: Dict[str, str] = field(default_factory=dict)
    process: Optional[subprocess.Popen] = None
    colour: str = ""
    pumps: List[threading.Thread] = field(default_factory=list)


def commands(settings: Settings, model: Path, python: str = sys.executable) -> List[Child]:
    """The processes of a full bot: Rasa server and action server (web and Telegram when present)."""
    settings = ensure_token(settings)
    endpoints = write_endpoints(settings)
    children = [
        # rasa_sdk listens on every interface unless SANIC_HOST says otherwise.
        Child("actions", [python, "-m", "actions.server"],
              health_url=f"http://{settings.host}:{settings.actions_port}/health",
              env={"SANIC_HOST": settings.host}),
        Child("rasa", run_command(settings, model, endpoints, python=python),
              health_url=status_url(settings)),
        Child("web", [python, "-m", "bot.web"], health_url=f"{settings.web_url}/health"),
    ]
    if settings.telegram_token:
        children.append(Child("telegram", [python, "-m", "bot.channels.telegram"], optional=True))
    return with_token(children, settings)


def with_token(children: List[Child], settings: Settings) -> List[Child]:
    """Gives every child the Rasa API token (Rasa requires it; the others send it)."""
    for child in children:
        child.env.setdefault("AMO_RASA_TOKEN", settings.rasa_token)
    return children


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


class Supervisor:
    """Runs children with prefixed output; one Ctrl-C stops all; a crash is reported."""

    def __init__(self, children: List[Child], cwd: Path, out: TextIO = sys.stdout,
                 env: Optional[Dict[str, str]] = None):
        self.children = children
        self.cwd = cwd
        self.out = out
        self.env = {**os.environ, **QUIET_ENV, **(env or {}), "PYTHONUNBUFFERED": "1"}
        self._lock = threading.Lock()
        self.stopping = False

    def _pump(self, child: Child, stream) -> None:  # type: ignore[no-untyped-def]
        prefix = f"{child.colour}{child.name:>8} |{RESET} " if self.out.isatty() else f"{child.name:>8} | "
        for line in iter(stream.readline, ""):
            with self._lock:
                self.out.write(prefix + line)
                self.out.flush()

    def start(self) -> None:
        for index, child in enumerate(self.children):
            child.colour = COLOURS[index % len(COLOURS)]
            self.restart(child.name)

    def kill(self, name: str) -> None:
        """Stops one child at once (fault tests: a crashed server)."""
        child = self._child(name)
        if child.process and child.process.poll() is None:
            os.killpg(child.process.pid, signal.SIGKILL)
            child.process.wait()

    def restart(self, name: str) -> None:
        """Starts one child again, with the same command and output prefix."""
        child = self._child(name)
        child.process = subprocess.Popen(
            child.command, cwd=self.cwd, env={**self.env, **child.env}, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, bufsize=1, start_new_session=True,
            umask=PRIVATE_UMASK)  # Rasa's trackers.db too: bot.files
        pump = threading.Thread(target=self._pump, args=(child, child.process.stdout), daemon=True)
        pump.start()
        child.pumps.append(pump)

    def _child(self, name: str) -> Child:
        return next(c for c in self.children if c.name == name)

    def wait_healthy(self, timeout: float = 180.0) -> bool:
        deadline = time.monotonic() + timeout
        pending = [(c, c.health_url) for c in self.children if c.health_url]
        while pending and time.monotonic() < deadline:
            for child, url in list(pending):
                if child.process and child.process.poll() is not None:
                    self.say(f"{child.name} exited with code {child.process.returncode} while starting")
                    return False
                try:
                    with urllib.request.urlopen(url, timeout=2) as resp:
                        if resp.status == 200:
                            pending.remove((child, url))
                except OSError:
                    pass
            time.sleep(0.5)
        return not pending

    def say(self, text: str) -> None:
        with self._lock:
            self.out.write(f"{'amo-bot':>8} | {text}\n")
            self.out.flush()

    def watch(self) -> int:
        """Blocks until Ctrl-C or a child exits; returns the exit code for the whole run."""
        finished: set = set()
        # Ctrl-C and a plain `kill` both stop everything, also when started in the
        # background (where the shell hands us SIGINT ignored).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            while True:
                for child in self.children:
                    code = child.process.poll() if child.process else None
                    if code is None or child.name in finished:
                        continue
                    if child.optional and code == 0:
                        finished.add(child.name)
                        self.say(f"{child.name} stopped (see its last log line); the rest runs on")
                        continue
                    self.say(f"{child.name} stopped unexpectedly (exit code {code}); stopping the others")
                    return 1
                time.sleep(0.5)
        except KeyboardInterrupt:
            self.say("Stopping...")
            return 0
        finally:
            self.stop()

    def stop(self) -> None:
        self.stopping = True
        for child in self.children:
            if child.process and child.process.poll() is None:
                try:
                    os.killpg(child.process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + 10
        for child in self.children:
            if child.process:
                try:
                    child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    os.killpg(child.process.pid, signal.SIGKILL)
