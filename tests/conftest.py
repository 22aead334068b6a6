"""Shared fixtures: a copy of the project's content, and the real bot running on free ports."""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import socket
import sys
from pathlib import Path
from typing import Dict, Iterator, Optional

import pytest

from bot.accounts.users import Params, scrypt_params
from bot.config import PROJECT_ROOT, Settings, load_settings
from bot.rasa_client import BlockingRasaClient
from bot.services import Services, set_services
from tests.databases import migrated_sqlite

ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
# Tests hash passwords with scrypt at N=16: the default, 2^17, takes a few tenths of a
# second per hash. tests/bot/accounts/test_users.py checks the default's real cost.
CHEAP_PASSWORDS = {"AMO_PASSWORD_SCRYPT_N": "16"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of content/ (with its schema) inside a temporary project root."""
    target = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", target)
    return target


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings({"AMO_VAR_DIR": str(tmp_path / "var"), **CHEAP_PASSWORDS})


@pytest.fixture
def password_params(settings: Settings) -> Params:
    """The scrypt parameters of the tests' settings (cheap ones)."""
    return scrypt_params(settings)


@pytest.fixture
def services(settings: Settings) -> Iterator[Services]:
    """Services of this process pointed at a temporary database (at the newest schema)."""
    migrated_sqlite(settings.var_dir / "amo.db")
    services = Services(settings)
    set_services(services)
    yield services
    set_services(None)


PROFILES = ("default", "production")
# The production profile's lock store: a Redis database of its own.
TEST_REDIS = "redis://127.0.0.1:6379/2"


class RunningBot:
    """The stack of one profile: `url` is where participants' messages go (the balancer in
    production), `api_url` a Rasa server's own port for its HTTP API (never passed on by
    the balancer)."""

    def __init__(self, settings: Settings, supervisor, profile: str,  # type: ignore[no-untyped-def]
                 env: Dict[str, str]):
        self.settings = settings
        self.supervisor = supervisor
        self.profile = profile
        self.env = env
        self.rasa = BlockingRasaClient.from_settings(settings)
        self.api = BlockingRasaClient.from_settings(settings, self.api_url)

    @property
    def url(self) -> str:
        return self.settings.rasa_url

    @property
    def api_url(self) -> str:
        if self.profile == "production":
            from bot.ops.production import LOOPBACK, instance_port

            return f"http://{LOOPBACK}:{instance_port(self.settings.rasa_port, 0)}"
        return self.settings.rasa_url

    def client_env(self, **extra: str) -> Dict[str, str]:
        """What a channel process (web chat, Telegram) needs to join this stack."""
        keys = ("AMO_RASA_PORT", "AMO_ACTIONS_PORT", "AMO_CONTENT_DIR", "AMO_DATABASE_URL",
                "AMO_TRACKER_STORE_URL", "AMO_RASA_TOKEN")
        env = {key: self.env[key] for key in keys if key in self.env}
        env["AMO_RASA_TOKEN"] = self.settings.rasa_token
        return {**env, **extra}

    def say(self, sender: str, text: str, language: str | None = None) -> list:
        return self.rasa.send(sender, text, language=language)

    def parse(self, text: str) -> dict:
        """What the model makes of `text` (Rasa's `/model/parse`)."""
        return self.api.parse(text)

    def tracker(self, sender: str) -> dict:
        """The conversation's tracker with every event (Rasa's HTTP API, with the token)."""
        return self.api.tracker(sender)


_MODELS: Dict[str, Path] = {}


def trained_model(models_dir: Path) -> Path:
    """The model of the checkout's training data, trained once per test run into a
    temporary folder; a model `make run` already trained from the same inputs (same
    fingerprint) is copied from models/ instead of trained again."""
    from bot.ops.training import generate_nlu, model_path, train

    if "model" not in _MODELS:
        generate_nlu(PROJECT_ROOT)
        models_dir.mkdir(parents=True, exist_ok=True)
        known = model_path(PROJECT_ROOT, PROJECT_ROOT / "models")
        if known.is_file():
            shutil.copy(known, models_dir / known.name)
        _MODELS["model"] = train(PROJECT_ROOT, models_dir)
    return _MODELS["model"]


def production_missing() -> str:
    """Why the production profile cannot run here, or "" when it can."""
    if not (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")):
        return "nginx is not installed (apt-get install nginx-light)"
    try:
        import redis

        redis.Redis.from_url(TEST_REDIS, socket_timeout=2).ping()
    except Exception as exc:
        return f"Redis not reachable on 127.0.0.1:6379: {exc}"
    return ""


def _is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _balanced_port(taken: set) -> str:
    """A free balancer port whose instance ports (+100, +200) are free too, and none of
    them among `taken` (the other balancer's)."""
    from bot.ops.production import INSTANCES, instance_port

    while True:
        port = free_port()
        ports = {port, *(instance_port(port, i) for i in range(INSTANCES))}
        if max(ports) < 65000 and not ports & taken and all(_is_free(p) for p in ports):
            taken |= ports
            return str(port)


@contextlib.contextmanager
def start_bot(base: Path, log_name: str = "servers.log",
              extra_env: Optional[Dict[str, str]] = None, profile: str = "default") -> Iterator[RunningBot]:
    """The real bot on free ports, with a content copy, in one of the two profiles.

    default: one Rasa server and one action server, trackers in the SQLite file under
    var/ as with `make run`. production: two of each behind nginx, the tracker and
    escalation stores in a fresh PostgreSQL database (dropped afterwards) and Redis as
    the lock store, as with `make run-production`.
    """
    from bot.ops.production import production_commands
    from bot.ops.rasa_commands import ensure_token
    from bot.ops.supervisor import Supervisor, commands
    from tests.databases import create_database, drop_database

    content = base / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    model = trained_model(Path(tempfile_root()) / "models")
    database = create_database("e2e") if profile == "production" else ""
    try:
        # A second try on new ports when the stack does not come up (a port taken between
        # choosing it and binding it, on a machine shared with other runs); the first
        # try's log stays in tests/artifacts.
        for attempt in (1, 2):
            env = {
                "AMO_WEB_PORT": str(free_port()), "AMO_VAR_DIR": str(base / "var"),
                "AMO_CONTENT_DIR": str(content), "AMO_CONTENT_WATCH_SECONDS": "0.5",
                "AMO_TRACKER_STORE_URL": "",
            }
            if profile == "production":
                taken: set = set()
                env.update({"AMO_RASA_PORT": _balanced_port(taken), "AMO_ACTIONS_PORT": _balanced_port(taken),
                            "AMO_DATABASE_URL": database, "AMO_TRACKER_STORE_URL": database,
                            "AMO_WEB_COOKIE_SECURE": "true"})
            else:
                env.update({"AMO_RASA_PORT": str(free_port()), "AMO_ACTIONS_PORT": str(free_port())})
            env.update(extra_env or {})
            settings = ensure_token(load_settings({**os.environ, **env}))
            children = (production_commands(settings, model, sys.executable, TEST_REDIS)
                        if profile == "production" else commands(settings, model, python=sys.executable))
            name = log_name if profile == "default" else f"{profile}-{log_name}"
            log_path = base / (name if attempt == 1 else f"retry-{name}")
            with open(log_path, "w", encoding="utf-8") as log:
                supervisor = Supervisor(children, cwd=PROJECT_ROOT, out=log, env=env)
                supervisor.start()
                try:
                    healthy = supervisor.wait_healthy(timeout=300)
                    if healthy:
                        yield RunningBot(settings, supervisor, profile, env)
                finally:
                    supervisor.stop()
                    ARTIFACTS.mkdir(parents=True, exist_ok=True)
                    log.flush()
                    shutil.copy(log_path, ARTIFACTS / log_path.name)
            if healthy:
                return
            if attempt == 2:
                raise RuntimeError("bot did not start twice:\n" + log_path.read_text()[-4000:])
    finally:
        if database:
            drop_database(database)


_TEMP: Dict[str, str] = {}


def tempfile_root() -> str:
    """A folder for this test run's trained model, removed when the run ends."""
    if "root" not in _TEMP:
        import atexit
        import tempfile

        _TEMP["root"] = tempfile.mkdtemp(prefix="amo-test-models-")
        atexit.register(shutil.rmtree, _TEMP["root"], True)
    return _TEMP["root"]


@pytest.fixture(scope="session", params=PROFILES)
def bot(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningBot]:
    """The bot shared by the end-to-end tests of a run, once per profile: every test that
    uses it runs against the default profile and against the production profile."""
    profile = request.param
    if profile == "production":
        missing = production_missing()
        if missing:
            pytest.skip(f"production profile: {missing}")
    with start_bot(tmp_path_factory.mktemp(f"bot-{profile}"), profile=profile) as running:
        yield running


def pytest_configure(config: pytest.Config) -> None:
    # Importing the test modules (Rasa, TensorFlow) makes millions of objects and few cycles:
    # the collector would scan them again and again for nothing.
    gc.disable()


def pytest_collection_finish(session: pytest.Session) -> None:
    # What the imports made lives to the end of the run: later collections skip it.
    gc.freeze()
    gc.enable()


E2E = Path(__file__).resolve().parent / "e2e"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The e2e tier: tests/e2e, and every test that needs the model or the running bot."""
    for item in items:
        if (E2E in item.path.parents or item.get_closest_marker("model")
                or "bot" in getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)
