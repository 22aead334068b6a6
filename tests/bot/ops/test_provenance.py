"""`content check` lists examples and, with --strict, fails on a value no source confirms."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bot.content.loader import load_catalogue
from bot.ops.provenance import check_provenance


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_catalogue_lists_its_examples_and_has_no_unsourced_value(content_copy):
    catalogue, _ = load_catalogue(content_copy)
    found = check_provenance(catalogue)
    assert found and all(p.severity == "info" for p in found)
    assert any(p.path.endswith("womens-basic.yml") and p.field == "schedule"
               for p in found)
    places = sum(len(c.places) for c in catalogue.courses.values())
    assert sum(p.field.startswith("places.") for p in found) == places


def test_strict_check_fails_on_an_unsourced_start_and_lists_examples(content_copy, monkeypatch):
    from bot.ops import cli

    root = content_copy.parent
    monkeypatch.setattr(cli, "_settings", lambda: type("S", (), {"root": root})())
    runner = CliRunner()
    args = ["content", "check", "--no-translations", "--today", "2025-06-01"]
    ok = runner.invoke(cli.main, args)
    assert ok.exit_code == 0 and "has no source" not in ok.output, ok.output
    assert "examples" in ok.output and "INFO    content/courses/womens-basic.yml: [schedule] example" in ok.output
    care = content_copy / "courses" / "care-assistant.yml"
    edit(care, "    place: Oslo\n    example: true\n", "    place: Oslo\n")
    edit(care, "  source:\n    title: 'Folkeuniversitetet: kursbeskrivelse pleie og omsorg'\n"
               "    url: https://moodle.folkeuniversitetet.no/course/info.php?id=455\n", "")
    loose = runner.invoke(cli.main, args)
    strict = runner.invoke(cli.main, [*args, "--strict"])
    for result in (loose, strict):
        assert "[places.0] place Oslo and its start dates (2027-01-11, 2027-08-16) has no source" in result.output
        assert "[schedule] length (weeks 42, hours_per_week 30, theory_weeks 11" in result.output
    assert loose.exit_code == 0 and strict.exit_code == 1
