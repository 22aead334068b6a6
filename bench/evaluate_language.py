"""Language of the first reply: how often a first message without a channel hint is
answered in the participant's language.

Usage: .venv/bin/python bench/evaluate_language.py [--messages FILE] [--json OUT] [--show-errors]
Messages: bench/data/first_messages.yml (sentences), bench/data/short_messages.yml (one
or two words), bench/data/transliterated_messages.yml (Latin letters) or
bench/data/unsupported_messages.yml (sentences in languages the bot does not speak, whose
right answer is that it does not speak them), written for this benchmark, never trained on.
The decision is the bot's own: the language action of actions/language.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MESSAGES = ROOT / "bench" / "data" / "first_messages.yml"


def first_reply(parsed: Optional[Dict[str, Any]] = None, text: str = "") -> Optional[str]:
    """The language the bot answers a first message in: no language in force, no channel
    hint. The decision is the language action's own, on the message as the NLU parsed it
    (`parsed`, from `Agent.parse_message`) or on the bare `text`. None when the bot says it
    does not speak the message's language."""
    from rasa_sdk import Tracker

    from actions.language import ActionDetectLanguage

    message = {"text": text, "intent": {}, "entities": [], "metadata": {}}
    message.update(parsed or {})
    tracker = Tracker("held-out", {}, message, [], False, None, {}, None)
    decision = ActionDetectLanguage().decision(tracker)
    return None if decision.unsupported else decision.language


def first_reply_languages(path: Path = MESSAGES) -> List[Tuple[str, str, Optional[str]]]:
    """(expected language, message, language the bot answers in) per message."""
    data: Dict[str, List[str]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(expected, text, first_reply(text=text)) for expected, texts in data.items() for text in texts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--messages", type=Path, default=MESSAGES)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    from bot.language.supported import BY_CODE

    results = first_reply_languages(args.messages)
    right: Counter = Counter()
    total: Counter = Counter()
    for expected, text, got in results:
        total[expected] += 1
        # A language the bot does not speak is answered right by saying so (None).
        right[expected] += got == (expected if expected in BY_CODE else None)
        if got != expected and args.show_errors:
            print(f"  {expected} -> {got}: {text}")
    report = {lang: round(right[lang] / total[lang], 3) for lang in total}
    report["all"] = round(sum(right.values()) / sum(total.values()), 3)
    for lang, share in report.items():
        print(f"{lang:4} {share:.1%}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
