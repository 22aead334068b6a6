"""The intent classifier's features: TF-IDF of character n-grams within words, read from
the text as written and from its Latin-letter forms (bot/language/romanise.py).

The text as written carries every script and catches typos and inflections. The
romanised text makes "ile dostane pieniedzy" look like "ile dostanę pieniędzy" and
"skolko platyat" like "сколько платят"; the consonant skeleton makes Arabizi and
Finglish ("shu fi kursat", "mikham") look like the Arabic and Persian script they
stand for. A fourth channel reads whole words and pairs of words of the romanised text
("how long", "etter kurset"), which tell apart requests whose words are alike. Each form
is one channel with its own vocabulary; their vectors are concatenated.
"""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
import scipy.sparse as sp

from bot.language.romanise import romanised, skeleton
from bot.masking import PLACEHOLDER

# Zero-width and direction marks: Persian writes "می‌گیرم" with a zero-width non-joiner or
# "میگیرم" without, and copied text carries direction marks; neither changes the meaning.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


# Apostrophes as phones and keyboards type them: "don’t" (a phone's smart punctuation),
# "обовʼязково" (the Ukrainian letter apostrophe) and "don't" are one spelling.
_APOSTROPHES = re.compile("[’‘ʼʹ`´′]")


def without_placeholders(text: str) -> str:
    """Lower-cased text in composed form (NFC: "й" typed as и and a combining breve is "й"),
    without masking's placeholders ("[ID-NUMBER]"), which the participant did not write and
    which say nothing about the intent, without invisible marks, and with one apostrophe."""
    text = unicodedata.normalize("NFC", PLACEHOLDER.sub(" ", text))
    return _APOSTROPHES.sub("'", _INVISIBLE.sub("", text)).lower()


def romanised_text(text: str) -> str:
    return romanised(without_placeholders(text))


def skeleton_text(text: str) -> str:
    return skeleton(without_placeholders(text))


# Channel name -> the text it reads.
CHANNELS: Dict[str, Callable[[str], str]] = {
    "text": without_placeholders, "romanised": romanised_text, "skeleton": skeleton_text,
    "words": romanised_text, "phrases": romanised_text}
# Whole words and pairs of words ("how long", "etter kurset"), read from the romanised text.
_WORD_TOKEN = r"(?u)\b\w\w+\b"
# Skeletons are short (consonants only), so their n-grams stop at 4.
_SKELETON_MAX_NGRAM = 4
# Runs of letters across word boundaries ("w long", "ter kurs"), from the romanised text:
# the phrase a word stands in, which the within-word channels cannot see. Only those in
# three training examples or more are kept: most runs this long occur once.
_PHRASE_MIN, _PHRASE_MAX, _PHRASE_MIN_DF = 5, 8, 3


def _vectorizer(config: Dict[str, Any], channel: str, vocabulary: Optional[Dict[str, int]] = None):
    from sklearn.feature_extraction.text import TfidfVectorizer

    if channel == "words":
        return TfidfVectorizer(analyzer="word", preprocessor=CHANNELS[channel], token_pattern=_WORD_TOKEN,
                               sublinear_tf=True, ngram_range=(1, 2), vocabulary=vocabulary, dtype=np.float32)
    if channel == "phrases":
        return TfidfVectorizer(analyzer="char", preprocessor=CHANNELS[channel], sublinear_tf=True,
                               ngram_range=(_PHRASE_MIN, _PHRASE_MAX), min_df=_PHRASE_MIN_DF,
                               vocabulary=vocabulary, dtype=np.float32)
    top = config["max_ngram"] if channel != "skeleton" else min(config["max_ngram"], _SKELETON_MAX_NGRAM)
    return TfidfVectorizer(analyzer="char_wb", preprocessor=CHANNELS[channel], sublinear_tf=True,
                           ngram_range=(config["min_ngram"], top), vocabulary=vocabulary,
                           dtype=np.float32)


