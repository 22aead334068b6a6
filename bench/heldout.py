"""Held-out figures: what one message's outcome is and how outcomes add up per language,
per kind of message and per split. The pure part of bench/evaluate_nlu.py (no model).

Two splits, both never trained on: *clean* (nlu_data/test/<lang>.yml, well-formed
sentences) and *messy* (nlu_data/test/messy/<lang>.yml, messages as participants type
them, each block's metadata naming its kind).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, FrozenSet, Iterable, List, Mapping, Optional, Tuple

import yaml
from sklearn.metrics import f1_score

SPLITS = {"clean": Path("nlu_data/test"), "messy": Path("nlu_data/test/messy")}
ALL = frozenset({"nb", "en", "ar", "so", "ti", "uk", "ru", "pl", "lt", "fa"})


@dataclass(frozen=True)
class Kind:
    title: str
    languages: FrozenSet[str]


# The kinds of messy message and the languages each applies to (no capitals in Arabic,
# Persian or Ge'ez script; NAV's words are not foreign in Norwegian).
KINDS: Dict[str, Kind] = {
    "typos": Kind("typos, missing diacritics", ALL),
    "caps": Kind("ALL CAPS", ALL - {"ar", "fa", "ti"}),
    "no_punct": Kind("no punctuation", ALL),
    "nav_words": Kind("Norwegian NAV words inside", ALL - {"nb"}),
    "transliterated": Kind("Latin letters (Arabizi, Finglish, translit)", frozenset({"ar", "fa", "uk", "ru"})),
    "backstory": Kind("backstory before the request", ALL),
    "fragment": Kind("fragments", ALL),
    "indirect": Kind("indirect requests", ALL),
}
CLEAN = "clean"
# Answers that are no answer: the participant expected another intent.
NON_ANSWERS = ("nlu_fallback", "out_of_scope")
# A participant who asks for another language is answered in it: not a wrong language.
LANGUAGE_REQUEST = "choose_language"


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    kind: str = CLEAN


@dataclass(frozen=True)
class Outcome:
    """One held-out message as the bot handled it."""

    language: str  # the participant's language: the split file's
    gold: str
    predicted: str  # the classifier's best intent, nlu_fallback left out
    confidence: float  # the predicted intent's confidence
    flagged: bool  # the pipeline's own answer was nlu_fallback (threshold or ambiguity)
    replied_in: Optional[str]  # language of the first reply; None: "I do not speak that language"
    kind: str = CLEAN
    words: int = 0


def kind_of(metadata: Optional[Mapping[str, Any]]) -> str:
    """The kind named in a Rasa example's metadata (example level first, then its block)."""
    for level in ("example", "intent"):
        found = ((metadata or {}).get(level) or {})
        if isinstance(found, Mapping) and found.get("kind"):
            return str(found["kind"])
    return CLEAN


def fallback_threshold(config: Path) -> float:
    """The FallbackClassifier's threshold in config.yml (Rasa's default 0.3 when absent)."""
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    for component in data.get("pipeline") or []:
        if component.get("name") == "FallbackClassifier":
            return float(component.get("threshold", 0.3))
    return 0.3


def is_fallback(outcome: Outcome, threshold: float) -> bool:
    """Whether the participant got no answer: the best intent is below the threshold, the
    pipeline fell back, or it answered "not my topic" to a message that was on topic."""
    if outcome.flagged or outcome.confidence < threshold:
        return True
    return outcome.predicted in NON_ANSWERS and outcome.predicted != outcome.gold


def wrong_language(outcome: Outcome) -> Optional[bool]:
    """Whether the first reply is in another language than the message's; None when the
    message asks for a language (its reply is rightly in the language asked for)."""
    if outcome.gold == LANGUAGE_REQUEST:
        return None
    return outcome.replied_in != outcome.language


def macro_f1(pairs: List[Tuple[str, str]]) -> float:
    """F1 averaged over the intents of the held-out data; a wrong guess of another intent
    counts against precision but adds no class of its own."""
    if not pairs:
        return 0.0
    gold = [g for g, _ in pairs]
    predicted = [p for _, p in pairs]
    return float(f1_score(gold, predicted, labels=sorted(set(gold)), average="macro", zero_division=0))


