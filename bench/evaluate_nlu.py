"""Held-out evaluation: intent accuracy and macro-F1 per language, and language-ID accuracy.

Usage: .venv/bin/python bench/evaluate_nlu.py [--model PATH] [--json OUT]
The held-out split (nlu_data/test/<lang>.yml) is never trained on.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Dict, List, Tuple

from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("LOG_LEVEL", "ERROR")


def load_split(path: Path) -> List[Tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [(m.get("text"), m.get("intent")) for m in data.intent_examples]


def macro_f1(pairs: List[Tuple[str, str]]) -> float:
    """F1 averaged over the intents of the held-out data; a wrong guess of another intent
    counts against precision but adds no class of its own."""
    if not pairs:
        return 0.0
    gold = [g for g, _ in pairs]
    predicted = [p for _, p in pairs]
    return float(f1_score(gold, predicted, labels=sorted(set(gold)), average="macro", zero_division=0))


async def parse_all(agent: Any, texts: List[str]) -> List[Tuple[str, bool]]:
    """(the classifier's best intent, whether the fallback threshold caught it) per text."""
    results = []
    for text in texts:
        parsed = await agent.parse_message(text)
        ranking = [i["name"] for i in parsed.get("intent_ranking") or [] if i["name"] != "nlu_fallback"]
        best = ranking[0] if ranking else parsed["intent"]["name"]
        results.append((best, parsed["intent"]["name"] == "nlu_fallback"))
    return results


def evaluate(model: Path) -> Dict[str, Any]:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    from bot.language.identify import get_identifier

    configure_structlog(logging.ERROR)
    agent = Agent.load(str(model))

    identifier = get_identifier()
    per_language: Dict[str, Any] = {}
    confusions: Counter = Counter()
    lid: Dict[str, List[bool]] = defaultdict(list)
    for path in sorted((ROOT / "nlu_data" / "test").glob("*.yml")):
        language = path.stem
        examples = load_split(path)
        results = asyncio.run(parse_all(agent, [t for t, _ in examples]))
        pairs = [(gold, pred) for (_, gold), (pred, _) in zip(examples, results, strict=True)]
        for gold, pred in pairs:
            if gold != pred:
                confusions[(gold, pred)] += 1
        per_language[language] = {
            "examples": len(pairs),
            "accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 4),
            "macro_f1": round(macro_f1(pairs), 4),
            "fallback_rate": round(sum(fb for _, fb in results) / len(results), 4),
        }
        for text, _ in examples:
            detection = identifier.detect(text)
            bucket = "3+ words" if len(text.split()) >= 3 else "1-2 words"
            lid[bucket].append(detection.language == language)
    return {
        "model": model.name,
        "intent": per_language,
        "confused_pairs": [{"gold": g, "predicted": p, "count": c} for (g, p), c in confusions.most_common(10)],
        "language_id": {bucket: {"messages": len(v), "accuracy": round(sum(v) / len(v), 4)}
                        for bucket, v in sorted(lid.items())},
    }


def main() -> None:
    from bot.config import get_settings
    from bot.ops.training import latest_model

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    settings = get_settings()
    model = args.model or latest_model(settings.root, settings.models_dir)
    if model is None:
        sys.exit("No trained model for the current data: run `make setup` first.")
    report = evaluate(model)
    print(f"{'lang':5} {'n':>4} {'accuracy':>9} {'macro-F1':>9} {'fallback':>9}")
    for language, row in report["intent"].items():
        print(f"{language:5} {row['examples']:>4} {row['accuracy']:>9.3f} {row['macro_f1']:>9.3f} "
              f"{row['fallback_rate']:>9.3f}")
    print("Most confused (gold -> predicted):")
    for row in report["confused_pairs"]:
        print(f"  {row['gold']} -> {row['predicted']}: {row['count']}")
    for bucket, row in report["language_id"].items():
        print(f"Language ID, {bucket}: {row['accuracy']:.3f} on {row['messages']} messages")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
