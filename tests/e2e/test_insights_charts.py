"""The admins' insights page in real headless Chromium: the charts render and are screenshotted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.accounts.users import add_user, scrypt_params
from tests.bot.test_insights import seed_conversations
from tests.bot.web.server import start_web
from tests.conftest import ARTIFACTS
from tests.e2e.test_web import PASSWORD, browser  # noqa: F401  (the Chromium fixture)


def test_the_charts_render_in_chromium(browser, tmp_path: Path) -> None:  # noqa: F811
    with start_web(tmp_path / "var") as web:
        add_user(web.store, "root", PASSWORD, "admin", [], scrypt_params(web.settings))
        seed_conversations(f"sqlite:///{web.settings.var_dir / 'trackers.db'}", dt.datetime.now(dt.timezone.utc))
        web.store.record("web-a", "ar", "سؤال", channel="web", course="cleaning")
        page = browser.new_page(locale="nb-NO")
        page.goto(f"{web.url}/dashboard/login")
        page.fill("input[name=username]", "root")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.goto(f"{web.url}/dashboard/insights/?since=30")
        charts = page.locator("svg.chart")
        assert charts.count() == 4
        for index in range(4):
            box = charts.nth(index).bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 20
        bars = page.locator("svg.chart rect.bar")
        assert bars.count() >= 4 and bars.first.bounding_box()["width"] > 0
        assert page.locator("#total-messages").inner_text() == "8"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "dashboard-insights.png"), full_page=True)
        page.close()