def summarise(outcomes: List[Outcome], threshold: float) -> Dict[str, Any]:
    """Accuracy, macro-F1, fallback and wrong-language rates of some outcomes."""
    n = len(outcomes)
    judged = [w for w in (wrong_language(o) for o in outcomes) if w is not None]
    return {
        "examples": n,
        "accuracy": round(sum(o.predicted == o.gold for o in outcomes) / n, 4) if n else 0.0,
        "macro_f1": round(macro_f1([(o.gold, o.predicted) for o in outcomes]), 4),
        "fallback_rate": round(sum(is_fallback(o, threshold) for o in outcomes) / n, 4) if n else 0.0,
        "wrong_language_rate": round(sum(judged) / len(judged), 4) if judged else 0.0,
    }


def grouped(outcomes: Iterable[Outcome], key: Callable[[Outcome], str]) -> Dict[str, List[Outcome]]:
    groups: Dict[str, List[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[key(outcome)].append(outcome)
    return dict(sorted(groups.items()))


# Higher is better for the first two, lower for the others.
METRICS = {"accuracy": True, "macro_f1": True, "fallback_rate": False, "wrong_language_rate": False}


def spread(rows: Mapping[str, Mapping[str, Any]]) -> Dict[str, Dict[str, Any]]:
    """Per figure, the best and worst language and the distance between them in points."""
    found = {}
    for metric, higher_is_better in METRICS.items():
        ranked = sorted(rows, key=lambda lang: rows[lang][metric], reverse=higher_is_better)
        if ranked:
            best, worst = ranked[0], ranked[-1]
            found[metric] = {"best": best, "worst": worst,
                             "points": round(abs(rows[best][metric] - rows[worst][metric]) * 100, 1)}
    return found


def split_report(outcomes: List[Outcome], threshold: float) -> Dict[str, Any]:
    """The figures of one split: per language, their spread, per kind, and the commonest confusions."""
    languages = {lang: summarise(group, threshold) for lang, group in grouped(outcomes, lambda o: o.language).items()}
    confusions: Dict[Tuple[str, str], int] = defaultdict(int)
    for o in outcomes:
        if o.gold != o.predicted:
            confusions[(o.gold, o.predicted)] += 1
    top = sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    return {
        "all": summarise(outcomes, threshold),
        "languages": languages,
        "spread": spread(languages),
        "kinds": {kind: summarise(group, threshold) for kind, group in grouped(outcomes, lambda o: o.kind).items()},
        "by_length": {length: summarise(group, threshold) for length, group in
                      grouped(outcomes, lambda o: "3+ words" if o.words >= 3 else "1-2 words").items()},
        "confused_pairs": [{"gold": g, "predicted": p, "count": c} for (g, p), c in top],
    }


def _pct(value: float) -> str:
    return f"{value * 100:.1f}"


def _cells(row: Optional[Mapping[str, Any]]) -> List[str]:
    if not row:
        return [""] * 5
    return [str(row["examples"])] + [_pct(row[metric]) for metric in METRICS]


def language_table(report: Mapping[str, Any]) -> str:
    """Markdown: one row per language, both splits side by side, then the spread."""
    splits = report["splits"]
    head = "| language |" + "".join(f" {s} n | {s} acc. | {s} F1 | {s} fallback | {s} wrong lang. |" for s in splits)
    lines = [head, "|---|" + "---|" * 5 * len(splits)]
    languages = sorted({lang for s in splits.values() for lang in s["languages"]})
    for lang in languages:
        cells = [cell for figures in splits.values() for cell in _cells(figures["languages"].get(lang))]
        lines.append(f"| {lang} | " + " | ".join(cells) + " |")
    cells = [cell for figures in splits.values() for cell in _cells(figures["all"])]
    lines.append("| **all** | " + " | ".join(cells) + " |")
    cells = []
    for figures in splits.values():
        s = figures["spread"]
        cells += [""] + [f"{s[m]['points']:.1f} ({s[m]['best']}–{s[m]['worst']})" for m in METRICS]
    lines.append("| **spread**, points (best–worst) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def kind_table(split: Mapping[str, Any]) -> str:
    """Markdown: one row per kind of message, all languages together."""
    lines = ["| kind | n | accuracy | macro-F1 | fallback | wrong language |", "|---|---|---|---|---|---|"]
    for kind, row in split["kinds"].items():
        title = KINDS[kind].title if kind in KINDS else kind
        lines.append(f"| {title} | " + " | ".join(_cells(row)) + " |")
    return "\n".join(lines)
