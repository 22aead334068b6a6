"""The learning loop on the dashboard: who may label, publish and review, and who may not."""

from __future__ import annotations

import html
import shutil

from bot.accounts import audit
from bot.config import PROJECT_ROOT
from bot.i18n import review
from bot.learning import inbox
from bot.ops.translations import compile_all
from tests.bot.web.conftest import add_account
from tests.bot.web.server import web_app
from tests.bot.web.test_dashboard import logged_in


def test_only_trainers_and_admins_see_and_label_the_inbox(tmp_path):
    shutil.copytree(PROJECT_ROOT / "nlu_data", tmp_path / "nlu_data")
    with web_app(tmp_path / "var", {"AMO_ROOT": str(tmp_path), "AMO_TRANSLATIONS_DIR": str(PROJECT_ROOT / "translations"),
                                    "AMO_CONTENT_DIR": str(PROJECT_ROOT / "content")}) as web:
        add_account(web.store, "anna", "caseworker", ["oslo"])
        add_account(web.store, "tina", "trainer", [])
        item = inbox.record(web.services.database, "waxaan rabaa lacag 91234567", "so", "web", "fallback", "greet", 0.2)
        anna = logged_in(web, "anna")
        assert anna.get("/dashboard/inbox/").status == 403
        token = anna.get("/dashboard/").csrf_token()
        assert anna.post(f"/dashboard/inbox/{item}/label", {"csrf_token": token, "intent": "allowance"}).status == 403
        assert web.client().get("/dashboard/inbox/").status == 303  # a stranger goes to the login page
        tina = logged_in(web, "tina")
        page = tina.get("/dashboard/inbox/")
        assert page.status == 200 and "waxaan rabaa lacag [PHONE]" in html.unescape(page.text)
        assert 'action="/dashboard/inbox/publish"' not in page.text  # admins only
        saved = tina.post(f"/dashboard/inbox/{item}/label", {"csrf_token": page.csrf_token(), "intent": "allowance"})
        assert saved.status == 303 and "notice=labelled" in saved.location
        assert "- waxaan rabaa lacag [PHONE]" in (tmp_path / "nlu_data" / "nlu" / "so" / "reviewed.yml").read_text()
        assert tina.post("/dashboard/inbox/publish", {"csrf_token": page.csrf_token()}).status == 403
        assert ("tina", "labelled") in [(e.username, e.action) for e in audit.entries(web.services.database)]


def test_a_reviewer_reviews_only_their_languages(tmp_path):
    shutil.copytree(PROJECT_ROOT / "translations", tmp_path / "translations")
    compile_all(tmp_path)
    with web_app(tmp_path / "var", {"AMO_TRANSLATIONS_DIR": str(tmp_path / "translations")}) as web:
        add_account(web.store, "ruth", "reviewer", ["ti"])
        add_account(web.store, "anna", "caseworker", ["oslo"])
        assert logged_in(web, "anna").get("/dashboard/translations/").status == 403
        ruth = logged_in(web, "ruth")
        page = ruth.get("/dashboard/translations/")
        assert page.status == 200 and 'lang="ti"' in page.text
        entry = next(e for e in review.entries(tmp_path / "translations", "ti") if "%(" not in e.msgid)
        other = next(e for e in review.entries(tmp_path / "translations", "so") if "%(" not in e.msgid)
        refused = ruth.post("/dashboard/translations/approve", {
            "csrf_token": page.csrf_token(), "language": "so", "domain": other.domain, "msgid": other.msgid,
            "text": "beddel"})
        assert refused.status == 403
        saved = ruth.post("/dashboard/translations/approve", {
            "csrf_token": page.csrf_token(), "language": "ti", "domain": entry.domain, "msgid": entry.msgid,
            "text": entry.text})
        assert saved.status == 303 and "notice=approved" in saved.location
        assert entry.msgid not in {e.msgid for e in review.entries(tmp_path / "translations", "ti")}
        assert other.msgid in {e.msgid for e in review.entries(tmp_path / "translations", "so")}
