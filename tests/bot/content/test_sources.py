"""Every number the bot can show comes from docs/domain-facts.md, with its source and year."""

from __future__ import annotations

import re
from typing import Iterator, Tuple

from bot.config import PROJECT_ROOT
from bot.content.loader import load_catalogue

FACTS = (PROJECT_ROOT / "docs" / "domain-facts.md").read_text(encoding="utf-8")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _plain(number: str) -> str:
    """'43,600' and '43600' alike; '2.52' stays a decimal."""
    return re.sub(r"(?<=\d),(?=\d{3}\b)", "", number)


FACT_NUMBERS = {_plain(n) for n in _NUMBER.findall(FACTS)}


def _numbers(text: str) -> Iterator[str]:
    text = re.sub(r"%\(\w+\)s", " ", text)
    for found in _NUMBER.findall(text):
        yield _plain(found)


def _shown_numbers() -> Iterator[Tuple[str, str, str]]:
    """(where, number, url of its source or '') for every number in the catalogue."""
    catalogue, problems = load_catalogue(PROJECT_ROOT / "content")
    assert catalogue is not None, problems
    for course in catalogue.courses.values():
        for field, text in course.texts():
            for number in _numbers(text):
                yield f"{course.id}: {field}", number, ""
        source = (course.schedule.source or {}).get("url", "")
        for name, value in course.schedule.known_values.items():
            if name == "theory_weeks" and str(value) not in FACT_NUMBERS:
                value += 1  # the facts say "placement from week 12": 11 weeks of theory first
            if value:
                yield f"{course.id}: schedule.{name}", str(value), source
        for figure in course.figures:
            yield f"{course.id}: figure", f"{figure.value:g}", figure.url
    for page in catalogue.pages.values():
        for field, text in page.texts():
            for number in _numbers(text):
                yield f"{page.id}: {field}", number, ""
        for section in page.sections:
            for figure in section.figures:
                yield f"{page.id}: {figure.name}", f"{figure.value:g}", figure.url


def test_every_number_in_the_catalogue_is_in_the_facts():
    missing = [(where, number) for where, number, _url in _shown_numbers() if number not in FACT_NUMBERS]
    assert not missing, missing


def test_every_sourced_number_names_a_source_of_the_facts():
    for where, number, url in _shown_numbers():
        if url:
            assert url in FACTS, (where, number, url)


def test_every_figure_carries_a_year_or_says_it_has_none():
    catalogue, _ = load_catalogue(PROJECT_ROOT / "content")
    assert catalogue is not None
    for course in catalogue.courses.values():
        for figure in course.figures:
            assert figure.year and str(figure.year) in FACTS, (course.id, figure.text)
    for page in catalogue.pages.values():
        for section in page.sections:
            for figure in section.figures:
                # An undated figure is shown with "the year ... is not confirmed".
                assert figure.year is None or str(figure.year) in FACTS, (page.id, figure.name)


def test_a_made_up_number_is_caught():
    assert "1234567" not in FACT_NUMBERS and "3000" in FACT_NUMBERS and "2.52" in FACT_NUMBERS
