"""The translation workflow: the dashboard's own domain, kept out of the participants' one."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.config import PROJECT_ROOT
from bot.escalations.canned import CANNED_ANSWERS
from bot.ops.translations import check, extract_dashboard, extract_messages, po_path
from bot.web.auth import WRONG_LOGIN


def ids(catalog) -> set:  # type: ignore[no-untyped-def]
    return {m.id for m in catalog if m.id}


def test_dashboard_strings_have_their_own_domain() -> None:
    dashboard = ids(extract_dashboard(PROJECT_ROOT))
    messages = ids(extract_messages(PROJECT_ROOT))
    # From Python (D_) and from templates (_()).
    assert WRONG_LOGIN in dashboard and "Assign to me" in dashboard and "Log in" in dashboard
    assert not dashboard & {WRONG_LOGIN, "Assign to me", "Resolve and close"} & messages
    # Prepared answers go to participants: they are in `messages`, in nine languages.
    assert set(CANNED_ANSWERS.values()) <= messages


def test_the_project_passes_the_gate() -> None:
    assert check(PROJECT_ROOT) == []


def test_dashboard_is_required_in_norwegian_only(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT / "translations", root / "translations")
    po_path(root, "nb", "dashboard").unlink()
    problems = check(root)
    assert problems and all("nb/LC_MESSAGES/dashboard.po" in p for p in problems)
    assert not (root / "translations" / "ar" / "LC_MESSAGES" / "dashboard.po").exists()
