"""The catalogue loads when valid and names file, line and field when not."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.loader import load_catalogue


def errors_for(content: Path):
    catalogue, problems = load_catalogue(content)
    assert catalogue is None
    return [p for p in problems if p.severity == "error"]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_catalogue_is_valid_and_big_enough(content_copy):
    catalogue, problems = load_catalogue(content_copy)
    assert catalogue is not None, [str(p) for p in problems]
    assert len(catalogue.courses) >= 10
    assert len({c for course in catalogue.courses.values() for c in course.counties}) >= 3


def test_every_prospect_figure_has_source_url_and_year(content_copy):
    catalogue, _ = load_catalogue(content_copy)
    for course in catalogue.courses.values():
        for figure in course.figures:
            assert figure.source and figure.url.startswith("http") and figure.year, course.id


def test_bad_yaml_names_file_and_line(content_copy):
    path = content_copy / "courses" / "cleaning.yml"
    path.write_text("id: cleaning\nname: [unclosed\n", encoding="utf-8")
    [error] = errors_for(content_copy)
    assert error.path.endswith("courses/cleaning.yml")
    assert error.line in (2, 3)
    assert "invalid YAML" in error.message


def test_missing_field_is_named(content_copy):
    path = content_copy / "courses" / "retail.yml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("sector:")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = errors_for(content_copy)
    assert any("'sector' is a required property" in e.message and e.path.endswith("retail.yml") for e in errors)


def test_wrong_type_names_field_and_line(content_copy):
    path = content_copy / "courses" / "care-assistant.yml"
    edit(path, "hours_per_week: 30", "hours_per_week: thirty")
    [error] = errors_for(content_copy)
    assert error.field == "schedule.hours_per_week"
    assert error.line and "hours_per_week" in path.read_text().splitlines()[error.line - 1]


def test_duplicate_id_is_reported(content_copy):
    source = content_copy / "courses" / "cleaning.yml"
    (content_copy / "courses" / "cleaning-copy.yml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    errors = errors_for(content_copy)
    assert any(e.field == "id" and "duplicate course id 'cleaning'" in e.message for e in errors)


def test_bad_date_is_reported(content_copy):
    path = content_copy / "courses" / "cleaning.yml"
    text = path.read_text(encoding="utf-8")
    import re

    first = re.search(r"['\"](20\d\d-\d\d-\d\d)['\"]", text).group(1)
    path.write_text(text.replace(first, "2027-13-45", 1), encoding="utf-8")
    errors = errors_for(content_copy)
    assert any("starts" in e.field and "is not a 'date'" in e.message for e in errors)


def test_unknown_county_is_reported(content_copy):
    path = content_copy / "courses" / "cleaning.yml"
    text = path.read_text(encoding="utf-8")
    import re

    county = re.search(r"county: ([a-z-]+)", text).group(1)
    path.write_text(text.replace(f"county: {county}", "county: atlantis", 1), encoding="utf-8")
    errors = errors_for(content_copy)
    assert any("unknown county 'atlantis'" in e.message for e in errors)


def test_unknown_language_or_field_is_reported(content_copy):
    path = content_copy / "courses" / "cleaning.yml"
    path.write_text(path.read_text(encoding="utf-8") + "name_xx: Klingon\n", encoding="utf-8")
    errors = errors_for(content_copy)
    assert any("name_xx" in e.message for e in errors)


@pytest.mark.parametrize("hostile", [
    'a: &a ["x","x","x"]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]\n',
    "id: !!python/object/apply:os.system ['echo owned']\n",
])
def test_hostile_yaml_is_rejected_safely(content_copy, hostile):
    (content_copy / "courses" / "evil.yml").write_text(hostile, encoding="utf-8")
    errors = errors_for(content_copy)
    assert any(e.path.endswith("evil.yml") and ("anchors" in e.message or "tag" in e.message) for e in errors)


def test_an_anchor_or_a_tag_is_named_at_its_line_and_the_fixed_file_loads_again(content_copy):
    evil = content_copy / "courses" / "evil.yml"
    for text, message in [("id: evil\nname: &n x\nother: *n\n", "YAML anchors and aliases are not allowed"),
                          ("id: evil\n\nname: !secret x\n", "YAML tag !secret is not allowed")]:
        evil.write_text(text, encoding="utf-8")
        assert [(e.line, e.message) for e in errors_for(content_copy) if e.path.endswith("evil.yml")] \
            == [(2 if "&n" in text else 3, message)]
    evil.unlink()
    catalogue, _ = load_catalogue(content_copy)
    assert catalogue is not None


def test_a_place_with_an_unknown_county_names_file_line_and_place(content_copy):
    edit(content_copy / "places.yml", "  bergen: vestland", "  bergen: hordaland")
    [error] = errors_for(content_copy)
    assert error.path == "content/places.yml" and error.field == "places.bergen"
    assert error.line == (content_copy / "places.yml").read_text().splitlines().index("  bergen: hordaland") + 1
    assert "unknown county 'hordaland'" in error.message


def test_places_are_checked_against_their_schema(content_copy):
    edit(content_copy / "places.yml", "  bergen: vestland", "  bergen: [vestland]")
    [error] = errors_for(content_copy)
    assert error.path == "content/places.yml" and error.field == "places.bergen"


def test_missing_places_file_is_a_warning_not_an_outage(content_copy):
    (content_copy / "places.yml").unlink()
    catalogue, problems = load_catalogue(content_copy)
    assert catalogue is not None and catalogue.places == {}
    assert [(p.path, p.severity) for p in problems] == [("content/places.yml", "warning")]


def test_a_county_id_too_long_for_a_question_is_reported(content_copy):
    long_id = "nordre-" + "x" * 60
    edit(content_copy / "counties.yml", "  oslo: Oslo", f"  oslo: Oslo\n  {long_id}: Lang")
    errors = errors_for(content_copy)
    assert [(e.path, e.line, e.field) for e in errors] == [("content/counties.yml", 3, f"counties.{long_id}")]
