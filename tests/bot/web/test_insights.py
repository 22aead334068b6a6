"""The queue's gist and overdue marks, and the admins' insights page (figures, charts, CSV)."""

from __future__ import annotations

import datetime as dt

from bot.escalations.store import escalations
from tests.bot.test_insights import seed_conversations
from tests.bot.web.test_dashboard import logged_in


def _age(web, reference: str, days: int) -> None:
    with web.store.engine.begin() as conn:
        conn.execute(escalations.update().where(escalations.c.reference == reference)
                     .values(created_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)))


def test_the_queue_shows_the_gist_and_marks_overdue_questions_urgent_first(web):
    old = web.store.record("web-p-1", "ar", "كم من المال؟", channel="web", office="oslo", topic="allowance")
    fresh = web.store.record("web-p-2", "so", "Su'aal", channel="web", office="oslo",
                             topic="placement_problem", urgent=True)
    _age(web, old.reference, 10)
    anna = logged_in(web, "anna")
    page = anna.get("/dashboard/").text
    assert "Spør om: penger under kurset" in page and "svar på: arabisk" in page
    assert "Spør om: et problem på praksisplassen" in page and "haster" in page
    assert page.index(fresh.reference) < page.index(old.reference)  # urgent first
    assert "Over svarfristen på 3 virkedager: 1." in page
    only = anna.get("/dashboard/?overdue=yes").text
    assert old.reference in only and fresh.reference not in only
    detail = anna.get(f"/dashboard/e/{old.reference}").text
    assert "Forsinket: har ventet" in detail and "Deltakeren leser: arabisk" in detail


def test_insights_are_for_admins_only(web):
    anna = logged_in(web, "anna")
    assert anna.get("/dashboard/insights/").status == 403
    assert anna.get("/dashboard/insights/insights.csv").status == 403
    assert "Innsikt" not in anna.get("/dashboard/").text
    stranger = web.client()
    assert stranger.get("/dashboard/insights/").status == 303  # to the login page
    assert stranger.get("/dashboard/insights/insights.csv").status == 303


def test_an_admin_sees_the_figures_charts_and_csv(web):
    seed_conversations(f"sqlite:///{web.settings.var_dir / 'trackers.db'}", dt.datetime.now(dt.timezone.utc))
    web.store.record("web-a", "ar", "سؤال", channel="web", course="cleaning")
    root = logged_in(web, "root")
    page = root.get("/dashboard/insights/?since=30")
    assert page.status == 200
    assert '<dd id="total-conversations">2</dd>' in page.text and '<dd id="total-messages">8</dd>' in page.text
    assert page.text.count("<svg") == 4 and "Meldinger per språk" in page.text
    csv = root.get("/dashboard/insights/insights.csv?since=30")
    assert csv.status == 200 and csv.headers.get("Content-Type", "").startswith("text/csv")
    assert "language,ar,1,4,0.25" in csv.text
