"""`content check` warns about what goes stale: past dates, old figures, missing translations."""

from __future__ import annotations

import datetime as dt

from bot.content.loader import load_catalogue
from bot.ops.publish import check_catalogue


def test_past_dates_and_old_figures_are_warned(content_copy):
    catalogue, _ = load_catalogue(content_copy)
    problems = check_catalogue(catalogue, today=dt.date(2029, 1, 1))
    messages = [p.message for p in problems]
    assert any("is in the past" in m for m in messages)
    assert any("more than 18 months old" in m for m in messages)
    assert all(p.severity in ("warning", "info") for p in problems)


def test_fresh_catalogue_has_no_date_warnings(content_copy):
    catalogue, _ = load_catalogue(content_copy)
    problems = check_catalogue(catalogue, today=dt.date(2026, 11, 27))
    assert not any("is in the past" in p.message for p in problems)


def test_missing_required_page_is_an_error(content_copy):
    (content_copy / "pages" / "money.yml").unlink()
    catalogue, _ = load_catalogue(content_copy)
    problems = check_catalogue(catalogue, today=dt.date(2026, 11, 27))
    assert any(p.severity == "error" and "money" in p.message for p in problems)


def test_see_also_must_name_an_existing_page(content_copy):
    catalogue, _ = load_catalogue(content_copy)
    assert all("see_also" not in p.field for p in check_catalogue(catalogue, today=dt.date(2026, 11, 27)))
    assert catalogue.courses["care-assistant"].see_also == ("care-certificate",)
    (content_copy / "pages" / "care-certificate.yml").unlink()
    catalogue, _ = load_catalogue(content_copy)
    problems = check_catalogue(catalogue, today=dt.date(2026, 11, 27))
    assert any(p.severity == "error" and p.field == "prospects.see_also.0"
               and "care-certificate" in p.message for p in problems)
