"""Content check: everything a course admin must fix or know before publishing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import List, Optional

from bot.content.loader import ContentError, load_catalogue
from bot.content.model import Catalogue, as_of_date
from bot.ops.provenance import check_provenance

REQUIRED_PAGES = ("placement", "placement-problems", "money", "apply", "contact")
STALE_DAYS = 548  # 18 months


def _warn(path: str, field: str, message: str) -> ContentError:
    return ContentError(path, None, field, message, severity="warning")


def check_catalogue(catalogue: Catalogue, today: dt.date) -> List[ContentError]:
    problems: List[ContentError] = []
    for page_id in REQUIRED_PAGES:
        if page_id not in catalogue.pages:
            problems.append(ContentError("content/pages", None, page_id,
                                         f"page {page_id!r} is missing; the bot refers to it"))
    for course in catalogue.courses.values():
        for index, place in enumerate(course.places):
            for start in place.starts:
                if start < today.isoformat():
                    problems.append(_warn(course.source_file, f"places.{index}.starts",
                                          f"start date {start} is in the past"))
            if not any(s >= today.isoformat() for s in place.starts):
                problems.append(_warn(course.source_file, f"places.{index}.starts",
                                      f"no future start date in {place.place}"))
        for index, page_id in enumerate(course.see_also):
            if page_id not in catalogue.pages:
                problems.append(ContentError(course.source_file, None, f"prospects.see_also.{index}",
                                             f"page {page_id!r} does not exist in content/pages"))
        if (today - dt.date.fromisoformat(course.reviewed)).days > STALE_DAYS:
            problems.append(_warn(course.source_file, "reviewed",
                                  f"last reviewed {course.reviewed}, more than 18 months ago"))
    for path, field, figure in catalogue.all_figures():
        if figure.as_of is None:
            problems.append(_warn(path, field, f"figure {figure.value} has no confirmed year "
                                               "(the bot says so; confirm it when you can)"))
        elif (today - as_of_date(figure.as_of)).days > STALE_DAYS:
            problems.append(_warn(path, field, f"figure {figure.value} is from {figure.as_of}, "
                                               "more than 18 months old"))
    return problems + check_provenance(catalogue)


def check_translations(root: Path) -> List[ContentError]:
    from bot.i18n.catalogs import CONTENT
    from bot.language.supported import SUPPORTED
    from bot.ops.translations import extract_content, po_path, read_catalog

    problems = []
    template_ids = {m.id for m in extract_content(root) if m.id}
    for language in SUPPORTED:
        if language == "nb":
            continue
        path = po_path(root, language, CONTENT)
        if not path.is_file():
            problems.append(_warn(str(path.relative_to(root)), "", "no content translations yet"))
            continue
        catalog = read_catalog(path, language)
        done = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
        stale = {m.id for m in catalog if m.id and m.fuzzy}
        missing = template_ids - done - stale
        rel = str(path.relative_to(root))
        if stale & template_ids:
            problems.append(_warn(rel, "", f"{len(stale & template_ids)} stale translations "
                                           "(the Norwegian text changed); the bot shows the newer text instead"))
        if missing:
            problems.append(_warn(rel, "", f"{len(missing)} of {len(template_ids)} texts not translated "
                                           "(run `amo-bot translations update`, then translate)"))
    return problems


def check_review(root: Path) -> List[ContentError]:
    """Per language, the share of what participants read that nobody has checked."""
    from bot.ops.translations import status

    rows = [r for r in status(root) if r.domain in ("messages", "content")]
    found = []
    for language in dict.fromkeys(r.language for r in rows):
        mine = [r for r in rows if r.language == language]
        translated = sum(r.translated for r in mine)
        unchecked = sum(r.unreviewed for r in mine)
        if unchecked:
            share = round(100.0 * unchecked / translated, 1) if translated else 0.0
            found.append(ContentError(f"translations/{language}", None, "",
                                      f"{share:g}% of the texts ({unchecked} of {translated}) are machine "
                                      "translations not checked by a person", severity="info"))
    return found


def run_check(root: Path, today: Optional[dt.date] = None,
              translations: bool = True) -> List[ContentError]:
    """All problems: schema errors first (file and line), then warnings."""
    today = today or dt.date.today()
    catalogue, problems = load_catalogue(root / "content")
    if catalogue is None:
        return problems
    problems += check_catalogue(catalogue, today)
    if translations:
        problems += check_translations(root) + check_review(root)
    from bot.ops.training import generated_is_current

    if generated_is_current(root) is False:
        problems.append(_warn("nlu_data/nlu/generated/courses.yml", "",
                              "course names changed: a retrain is needed (`amo-bot train`)"))
    return problems
