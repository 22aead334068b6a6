"""Lookups fall back to English and are counted; broken translations cannot break a reply."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from bot.config import PROJECT_ROOT
from bot.i18n.catalogs import CONTENT, MESSAGES, Translator
from bot.ops.translations import check


def make_catalog(root: Path, language: str, domain: str, entries: dict) -> None:
    catalog = Catalog(locale=language, domain=domain)
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr)
    target = root / language / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    with (target / f"{domain}.mo").open("wb") as handle:
        write_mo(handle, catalog)


def test_translation_is_used_and_formatted(tmp_path):
    make_catalog(tmp_path, "pl", MESSAGES, {"Hello %(name)s": "Cześć %(name)s"})
    assert Translator(tmp_path).gettext("pl", "Hello %(name)s", name="Ola") == "Cześć Ola"


def test_plural_translation_is_used_in_the_right_form():
    translator = Translator(PROJECT_ROOT / "translations")
    singular = "A caseworker usually answers within %(n)s working day."
    plural = "A caseworker usually answers within %(n)s working days."
    assert translator.ngettext("ru", singular, plural, 1) == "Консультант обычно отвечает в течение 1 рабочего дня."
    assert translator.ngettext("ru", singular, plural, 3) == "Консультант обычно отвечает в течение 3 рабочих дней."
    assert translator.missing_report() == {}


def test_missing_translation_falls_back_to_english_and_is_counted(tmp_path):
    translator = Translator(tmp_path)
    assert translator.gettext("so", "Courses") == "Courses"
    assert translator.missing_report() == {"so": 1}


def test_placeholder_mismatch_falls_back_instead_of_crashing(tmp_path):
    make_catalog(tmp_path, "ru", MESSAGES, {"Reference %(reference)s": "Номер %(ref)s"})
    translator = Translator(tmp_path)
    assert translator.gettext("ru", "Reference %(reference)s", reference="K-7F3Q") == "Reference K-7F3Q"
    assert translator.missing_report() == {"ru": 1}


def test_content_falls_back_to_english_then_norwegian(tmp_path):
    make_catalog(tmp_path, "en", CONTENT, {"Renhold": "Cleaning"})
    translator = Translator(tmp_path)
    found = translator.lookup(CONTENT, "ti", "Renhold")
    assert found.text == "Cleaning" and found.missing and found.language == "en"
    assert translator.lookup(CONTENT, "ti", "Ukjent").text == "Ukjent"


def test_shipped_catalogs_have_every_required_string_and_matching_placeholders():
    problems = check(PROJECT_ROOT)
    assert problems == []


def make_plural_catalog(root: Path, language: str, singular: str, plural: str, forms: tuple) -> None:
    catalog = Catalog(locale=language, domain=MESSAGES)
    catalog.add((singular, plural), forms)
    target = root / language / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    with (target / f"{MESSAGES}.mo").open("wb") as handle:
        write_mo(handle, catalog)


def test_plural_texts_are_translated_with_the_languages_plural_rule(tmp_path):
    singular, plural = "Deleted %(n)s question.", "Deleted %(n)s questions."
    make_plural_catalog(tmp_path, "pl", singular, plural,
                        ("Usunięto %(n)s pytanie.", "Usunięto %(n)s pytania.", "Usunięto %(n)s pytań."))
    translator = Translator(tmp_path)
    assert translator.ngettext("pl", singular, plural, 1) == "Usunięto 1 pytanie."
    assert translator.ngettext("pl", singular, plural, 3) == "Usunięto 3 pytania."
    assert translator.ngettext("pl", singular, plural, 5) == "Usunięto 5 pytań."
    assert translator.missing_report() == {}


def test_shipped_plural_texts_are_translated_in_every_language():
    translator = Translator(PROJECT_ROOT / "translations")
    singular = "A caseworker usually answers within %(n)s working day."
    plural = "A caseworker usually answers within %(n)s working days."
    english = translator.ngettext("en", singular, plural, 3)
    for language in ("nb", "ar", "so", "ti", "uk", "ru", "pl", "lt", "fa"):
        text = translator.ngettext(language, singular, plural, 3)
        assert text != english and "3" in text, language
    assert translator.missing_report() == {}
