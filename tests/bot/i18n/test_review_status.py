"""Review status: machine drafts are told apart from texts a person has checked."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.config import PROJECT_ROOT
from bot.i18n.review_status import is_unreviewed, review_status

MSGID = "Talk to a caseworker"


def copy_catalogs(tmp_path: Path) -> Path:
    target = tmp_path / "translations"
    shutil.copytree(PROJECT_ROOT / "translations", target)
    return target


def test_a_machine_draft_is_unreviewed_until_the_flag_is_removed(tmp_path: Path) -> None:
    directory = copy_catalogs(tmp_path)
    assert is_unreviewed(directory, "ar", "messages", MSGID)
    po = directory / "ar" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    entry = text.index(f'msgid "{MSGID}"')
    flag = text.rindex("#, unreviewed", 0, entry)
    po.write_text(text[:flag] + "#, reviewed-by-person" + text[flag + len("#, unreviewed"):], encoding="utf-8")
    assert not is_unreviewed(directory, "ar", "messages", MSGID)
    status = review_status(directory, "ar", "messages")
    assert MSGID in status.translated and 0 < status.unreviewed_share < 1


def test_the_source_language_is_never_unreviewed() -> None:
    assert not is_unreviewed(PROJECT_ROOT / "translations", "en", "messages", MSGID)
