"""The held-out figures: fallback, wrong language, per-language rows, spread and tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.heldout import (
    CLEAN,
    Outcome,
    fallback_threshold,
    is_fallback,
    kind_of,
    kind_table,
    language_table,
    split_report,
    spread,
    summarise,
    wrong_language,
)


def outcome(gold: str = "allowance", predicted: str = "allowance", confidence: float = 0.9, flagged: bool = False,
            replied_in: str | None = "pl", language: str = "pl", kind: str = CLEAN, words: int = 4) -> Outcome:
    return Outcome(language, gold, predicted, confidence, flagged, replied_in, kind, words)


def test_no_answer_below_the_threshold_or_when_the_pipeline_fell_back() -> None:
    assert not is_fallback(outcome(confidence=0.41), 0.4)
    assert is_fallback(outcome(confidence=0.39), 0.4)
    assert is_fallback(outcome(flagged=True), 0.4)  # ambiguity: confident, but two intents too close


def test_out_of_scope_is_no_answer_only_for_a_message_on_topic() -> None:
    assert is_fallback(outcome(gold="course_details", predicted="out_of_scope"), 0.4)
    assert not is_fallback(outcome(gold="out_of_scope", predicted="out_of_scope"), 0.4)
    assert not is_fallback(outcome(gold="course_details", predicted="job_prospects"), 0.4)  # wrong, but an answer


def test_wrong_language_is_a_reply_in_another_language_or_the_unsupported_note() -> None:
    assert wrong_language(outcome(replied_in="nb")) is True
    assert wrong_language(outcome(replied_in=None)) is True
    assert wrong_language(outcome(replied_in="pl")) is False
    # "could you write in Ukrainian" is rightly answered in Ukrainian: not counted.
    assert wrong_language(outcome(gold="choose_language", predicted="choose_language", replied_in="uk")) is None


def test_a_language_row() -> None:
    rows = [outcome(), outcome(predicted="extra_costs", replied_in="nb"), outcome(confidence=0.2),
            outcome(gold="choose_language", predicted="choose_language", replied_in="uk")]
    row = summarise(rows, 0.4)
    assert row["examples"] == 4
    assert row["accuracy"] == 0.75
    assert row["fallback_rate"] == 0.25
    assert row["wrong_language_rate"] == pytest.approx(0.3333, abs=1e-4)  # 1 of the 3 judged
    assert summarise([], 0.4)["accuracy"] == 0.0


def test_spread_names_the_best_and_the_worst_language_each_way() -> None:
    rows = {"nb": {"accuracy": 0.97, "macro_f1": 0.97, "fallback_rate": 0.02, "wrong_language_rate": 0.0},
            "pl": {"accuracy": 0.91, "macro_f1": 0.92, "fallback_rate": 0.04, "wrong_language_rate": 0.05}}
    found = spread(rows)
    assert found["accuracy"] == {"best": "nb", "worst": "pl", "points": 6.0}
    assert found["wrong_language_rate"] == {"best": "nb", "worst": "pl", "points": 5.0}


def test_kind_comes_from_the_example_or_its_block() -> None:
    assert kind_of({"intent": {"kind": "caps"}}) == "caps"
    assert kind_of({"intent": {"kind": "caps"}, "example": {"kind": "fragment"}}) == "fragment"
    assert kind_of(None) == CLEAN
    assert kind_of({"intent": {"source": "inbox"}}) == CLEAN


def test_fallback_threshold_is_read_from_the_pipeline(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text("pipeline:\n  - name: WhitespaceTokenizer\n  - name: FallbackClassifier\n    threshold: 0.55\n")
    assert fallback_threshold(config) == 0.55
    config.write_text("pipeline:\n  - name: WhitespaceTokenizer\n")
    assert fallback_threshold(config) == 0.3  # Rasa's default


def test_tables_show_both_splits_per_language_with_the_spread() -> None:
    clean = split_report([outcome(), outcome(language="nb", replied_in="nb")], 0.4)
    messy = split_report([outcome(kind="caps"), outcome(kind="transliterated", language="ru", replied_in="pl",
                                                       predicted="greet", words=2)], 0.4)
    report = {"splits": {"clean": clean, "messy": messy}}
    table = language_table(report).splitlines()
    assert table[0].count("|") == 12  # language, then 5 figures per split
    assert table[2].startswith("| nb | 1 | 100.0 | 100.0 | 0.0 | 0.0 |  |")  # nb has no messy messages here
    assert table[4].startswith("| ru |  |  |  |  |  | 1 | 0.0 | 0.0 | 0.0 | 100.0 |")
    assert "spread" in table[-1] and "100.0 (pl–ru)" in table[-1]
    kinds = kind_table(messy)
    assert "| ALL CAPS | 1 | 100.0 |" in kinds and "| Latin letters" in kinds
    assert messy["by_length"]["1-2 words"]["wrong_language_rate"] == 1.0
