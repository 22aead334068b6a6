"""The intent classifier's fitting and confidences: a linear SVM fitted on all examples beside
its cross-validation copies, and the softmax temperature fitted on the scores those copies
give to the examples they did not see, so that a confidence follows how often the
classifier is right on new messages (the FallbackClassifier's threshold relies on it)."""

from __future__ import annotations

import os
from typing import Any, Optional, Tuple

import numpy as np

__all__ = ["fit_temperature", "fit_with_held_out_scores", "log_softmax", "softmax"]


def log_softmax(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax(scores: np.ndarray) -> np.ndarray:
    return np.exp(log_softmax(scores))


def fit_temperature(scores: np.ndarray, labels: np.ndarray) -> float:
    """The factor on the scores whose softmax best predicts `labels` (least log loss):
    the confidences then mean what they say, which the fallback threshold relies on."""
    from scipy.optimize import minimize_scalar

    rows = np.arange(len(labels))

    def log_loss(log_factor: float) -> float:
        return float(-log_softmax(scores * np.exp(log_factor))[rows, labels].mean())

    best = minimize_scalar(log_loss, bounds=(np.log(0.01), np.log(100.0)), method="bounded")
    return float(np.exp(best.x))


def fit_with_held_out_scores(svm: Any, features: Any, labels: np.ndarray, folds: int, seed: int,
                             scored: Optional[int] = None) -> Tuple[Any, Optional[Tuple[np.ndarray, np.ndarray]]]:
    """`svm` fitted on all examples and, with two folds or more, the rows of the first `scored`
    folds (all of them without it) with the scores each gets from a copy fitted without its
    fold. One fold's third of the examples is more than enough to fit one temperature, and
    with it the two fits run in one round on two cores instead of two.

    The fits run side by side, one process per core (the four of 47,086 examples took 50-60 s
    instead of 92 s on two cores). Not on threads: liblinear draws its coordinate order from
    one random generator for the whole process, so fits on threads at once change each
    other's order and the model changes from run to run."""
    from joblib import Parallel, delayed
    from sklearn.base import clone
    from sklearn.model_selection import StratifiedKFold

    splits = list(StratifiedKFold(folds, shuffle=True, random_state=seed).split(features, labels)) if folds >= 2 else []
    splits = splits[:scored] if scored is not None else splits
    jobs = [train for train, _ in splits] + [None]  # None: all rows, the matrix itself (no copy)
    # The processes share the rows as read-only memory maps; laid out as liblinear reads them
    # (float64, sorted indices), nothing has to change them in place.
    features = features.astype(np.float64).tocsr()
    features.sum_duplicates()
    *fold_models, final = Parallel(n_jobs=min(len(jobs), os.cpu_count() or 1), prefer="processes")(
        delayed(clone(svm).fit)(*((features, labels) if rows is None else (features[rows], labels[rows])))
        for rows in jobs)
    if not splits:
        return final, None
    rows = np.concatenate([test for _, test in splits])
    scores = np.concatenate([model.decision_function(features[test])
                             for model, (_, test) in zip(fold_models, splits, strict=True)])
    return final, (rows, scores)
