"""Masking measured on the generated set of bench/masking_set.py.

Usage: .venv/bin/python bench/masking.py [--numbers 1000] [--json OUT]
Prints, per spelling, how many identifiers were masked, and every harmless text
(date, time, price, organisation number, course code) that masking changed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.masking_set import (  # noqa: E402
    HARD_SPELLINGS,
    calendar_texts,
    harmless_texts,
    identity_samples,
    other_samples,
    survived,
)
from bot.masking import mask, mask_answer  # noqa: E402


def measure(numbers: int) -> Dict[str, Any]:
    identity = identity_samples(numbers)
    others = other_samples(max(100, numbers // 4))
    totals: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    examples: Dict[str, List[str]] = {}
    id_missed = 0
    started = time.perf_counter()
    for index, sample in enumerate(identity + others):
        totals[sample.spelling] += 1
        if survived(sample, mask(sample.text).text):
            missed[sample.spelling] += 1
            id_missed += index < len(identity)
            examples.setdefault(sample.spelling, []).append(sample.text)
    elapsed = time.perf_counter() - started
    harmless = harmless_texts()
    changed = [{"category": c, "text": t, "masked": mask(t).text} for c, t in harmless if mask(t).text != t]
    changed_answer = [{"category": c, "text": t, "masked": mask_answer(t).text}
                      for c, t in harmless if mask_answer(t).text != t]
    id_total = len(identity)
    return {
        "identity_numbers": numbers, "identity_spellings": len({s.spelling for s in identity}),
        "identity_texts": id_total, "identity_masked": id_total - id_missed,
        "identity_share": (id_total - id_missed) / id_total,
        "per_spelling": {k: {"n": totals[k], "missed": missed[k]} for k in totals},
        "harmless_texts": len(harmless), "harmless_categories": dict(Counter(c for c, _ in harmless)),
        "false_positives": changed, "false_positives_answer_mode": changed_answer,
        "microseconds_per_text": elapsed / len(identity + others) * 1e6,
        "missed_examples": {k: v[:3] for k, v in examples.items()},
        "calendar_texts": len(calendar := calendar_texts()),
        "calendar_false_positives": [t for t in calendar if mask(t).text != t or mask_answer(t).text != t],
        "hard_spellings": {name: sum(survived(s, mask(s.text).text) for s in identity_samples(numbers, {name: spell}))
                           for name, spell in HARD_SPELLINGS.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--numbers", type=int, default=1000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = measure(args.numbers)
    print(f"Identity numbers: {result['identity_numbers']} valid numbers x "
          f"{result['identity_spellings']} spellings = {result['identity_texts']} texts; "
          f"masked {result['identity_masked']} ({result['identity_share']:.2%})")
    print(f"{'spelling':<32} {'n':>6} {'missed':>7}")
    for spelling, row in result["per_spelling"].items():
        print(f"{spelling:<32} {row['n']:>6} {row['missed']:>7}")
    print(f"Harmless texts: {result['harmless_texts']} {result['harmless_categories']}")
    print(f"False positives: {len(result['false_positives'])} (participant mode), "
          f"{len(result['false_positives_answer_mode'])} (caseworker answer mode)")
    print(f"Every day of 2020-2030 and times of day: {result['calendar_texts']} texts, "
          f"{len(result['calendar_false_positives'])} changed")
    for item in result["false_positives"][:20]:
        print(f"  {item['category']}: {item['text']!r} -> {item['masked']!r}")
    for spelling, texts in result["missed_examples"].items():
        print(f"  missed ({spelling}): {texts!r}")
    for name, count in result["hard_spellings"].items():
        print(f"Known gap, not in the target: {name}: {count} of {args.numbers} not masked")
    print(f"Time: {result['microseconds_per_text']:.0f} µs per text")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
