"""The generated NLU file names every course in every language it is translated into."""

from __future__ import annotations

from pathlib import Path

from bot.config import PROJECT_ROOT
from bot.content.loader import load_catalogue
from bot.ops.training import course_synonyms_yaml, generated_is_current, translated_names

CATALOGUE, _ = load_catalogue(PROJECT_ROOT / "content")


def test_translated_course_names_come_from_the_po_files():
    names = translated_names(PROJECT_ROOT / "translations", CATALOGUE)
    assert {"Shop and sales", "Магазин і продажі", "Sklep i sprzedaż"} <= set(names["retail"])
    assert set(names) == set(CATALOGUE.courses)


def test_a_fuzzy_or_empty_translation_is_no_name(tmp_path: Path):
    folder = tmp_path / "pl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "content.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\nmsgid "Renhold"\nmsgstr "Sprzątanie biur"\n\n'
        'msgid "Butikk og salg"\nmsgstr ""\n\n'
        'msgid "Lager og truck"\nmsgstr "Magazyn"\n', encoding="utf-8")
    assert translated_names(tmp_path, CATALOGUE) == {"warehouse-forklift": ["Magazyn"]}
    generated = course_synonyms_yaml(CATALOGUE, {"warehouse-forklift": ["Magazyn"]})
    assert "      - Magazyn\n" in generated.split("- synonym: warehouse-forklift")[1].split("- synonym:")[0]


def test_the_committed_file_is_current():
    assert generated_is_current(PROJECT_ROOT) is True
