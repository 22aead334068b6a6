"""Translation review: an approved entry loses its flag, is compiled, and is served at once."""

from __future__ import annotations

import shutil

import pytest
from babel.messages.pofile import read_po

from bot.config import PROJECT_ROOT
from bot.i18n import review
from bot.i18n.catalogs import Translator
from bot.ops.translations import compile_all


@pytest.fixture
def translations(tmp_path):
    shutil.copytree(PROJECT_ROOT / "translations", tmp_path / "translations")
    compile_all(tmp_path)
    return tmp_path / "translations"


def test_approving_an_edited_tigrinya_entry_is_served_without_a_restart(translations, monkeypatch):
    monkeypatch.setattr("bot.i18n.catalogs.RECHECK_SECONDS", 0.0)
    translator = Translator(translations)
    entry = next(e for e in review.entries(translations, "ti") if e.domain == "messages" and "%(" not in e.msgid)
    assert entry.unreviewed and translator.gettext("ti", entry.msgid) == entry.text
    review.approve(translations, "messages", "ti", entry.msgid, "ዝተመርመረ ጽሑፍ")
    assert translator.gettext("ti", entry.msgid) == "ዝተመርመረ ጽሑፍ"
    with (translations / "ti" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        message = read_po(handle).get(entry.msgid)
    assert message.string == "ዝተመርመረ ጽሑፍ" and "unreviewed" not in message.flags
    assert entry.msgid not in {e.msgid for e in review.entries(translations, "ti")}


def test_placeholders_must_stay_and_empty_text_is_refused(translations):
    entry = next(e for e in review.entries(translations, "so") if "%(" in e.msgid and not e.plural)
    with pytest.raises(review.ReviewError, match="placeholders"):
        review.approve(translations, "messages", "so", entry.msgid, "qoraal aan lahayn meel-hayeyaal")
    with pytest.raises(review.ReviewError):
        review.approve(translations, "messages", "so", entry.msgid, "   ")
    with pytest.raises(review.ReviewError):
        review.approve(translations, "secrets", "so", entry.msgid, "x")


def test_entries_show_the_glossary_words_of_their_language(translations):
    entries = review.entries(translations, "ar")
    with_caseworker = [e for e in entries if "caseworker" in e.msgid.lower() and e.domain == "messages"]
    assert with_caseworker
    assert all(("caseworker", ("مرشد",)) in e.terms for e in with_caseworker)
