"""The boundary benchmark: how it reads its messages and counts what the NLU got right."""

from __future__ import annotations

from pathlib import Path

from bench.evaluate_boundaries import load_messages, share, tally


def test_messages_are_read_by_language_then_intent(tmp_path: Path) -> None:
    path = tmp_path / "boundaries.yml"
    path.write_text("nb:\n  illness:\n    - jeg er syk i dag\n  after_course:\n    - hva nå etter kurset\n"
                    "en:\n  illness:\n    - sick today\n", encoding="utf-8")
    assert load_messages(path) == [("nb", "illness", "jeg er syk i dag"), ("nb", "after_course", "hva nå etter kurset"),
                                   ("en", "illness", "sick today")]


def test_right_and_total_per_language_per_intent_and_overall() -> None:
    counts = tally([("nb", "illness", "illness"), ("nb", "after_course", "job_prospects"),
                    ("en", "illness", "course_details"), ("en", "after_course", "after_course")])
    assert counts["nb"] == (1, 2)
    assert counts["illness"] == (1, 2)
    assert counts["after_course"] == (1, 2)
    assert counts["all"] == (2, 4)
    assert "job_prospects" not in counts  # a wrong guess is not a gold intent
    assert share(counts["all"]) == " 50.0 % (n=4)"
