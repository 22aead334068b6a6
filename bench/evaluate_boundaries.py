"""Intent boundaries the NLU used to blur: accuracy per language and per intent on
messages written for this benchmark (bench/data/boundaries.yml), never trained on.

Usage: .venv/bin/python bench/evaluate_boundaries.py [--model PATH] [--messages FILE] [--show-errors]
The pairs: after_course / job_prospects, placement_problem / frustration, illness /
course_details, money told as a situation (allowance, extra_costs) / out_of_scope, and
short where/when/how-long follow-ups (course_details). The intent is the classifier's
best one, the fallback left out (bench/evaluate_nlu.py).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.evaluate_nlu import parse_all  # noqa: E402

MESSAGES = ROOT / "bench" / "data" / "boundaries.yml"


def load_messages(path: Path = MESSAGES) -> List[Tuple[str, str, str]]:
    """(language, gold intent, text) per message of a file keyed by language, then intent."""
    data: Dict[str, Dict[str, List[str]]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(language, intent, text) for language, intents in data.items()
            for intent, texts in intents.items() for text in texts]


def tally(results: Iterable[Tuple[str, str, str]]) -> Dict[str, Tuple[int, int]]:
    """(right, total) per language, per gold intent and for "all", from (language, gold,
    predicted) triples."""
    right: Counter = Counter()
    total: Counter = Counter()
    for language, gold, predicted in results:
        for key in (language, gold, "all"):
            total[key] += 1
            right[key] += predicted == gold
    return {key: (right[key], total[key]) for key in total}


def share(counts: Tuple[int, int]) -> str:
    right, total = counts
    return f"{right / total * 100:5.1f} % (n={total})"


def main() -> None:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    from bot.config import get_settings
    from bot.ops.training import latest_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--messages", type=Path, default=MESSAGES)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    configure_structlog(logging.ERROR)
    settings = get_settings()
    model = args.model or latest_model(settings.root, settings.models_dir)
    if model is None:
        sys.exit("No trained model for the current data: train one first.")
    messages = load_messages(args.messages)
    agent = Agent.load(str(model))
    predicted = asyncio.run(parse_all(agent, [text for _, _, text in messages]))
    results = [(language, gold, intent) for (language, gold, _), (intent, _) in zip(messages, predicted, strict=True)]
    if args.show_errors:
        for (language, gold, text), (_, _, intent) in zip(messages, results, strict=True):
            if intent != gold:
                print(f"  {language} {gold} -> {intent}: {text}")
    counts = tally(results)
    print(f"Model {model.name}")
    for language in dict.fromkeys(language for language, _, _ in messages):
        print(f"{language:18} {share(counts[language])}")
    for intent in sorted({gold for _, gold, _ in messages}):
        print(f"{intent:18} {share(counts[intent])}")
    print(f"{'all':18} {share(counts['all'])}")


if __name__ == "__main__":
    main()
