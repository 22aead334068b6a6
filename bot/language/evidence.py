"""Language evidence learned from the NLU training data: how much a message's words
look like what participants wrote in each language of nlu_data/nlu/<lang>/.

A naive Bayes model over character n-grams within words (1-4 letters). The general
detector knows languages from books and the web; this model knows how participants
write to this bot: NAV words inside other languages, missing diacritics, short
questions. It is read from the training files only, never from the held-out splits.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Tuple

import yaml

_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")
_MAX_N = 4


def ngrams(words: Iterable[str]) -> List[str]:
    grams: List[str] = []
    for word in words:
        padded = f" {word} "
        for n in range(1, _MAX_N + 1):
            grams.extend(padded[i:i + n] for i in range(len(padded) - n + 1) if padded[i:i + n].strip())
    return grams


def training_texts(nlu_dir: Path, language: str) -> List[str]:
    """The example texts of one language's training files, entity annotations unwrapped.
    Read once per version of the files: the language models built from them at start-up
    each read them all."""
    files = tuple((str(path), path.stat().st_mtime_ns) for path in sorted((nlu_dir / language).glob("*.yml")))
    return list(_texts_of(files))


@functools.lru_cache(maxsize=32)
def _texts_of(files: Tuple[Tuple[str, int], ...]) -> Tuple[str, ...]:
    texts: List[str] = []
    for name, _modified in files:
        data = yaml.safe_load(Path(name).read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    texts.append(_ANNOTATION.sub(r"\1", line[2:]))
    return tuple(texts)


class Evidence:
    """Per-language n-gram counts; `posterior` compares languages on the same words."""

    def __init__(self, counts: Mapping[str, Counter], words: Optional[Mapping[str, Counter]] = None):
        self._counts = {lang: c for lang, c in counts.items() if c}
        self._words = {lang: c for lang, c in (words or {}).items() if c}
        self._word_totals = {lang: sum(c.values()) for lang, c in self._words.items()}
        self._totals = {lang: sum(c.values()) for lang, c in self._counts.items()}
        self._vocabulary = len(set().union(*self._counts.values())) if self._counts else 1

    @classmethod
    def from_training_data(cls, nlu_dir: Path, languages: Iterable[str],
                           words_of: Callable[[str], List[str]]) -> Evidence:
        words = {lang: Counter(w for text in training_texts(nlu_dir, lang) for w in words_of(text))
                 for lang in languages}
        counts = {lang: Counter(ngrams(c.elements())) for lang, c in words.items()}
        return cls(counts, words)

    @property
    def languages(self) -> List[str]:
        return list(self._counts)

    def coverage(self, words: List[str], language: str, n: int = 3) -> float:
        """The share of the words' n-grams of length `n` that `language` has ever shown: a
        message in no language at all ("qxz vbnm") is mostly unseen in every one of them."""
        grams = [g for g in ngrams(words) if len(g) == n]
        counts = self._counts.get(language)
        if not grams or counts is None:
            return 0.0
        return sum(counts[g] > 0 for g in grams) / len(grams)

    def posterior(self, words: List[str], candidates: Iterable[str]) -> Dict[str, float]:
        """P(language | words) among `candidates`, from the mean log-likelihood per n-gram
        (a mean, so a long message is not judged more certain than its evidence)."""
        grams = ngrams(words)
        candidates = [c for c in candidates if c in self._counts]
        if not grams or not candidates:
            return {}
        scores = {}
        for lang in candidates:
            counts, denominator = self._counts[lang], self._totals[lang] + self._vocabulary
            scores[lang] = sum(math.log((counts[g] + 1) / denominator) for g in grams) / len(grams)
        # The mean log-likelihood is scaled back by the number of words: each word is
        # one piece of evidence.
        scale = max(1, len(words))
        top = max(scores.values())
        weights = {lang: math.exp((s - top) * scale * _SHARPNESS) for lang, s in scores.items()}
        total = sum(weights.values())
        return {lang: w / total for lang, w in weights.items()}


    def count(self, word: str, candidates: Iterable[str]) -> int:
        """How often the participants of `candidates` wrote `word` in the training data."""
        return sum(self._words[c][word] for c in candidates if c in self._words)

    def lexicon(self, words: List[str], candidates: Iterable[str],
                prior: Optional[float] = None) -> Dict[str, float]:
        """P(language | words) among `candidates` from whole words: how often each language's
        participants wrote the very word ("labas", "дякую"). Words no candidate has seen say
        nothing; empty when none was seen.

        Without `prior`, a word a language never showed counts a half. With `prior`, it gets
        the word's share of all candidates' words, weighed as `prior` words (a Dirichlet
        prior), so a language with few examples is not favoured for words it never wrote."""
        candidates = [c for c in candidates if c in self._words]
        seen = [w for w in words if any(self._words[c][w] for c in candidates)]
        if not seen or not candidates:
            return {}
        if prior is None:
            logs = {c: sum(math.log((self._words[c][w] + _ALPHA) / self._word_totals[c]) for w in seen)
                    for c in candidates}
        else:
            all_words = sum(self._word_totals[c] for c in candidates)
            share = {w: sum(self._words[c][w] for c in candidates) / all_words for w in seen}
            logs = {c: sum(math.log((self._words[c][w] + prior * share[w]) / (self._word_totals[c] + prior))
                           for w in seen) for c in candidates}
        top = max(logs.values())
        weights = {c: math.exp(v - top) for c, v in logs.items()}
        total = sum(weights.values())
        return {c: w / total for c, w in weights.items()}


_SHARPNESS = 3.0
# Added to every whole-word count: a word one language never showed is unlikely in it,
# not impossible.
_ALPHA = 0.5
