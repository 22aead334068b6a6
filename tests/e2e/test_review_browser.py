"""A reviewer approves a corrected Tigrinya text in the dashboard, in real Chromium, and the
running bot answers with it within seconds; `translations status` counts it as reviewed."""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.i18n import review
from bot.ops.translations import compile_all, status
from bot.services import Services
from tests.bot.web.conftest import PASSWORD, add_account
from tests.conftest import ARTIFACTS, start_bot
from tests.e2e.test_web import browser  # noqa: F401  (the Chromium fixture)

pytestmark = pytest.mark.model

MSGID = "You have no questions waiting for a caseworker."
EDITED = "ንሰራሕተኛ ጉዳይ ዝጽበ ሕቶ የብልካን። (ተመርሚሩ)"


def _unreviewed(root: Path) -> int:
    return next(s.unreviewed for s in status(root) if s.language == "ti" and s.domain == "messages")


def test_an_approved_tigrinya_correction_is_served_by_the_running_bot(browser, tmp_path):  # noqa: F811
    root = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT / "translations", root / "translations")
    compile_all(root)
    assert MSGID in {e.msgid for e in review.entries(root / "translations", "ti")}
    before = _unreviewed(root)
    with start_bot(tmp_path / "bot", "review-servers.log",
                   {"AMO_TRANSLATIONS_DIR": str(root / "translations")}) as bot:
        add_account(Services(bot.settings).escalations, "ruth", "reviewer", ["ti"])
        page = browser.new_page(locale="nb-NO")
        page.goto(f"{bot.settings.web_url}/dashboard/login")
        page.fill("input[name=username]", "ruth")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.goto(f"{bot.settings.web_url}/dashboard/translations/?lang=ti")
        form = page.locator("form.review-entry", has=page.locator(f'input[name=msgid][value="{MSGID}"]'))
        assert form.count() == 1
        form.locator("textarea").fill(EDITED)
        form.locator("button[type=submit]").click()
        page.wait_for_selector("p.notice")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "dashboard-review.png"), full_page=True)
        page.close()
        assert _unreviewed(root) == before - 1

        sender = f"ti-{uuid.uuid4().hex[:8]}"
        bot.say(sender, '/choose_language{"language":"ti"}')
        deadline = time.monotonic() + 15
        text = ""
        while time.monotonic() < deadline:
            text = "\n".join(r.get("text") or "" for r in bot.say(sender, "/escalation_status"))
            if EDITED in text:
                break
            time.sleep(1)
        assert EDITED in text
