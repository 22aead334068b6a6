"""`amo-bot train`: train, check on the held-out split, publish to the running servers."""

from __future__ import annotations

import getpass
from typing import Any, List, Optional

import httpx

from bot.config import Settings
from bot.learning.publish_state import PublishState
from bot.ops.model_gate import gate_and_publish
from bot.ops.training import train


def _newest_model(settings: Settings) -> Optional[Any]:
    models = sorted(settings.models_dir.glob("amo-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def server_urls(settings: Settings) -> List[str]:
    """Every Rasa server to load a published model: under the production profile each
    instance behind nginx (each must load it), otherwise the one Rasa server."""
    from bot.ops.production import INSTANCES, instance_port

    instances = [f"http://{settings.host}:{instance_port(settings.rasa_port, i)}" for i in range(INSTANCES)]
    running = []
    for url in instances:
        try:
            if httpx.get(f"{url}/", timeout=2.0).status_code == 200:
                running.append(url)
        except httpx.HTTPError:
            pass
    return running or [settings.rasa_url]


def train_and_publish(settings: Settings, force: bool = False, publish: bool = True,
                      echo: Any = print, accept_drops: bool = False) -> bool:
    """True when the trained model is the one in service afterwards."""
    state = PublishState.load(settings.var_dir)
    previous = (settings.models_dir / state.published) if state.published else _newest_model(settings)
    model = train(settings.root, settings.models_dir, force=force, echo=echo,
                  keep=[previous] if previous else [])
    if not publish:
        return True
    outcome = gate_and_publish(settings.root, settings.var_dir, model, previous, server_urls(settings),
                               token=getattr(settings, "rasa_token", ""), echo=echo,
                               accept_drops=accept_drops)
    action = ("published_despite_drops" if outcome.published and outcome.reasons
              else "published" if outcome.published else "publish_refused")
    _audit(settings, action, model.name, "; ".join(outcome.reasons) or "held-out check passed")
    figures = ", ".join(f"{k} {v:.3f}" for k, v in sorted(outcome.figures.items()))
    if not outcome.published:
        echo("Not published: held-out macro-F1 dropped by more than one point in "
             + "; ".join(outcome.reasons) + ". Look at the labels added since the last publish "
             "(`amo-bot inbox list --status labelled`).")
        return False
    if outcome.reasons:
        echo("Published although held-out macro-F1 dropped by more than one point in "
             + "; ".join(outcome.reasons) + " (accepted with --accept-drops; in the audit log).")
    echo(f"Published {model.name} (held-out macro-F1: {figures}).")
    for problem in outcome.not_loaded:
        echo(f"No running Rasa server loaded it ({problem}); it is used at the next start.")
    return True


def _audit(settings: Settings, action: str, model_name: str, detail: str) -> None:
    from bot.accounts import audit
    from bot.services import Services

    reference = model_name.removeprefix("amo-").removesuffix(".tar.gz")[:16]
    try:
        audit.record(Services(settings).database, f"cli:{getpass.getuser()}"[:64], action, reference, detail)
    except Exception as exc:  # the model is published either way; say that the trail is missing
        print(f"Could not write the audit log: {exc}")
