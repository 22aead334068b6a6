"""Compares NLU pipelines on a validation slice of the TRAINING data (never the test split).

Usage: .venv/bin/python bench/tune_nlu.py [--slice-from REV] [--train-from REV] config-a.yml [...]
Holds out 20 % of each intent's training examples per language (fixed seed), trains an
NLU-only model per config on the rest, and prints accuracy and macro-F1 per config, then
macro-F1 per language and the spread between the best and the worst language (the
language of an example is the folder it comes from).

New training data is judged with `--slice-from REV`: the held-back examples are drawn
from the training data of git revision REV (the same slice as a run at REV), and every
example added since always trains. `--train-from REV` trains on REV's data instead of
the working tree's (minus the same slice), the baseline to compare with.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("LOG_LEVEL", "ERROR")

from bench.evaluate_nlu import macro_f1  # noqa: E402
from bot.ops.rasa_commands import train_nlu_command  # noqa: E402


def data_at(revision: Optional[str], folder: Path) -> Path:
    """The NLU training folder of git `revision` (extracted under `folder`), or the working tree's."""
    if revision is None:
        return ROOT / "nlu_data" / "nlu"
    target = folder / f"nlu-{revision}"
    if target.is_dir():
        return target / "nlu_data" / "nlu"
    target.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "nlu_data/nlu"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target / "nlu_data" / "nlu"


def split(folder: Path, seed: int = 7, slice_dir: Optional[Path] = None,
          train_dir: Optional[Path] = None) -> Tuple[Path, List[Tuple[str, str]]]:
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.shared.nlu.training_data.training_data import TrainingData

    data = load_data(str(train_dir or ROOT / "nlu_data" / "nlu"))
    sliced = load_data(str(slice_dir)) if slice_dir else data
    rng = random.Random(seed)
    held = []
    by_intent: Dict[str, list] = {}
    for message in sliced.intent_examples:
        by_intent.setdefault(message.get("intent"), []).append(message)
    for _intent, messages in sorted(by_intent.items()):
        messages = sorted(messages, key=lambda m: m.get("text"))
        rng.shuffle(messages)
        cut = max(1, len(messages) // 5)
        held += messages[:cut]
    held_texts = {m.get("text") for m in held}
    train = [m for m in data.intent_examples if m.get("text") not in held_texts]
    kept = TrainingData(training_examples=train, entity_synonyms=data.entity_synonyms,
                        lookup_tables=data.lookup_tables)
    target = folder / "train.yml"
    target.write_text(kept.nlu_as_yaml(), encoding="utf-8")
    return target, [(m.get("text"), m.get("intent")) for m in held]


async def predict(model: Path, texts: List[str]) -> List[str]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    out = []
    for text in texts:
        parsed = await agent.parse_message(text)
        ranking = [i["name"] for i in parsed.get("intent_ranking", []) if i["name"] != "nlu_fallback"]
        out.append(ranking[0] if ranking else parsed["intent"]["name"])
    return out


def languages_of_texts() -> Dict[str, str]:
    """Example text -> the language folder it is written in (nlu_data/nlu/<lang>/)."""
    from bot.language.evidence import training_texts

    folder = ROOT / "nlu_data" / "nlu"
    return {text: path.name for path in sorted(folder.iterdir())
            if path.is_dir() and len(path.name) == 2 for text in training_texts(folder, path.name)}


def by_language(held: List[Tuple[str, str]], predicted: List[str],
                language_of: Dict[str, str]) -> Dict[str, float]:
    """Macro-F1 per language of the held-back examples (the emoji of symbols.yml, in no
    language, left out)."""
    pairs: Dict[str, List[Tuple[str, str]]] = {}
    for (text, gold), pred in zip(held, predicted, strict=True):
        pairs.setdefault(language_of.get(text, "?"), []).append((gold, pred))
    return {lang: macro_f1(p) for lang, p in sorted(pairs.items()) if lang != "?"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("configs", nargs="+", type=Path)
    parser.add_argument("--slice-from", metavar="REV", help="draw the held-back slice from git revision REV")
    parser.add_argument("--train-from", metavar="REV", help="train on the data of git revision REV")
    parser.add_argument("--errors", metavar="LANG", help="print the held-back examples of LANG read wrong")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        slice_dir = data_at(args.slice_from, folder) if args.slice_from else None
        train_dir = data_at(args.train_from, folder) if args.train_from else None
        train_file, held = split(folder, slice_dir=slice_dir, train_dir=train_dir)
        language_of = languages_of_texts()
        for config in args.configs:
            started = time.monotonic()
            subprocess.run(train_nlu_command(Path(config), train_file, folder, "m"),
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seconds = time.monotonic() - started
            predicted = asyncio.run(predict(folder / "m.tar.gz", [t for t, _ in held]))
            pairs = [(gold, pred) for (_, gold), pred in zip(held, predicted, strict=True)]
            accuracy = sum(g == p for g, p in pairs) / len(pairs)
            print(f"{config}: accuracy {accuracy:.3f}, macro-F1 {macro_f1(pairs):.3f}, "
                  f"n={len(pairs)}, trained in {seconds:.0f} s", flush=True)
            languages = by_language(held, predicted, language_of)
            spread = max(languages.values()) - min(languages.values())
            print("  macro-F1 per language: " + ", ".join(f"{k} {v:.3f}" for k, v in languages.items())
                  + f"; spread {spread * 100:.1f} points", flush=True)
            if args.errors:
                for (text, gold), pred in zip(held, predicted, strict=True):
                    if gold != pred and language_of.get(text) == args.errors:
                        print(f"  {gold} -> {pred}: {text}")


if __name__ == "__main__":
    main()
