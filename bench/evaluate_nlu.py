"""Held-out evaluation, per language and for both splits (clean and messy): intent
accuracy, macro-F1, fallback rate and the share of first replies in another language.

Usage: .venv/bin/python bench/evaluate_nlu.py [--model PATH] [--json OUT] [--markdown OUT]
The splits (nlu_data/test/<lang>.yml and nlu_data/test/messy/<lang>.yml) are never
trained on. The figures themselves are defined in bench/heldout.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("LOG_LEVEL", "ERROR")

from bench.heldout import (  # noqa: E402
    SPLITS,
    Example,
    Outcome,
    fallback_threshold,
    kind_of,
    kind_table,
    language_table,
    macro_f1,
    split_report,
)

__all__ = ["evaluate", "load_split", "load_examples", "macro_f1", "parse_all"]


def load_examples(path: Path) -> List[Example]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [Example(m.get("text"), m.get("intent"), kind_of(m.get("metadata"))) for m in data.intent_examples]


def load_split(path: Path) -> List[Tuple[str, str]]:
    return [(e.text, e.intent) for e in load_examples(path)]


def best_intent(parsed: Dict[str, Any]) -> Tuple[str, float]:
    """The classifier's best intent and its confidence, the fallback left out."""
    for intent in parsed.get("intent_ranking") or []:
        if intent["name"] != "nlu_fallback":
            return intent["name"], float(intent.get("confidence") or 0.0)
    return parsed["intent"]["name"], float(parsed["intent"].get("confidence") or 0.0)


async def parse_messages(agent: Any, texts: List[str]) -> List[Dict[str, Any]]:
    return [await agent.parse_message(text) for text in texts]


async def parse_all(agent: Any, texts: List[str]) -> List[Tuple[str, bool]]:
    """(the classifier's best intent, whether the fallback caught it) per text."""
    return [(best_intent(p)[0], p["intent"]["name"] == "nlu_fallback") for p in await parse_messages(agent, texts)]


def outcomes_of(agent: Any, language: str, examples: List[Example]) -> List[Outcome]:
    from bench.evaluate_language import first_reply
    from bot.language.words import counted_words

    found = []
    for example, parsed in zip(examples, asyncio.run(parse_messages(agent, [e.text for e in examples])), strict=True):
        predicted, confidence = best_intent(parsed)
        found.append(Outcome(language, example.intent, predicted, confidence,
                             parsed["intent"]["name"] == "nlu_fallback", first_reply(parsed, example.text),
                             example.kind, len(counted_words(example.text))))
    return found


def evaluate(model: Path) -> Dict[str, Any]:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.ERROR)
    agent = Agent.load(str(model))
    threshold = fallback_threshold(ROOT / "config.yml")
    report: Dict[str, Any] = {"model": model.name, "fallback_threshold": threshold, "splits": {}, "errors": {}}
    for split, folder in SPLITS.items():
        outcomes: List[Outcome] = []
        texts: List[str] = []
        for path in sorted((ROOT / folder).glob("*.yml")):
            examples = load_examples(path)
            outcomes += outcomes_of(agent, path.stem, examples)
            texts += [e.text for e in examples]
        report["splits"][split] = split_report(outcomes, threshold)
        report["errors"][split] = [
            {"language": o.language, "kind": o.kind, "text": text, "gold": o.gold, "predicted": o.predicted,
             "confidence": round(o.confidence, 3), "replied_in": o.replied_in}
            for o, text in zip(outcomes, texts, strict=True) if o.gold != o.predicted or (o.replied_in != o.language and o.gold != "choose_language")]
    return report


def main() -> None:
    from bot.config import get_settings
    from bot.ops.training import latest_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--markdown", type=Path, default=None, help="write the tables for the README here")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    settings = get_settings()
    model = args.model or latest_model(settings.root, settings.models_dir)
    if model is None:
        sys.exit("No trained model for the current data: run `make setup` first.")
    report = evaluate(model)
    tables = "\n\n".join([language_table(report), "Messy split by kind of message, all languages:",
                          kind_table(report["splits"]["messy"])])
    print(f"Model {report['model']}; figures in % (fallback threshold {report['fallback_threshold']})\n")
    print(tables)
    for split, figures in report["splits"].items():
        print(f"\nMost confused, {split} (gold -> predicted): " + "; ".join(
            f"{c['gold']} -> {c['predicted']} ({c['count']})" for c in figures["confused_pairs"][:6]))
        print(f"First reply in another language, {split}: " + ", ".join(
            f"{length} {row['wrong_language_rate'] * 100:.1f} % (n={row['examples']})"
            for length, row in figures["by_length"].items()))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(tables + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
