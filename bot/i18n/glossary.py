"""Glossary check: the same word for the same concept in every text of a language.

`translations/glossary.yml` names, per concept, the source word (English in `messages`,
Norwegian in `content`), the word(s) each language uses, and variants no longer used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

from ruamel.yaml import YAML

from bot.i18n.catalogs import SOURCE_LANGUAGE

GLOSSARY = Path("translations") / "glossary.yml"


@dataclass(frozen=True)
class Term:
    concept: str
    source: Dict[str, Tuple[str, ...]]  # source language -> source words
    use: Dict[str, Tuple[str, ...]]
    avoid: Dict[str, Tuple[str, ...]]

    def in_source(self, domain: str, text: str) -> bool:
        words = self.source.get(SOURCE_LANGUAGE[domain], ())
        return any(re.search(rf"(?<!\w){re.escape(word)}", text, re.IGNORECASE) for word in words)


def load_glossary(root: Path) -> List[Term]:
    path = root / GLOSSARY
    if not path.is_file():
        return []
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
    return [Term(concept=str(concept), source={str(k): _words(v) for k, v in entry["source"].items()},
                 use={str(k): tuple(str(w) for w in v) for k, v in (entry.get("use") or {}).items()},
                 avoid={str(k): tuple(str(w) for w in v) for k, v in (entry.get("not") or {}).items()})
            for concept, entry in data.items()]


def _words(value: object) -> Tuple[str, ...]:
    return tuple(str(w) for w in value) if isinstance(value, list) else (str(value),)


def _contains(text: str, words: Iterable[str]) -> bool:
    folded = text.casefold()
    return any(word.casefold() in folded for word in words)


def glossary_problems(terms: List[Term], domain: str, language: str,
                      entries: Iterable[Tuple[str, str]]) -> List[str]:
    """Problems in (source, translation) pairs of one catalog of `language`."""
    problems = []
    for source, translation in entries:
        for term in terms:
            required = term.use.get(language)
            if required and term.in_source(domain, source) and not _contains(translation, required):
                problems.append(f"{term.concept!r} must be {' / '.join(required)}: {source[:70]!r}")
            # A variant no longer used is wrong wherever it appears.
            avoided = [w for w in term.avoid.get(language, ()) if _contains(translation, [w])]
            if avoided:
                problems.append(f"{term.concept!r} is not {avoided[0]} "
                                f"(use {' / '.join(term.use.get(language, ())) or 'the glossary word'}): {source[:70]!r}")
    return problems
