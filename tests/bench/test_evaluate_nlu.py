"""The held-out report's macro-F1 and how it reads the NLU's answer."""

from __future__ import annotations

import pytest

from bench.evaluate_nlu import best_intent, macro_f1


def test_macro_f1_averages_over_the_held_out_intents_only() -> None:
    # a: P 1, R 1/2; b: P 2/3, R 1; c: never found. "x" is a wrong guess, not a fourth class.
    pairs = [("a", "a"), ("a", "b"), ("b", "b"), ("b", "b"), ("c", "x")]
    assert macro_f1(pairs) == pytest.approx((2 / 3 + 0.8 + 0) / 3)


def test_perfect_and_empty() -> None:
    assert macro_f1([("greet", "greet"), ("bye", "bye")]) == 1.0
    assert macro_f1([]) == 0.0


def test_the_best_intent_is_the_classifiers_not_the_fallback() -> None:
    parsed = {"intent": {"name": "nlu_fallback", "confidence": 0.4},
              "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.4},
                                 {"name": "allowance", "confidence": 0.31},
                                 {"name": "extra_costs", "confidence": 0.29}]}
    assert best_intent(parsed) == ("allowance", 0.31)
    assert best_intent({"intent": {"name": "greet", "confidence": 0.9}}) == ("greet", 0.9)
