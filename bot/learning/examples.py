"""Reviewed training examples: labelled inbox messages written to `nlu/<lang>/reviewed.yml`.

One file per language, read by training like any other NLU file. A text that is in a
held-out split (`nlu_data/test/`) is refused, so the held-out figures stay honest; a
text already taught as another intent is refused too (the data must not contradict
itself). Written with a YAML serialiser, never by formatting strings.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import yaml

REVIEWED = "reviewed.yml"
# libyaml's loader when PyYAML has it: the same safe loading, about ten times faster over
# all the NLU files that a label is checked against.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ENTITY = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")
_lock = threading.Lock()


class ExampleRejected(ValueError):
    """The text cannot become a training example; the message says why."""


def normalised(text: str) -> str:
    return " ".join(_ENTITY.sub(r"\1", text).casefold().split())


def _examples(path: Path) -> Iterator[Tuple[str, str]]:
    """(intent, text) of every example in a Rasa NLU YAML file."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    for block in data.get("nlu") or []:
        if not isinstance(block, dict) or "intent" not in block:
            continue
        for line in str(block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                yield str(block["intent"]), line[2:].strip()


def _taught(folder: Path) -> Dict[str, Set[str]]:
    found: Dict[str, Set[str]] = {}
    for path in sorted(folder.rglob("*.yml")):
        for intent, text in _examples(path):
            found.setdefault(normalised(text), set()).add(intent)
    return found


class _Literal(str):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Literal, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|"))


def add_example(nlu_data: Path, language: str, intent: str, text: str) -> bool:
    """Adds `text` as an example of `intent`; False when it is already taught as that intent."""
    clean = " ".join(text.replace("](", "] (").split())
    if not clean:
        raise ExampleRejected("The message is empty.")
    key = normalised(clean)
    with _lock:
        if key in _taught(nlu_data / "test"):
            raise ExampleRejected("This message is in the held-out test split, which is never trained on.")
        taught = _taught(nlu_data / "nlu").get(key, set())
        if taught and intent in taught:
            return False
        if taught:
            raise ExampleRejected(f"This message is already taught as {', '.join(sorted(taught))}.")
        path = nlu_data / "nlu" / language / REVIEWED
        blocks: Dict[str, List[str]] = {}
        if path.is_file():
            for existing_intent, existing in _examples(path):
                blocks.setdefault(existing_intent, []).append(existing)
        blocks.setdefault(intent, []).append(clean)
        document = {"version": "3.1", "nlu": [
            {"intent": name, "examples": _Literal("".join(f"- {t}\n" for t in texts))}
            for name, texts in sorted(blocks.items())]}
        path.parent.mkdir(parents=True, exist_ok=True)
        header = ("# Examples labelled by staff in the NLU inbox (`amo-bot inbox label`, the "
                  "dashboard).\n# Written by bot/learning/examples.py; reviewed by a person.\n")
        path.write_text(header + yaml.dump(document, Dumper=_Dumper, allow_unicode=True,
                                           sort_keys=False, width=1000), encoding="utf-8")
    return True
