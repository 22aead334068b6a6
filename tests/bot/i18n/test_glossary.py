"""The glossary keeps one word per concept in each language, and `translations check` enforces it."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.config import PROJECT_ROOT
from bot.i18n.glossary import glossary_problems, load_glossary
from bot.ops.translations import check


def test_the_shipped_catalogs_follow_the_glossary() -> None:
    problems = [p for p in check(PROJECT_ROOT) if "glossary" in p]
    assert not problems, problems[:5]


def test_a_second_word_for_caseworker_is_caught() -> None:
    terms = load_glossary(PROJECT_ROOT)
    concepts = {t.concept for t in terms}
    assert {"caseworker", "course provider", "work placement", "tiltakspenger", "meldekort",
            "appeal"} <= concepts
    good = [("Talk to a caseworker", "تحدث مع مرشد")]
    assert not glossary_problems(terms, "messages", "ar", good)
    other_word = [("Talk to a caseworker", "تحدث مع مستشار")]
    found = glossary_problems(terms, "messages", "ar", other_word)
    assert any("must be" in p for p in found) and any("is not مستشار" in p for p in found)
    spelling = [("Courses", "ኮርስታት")]
    assert glossary_problems(terms, "messages", "ti", spelling)
    # A Norwegian "veileder" that is a driving instructor is not the caseworker.
    instructor = [("Kjøring med veileder", "Driving with an instructor")]
    assert not glossary_problems(terms, "content", "en", instructor)


def test_translations_check_fails_on_a_glossary_break(tmp_path: Path) -> None:
    root = tmp_path
    shutil.copytree(PROJECT_ROOT / "translations", root / "translations")
    po = root / "translations" / "ar" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "تحدث مع مرشد"' in text
    po.write_text(text.replace('msgstr "تحدث مع مرشد"', 'msgstr "تحدث مع مستشار"'), encoding="utf-8")
    problems = check(root)
    assert any("glossary" in p and "ar/LC_MESSAGES/messages.po" in p for p in problems)
