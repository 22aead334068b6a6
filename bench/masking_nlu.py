"""Does masking at the door hurt understanding? Intent accuracy on the held-out split
with an identity number added to every message, raw and masked, beside the plain split.

Usage: .venv/bin/python bench/masking_nlu.py [--model PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.evaluate_nlu import load_split, parse_all  # noqa: E402
from bench.masking_set import ID_SPELLINGS, identity_numbers  # noqa: E402
from bot.masking import mask  # noqa: E402

ADDED = ("spaced 6+5", "Arabic-Indic digits", "en dash", "Persian digits", "no-break space")


def variants(examples: List[Tuple[str, str]]) -> Dict[str, List[str]]:
    numbers = identity_numbers(len(examples), seed=7)
    raw = [f"{text} {ID_SPELLINGS[ADDED[i % len(ADDED)]](numbers[i])}" for i, (text, _) in enumerate(examples)]
    return {"plain": [t for t, _ in examples], "with a number": raw, "masked": [mask(t).text for t in raw]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, help="default: the newest model in models/")
    args = parser.parse_args()
    model = args.model or max((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.ERROR)
    agent = Agent.load(str(model))
    examples = [e for path in sorted((ROOT / "nlu_data" / "test").glob("*.yml")) for e in load_split(path)]
    print(f"Held-out messages: {len(examples)}; model {model.name}")
    for name, texts in variants(examples).items():
        results = asyncio.run(parse_all(agent, texts))
        correct = sum(pred == gold for (pred, _), (_, gold) in zip(results, examples, strict=True))
        fallback = sum(fb for _, fb in results)
        print(f"{name:<14} intent accuracy {correct / len(examples):.3f}  fallback {fallback / len(examples):.3f}")


if __name__ == "__main__":
    main()
