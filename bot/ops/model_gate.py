"""Publishing a newly trained model: the held-out check, then the running servers load it.

A model is published only when its held-out macro-F1 (nlu_data/test/ and the messy split
nlu_data/test/messy/, never trained on) drops by at most one point in every language and
split against the model in service (a split the model in service was not measured on is
measured, not compared). The state
(which model is published, with its figures, and the last refusal and why) is kept in
`var/model-publish.json`; `amo-bot run` keeps serving the published model while the
newest training inputs are refused. Publishing asks each running Rasa server to load the
model (`PUT /model`), so no restart is needed.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import httpx
from sklearn.metrics import f1_score

from bot.learning.publish_state import PublishState

logger = logging.getLogger(__name__)

TOLERANCE = 0.01  # one point of macro-F1


def held_out(root: Path) -> Dict[str, List[Tuple[str, str]]]:
    """(text, intent) of the held-out splits, per language: the clean split under its
    language code ("so"), the messy one (nlu_data/test/messy/) as "messy/so"."""
    from rasa.shared.nlu.training_data.loading import load_data

    test = root / "nlu_data" / "test"
    found = {}
    for prefix, folder in (("", test), ("messy/", test / "messy")):
        for path in sorted(folder.glob("*.yml")):
            data = load_data(str(path))
            found[prefix + path.stem] = [(m.get("text"), m.get("intent")) for m in data.intent_examples]
    return found


def evaluate(model: Path, root: Path) -> Dict[str, float]:
    """Held-out macro-F1 per language of `model` (loaded in this process)."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    split = held_out(root)

    async def predictions(texts: Sequence[str]) -> List[str]:
        found = []
        for text in texts:
            parsed = await agent.parse_message(text)
            ranking = [i["name"] for i in parsed.get("intent_ranking") or [] if i["name"] != "nlu_fallback"]
            found.append(ranking[0] if ranking else parsed["intent"]["name"])
        return found

    figures = {}
    for language, examples in split.items():
        # In a thread of its own: the caller may run an event loop already.
        with ThreadPoolExecutor(1) as pool:
            predicted = pool.submit(asyncio.run, predictions([t for t, _ in examples])).result()
        gold = [intent for _, intent in examples]
        figures[language] = round(float(f1_score(gold, predicted, average="macro", zero_division=0)), 4)
    return figures


def drops(before: Dict[str, float], after: Dict[str, float], tolerance: float = TOLERANCE) -> List[str]:
    """Languages whose figure fell by more than `tolerance`, described for the admin."""
    return [f"{language}: {before[language]:.3f} -> {after.get(language, 0.0):.3f}"
            for language in sorted(before)
            if before[language] - after.get(language, 0.0) > tolerance + 1e-9]


def load_into_servers(model: Path, urls: Sequence[str], token: str = "") -> List[str]:
    """Asks each running Rasa server to load `model`; returns the servers that did not."""
    failed = []
    params = {"token": token} if token else None
    for url in urls:
        try:
            answer = httpx.put(f"{url}/model", params=params, json={"model_file": str(model.resolve())},
                               timeout=httpx.Timeout(300.0, connect=3.0))
            if answer.status_code != 204:
                failed.append(f"{url}: HTTP {answer.status_code} {answer.text[:200]}")
        except httpx.HTTPError as exc:
            failed.append(f"{url}: {exc}")
    return failed


@dataclass
class Outcome:
    published: bool
    model: Path
    figures: Dict[str, float]
    reasons: List[str]
    not_loaded: List[str] = field(default_factory=list)


def gate_and_publish(root: Path, var_dir: Path, model: Path, previous: Optional[Path],
                     server_urls: Sequence[str], token: str = "", echo: Any = print,
                     accept_drops: bool = False) -> Outcome:
    """Checks `model` against the model in service; publishes it when nothing dropped, or
    when an operator accepts the drops (`accept_drops`; they stay in the outcome)."""
    state = PublishState.load(var_dir)
    if state.published == model.name:
        echo(f"{model.name} is already the published model.")
        return Outcome(True, model, state.figures, [])
    echo("Checking the new model on the held-out split...")
    figures = evaluate(model, root)
    baseline = state.figures
    if not baseline and previous is not None and previous.is_file() and previous != model:
        echo(f"Measuring the model in service ({previous.name}) for comparison...")
        baseline = evaluate(previous, root)
    reasons = drops(baseline, figures)
    if reasons and not accept_drops:
        state.refused = {"model": model.name, "figures": figures, "reasons": reasons}
        if not state.published and previous is not None:
            state.published, state.figures = previous.name, baseline
        state.save(var_dir)
        return Outcome(False, model, figures, reasons)
    state.published, state.figures, state.refused = model.name, figures, None
    state.save(var_dir)
    not_loaded = load_into_servers(model, server_urls, token)
    return Outcome(True, model, figures, reasons, not_loaded)


def model_to_serve(models_dir: Path, var_dir: Path, trained: Path) -> Path:
    """The published model when the newest training was refused; else the trained one."""
    state = PublishState.load(var_dir)
    if state.refused and state.refused.get("model") == trained.name and state.published:
        published = models_dir / state.published
        if published.is_file():
            return published
    return trained