def _fit_channel(vectorizer: Any, texts: Sequence[str]) -> Tuple[Any, sp.csr_matrix]:
    matrix = vectorizer.fit_transform(texts)
    # The n-grams that min_df left out: kept by scikit-learn for inspection only, and for
    # the phrases channel millions of them, which would have to travel back from the worker.
    vectorizer.stop_words_ = None
    return vectorizer, matrix


# The channels by the time their fit takes (73,000 examples: phrases 27 s, romanised 19 s,
# text 15 s, skeleton 12 s, words 7 s), so that the slowest are handed out first.
_FIT_ORDER = ("phrases", "romanised", "text", "skeleton", "words")


class Features:
    """The channels' vectorizers side by side; fitted once, then only transforming."""

    def __init__(self, config: Dict[str, Any], channels: Sequence[str],
                 vocabularies: Optional[Sequence[Dict[str, int]]] = None,
                 idfs: Optional[Sequence[np.ndarray]] = None):
        self.channels = list(channels)
        self.vectorizers = [_vectorizer(config, c, vocabularies[i] if vocabularies else None)
                            for i, c in enumerate(self.channels)]
        if idfs is not None:
            for vectorizer, idf in zip(self.vectorizers, idfs, strict=True):
                vectorizer.idf_ = idf

    def fit_transform(self, texts: Sequence[str], n_jobs: Optional[int] = None) -> sp.csr_matrix:
        """The channels' vectorizers fitted on `texts`, and the texts' rows. The channels are
        fitted side by side, one process per core (`n_jobs`, all cores by default): on two
        cores 81 s became about 45 s for 73,000 examples. The result is the same as fitted
        one after the other."""
        from joblib import Parallel, delayed

        n_jobs = min(len(self.vectorizers), n_jobs or os.cpu_count() or 1)
        order = sorted(range(len(self.channels)), key=lambda i: _FIT_ORDER.index(self.channels[i])
                       if self.channels[i] in _FIT_ORDER else len(_FIT_ORDER))
        fitted = (Parallel(n_jobs=n_jobs, prefer="processes")(delayed(_fit_channel)(self.vectorizers[i], texts)
                                                               for i in order)
                  if n_jobs > 1 else [_fit_channel(self.vectorizers[i], texts) for i in order])
        matrices: List[Optional[sp.csr_matrix]] = [None] * len(self.vectorizers)
        for i, (vectorizer, matrix) in zip(order, fitted, strict=True):
            self.vectorizers[i], matrices[i] = vectorizer, matrix
        return sp.hstack(matrices, format="csr")

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        return sp.hstack([v.transform(texts) for v in self.vectorizers], format="csr")

    @property
    def vocabularies(self) -> List[Dict[str, int]]:
        return [{gram: int(column) for gram, column in v.vocabulary_.items()} for v in self.vectorizers]

    @property
    def idfs(self) -> List[np.ndarray]:
        return [v.idf_.astype(np.float32) for v in self.vectorizers]

    def informative_columns(self) -> np.ndarray:
        """Columns of n-grams with a letter, digit or symbol in them (not the padding space):
        a text with none of them in any channel is one the model knows nothing about."""
        columns: List[int] = []
        offset = 0
        for vectorizer in self.vectorizers:
            columns += [offset + column for gram, column in vectorizer.vocabulary_.items() if gram.strip()]
            offset += len(vectorizer.vocabulary_)
        return np.array(sorted(columns), dtype=np.int64)


def saved_channels(meta: Dict[str, Any], arrays: Any) -> Tuple[List[str], List[Dict[str, int]], List[np.ndarray]]:
    """The channels, vocabularies and idf vectors of a persisted model (one written before
    there were channels has the text channel only)."""
    if "channels" not in meta:
        return ["text"], [meta["vocabulary"]], [arrays["idf"]]
    channels = meta["channels"]
    return channels, meta["vocabularies"], [arrays[f"idf_{c}"] for c in channels]
