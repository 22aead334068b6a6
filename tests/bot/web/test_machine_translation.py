"""Machine translation on the dashboard, both ways, through a local fake translation server."""

from __future__ import annotations

import html

from bot.escalations.canned import MT_LABEL
from bot.i18n.catalogs import get_translator
from tests.bot.fake_translate import fake_translate
from tests.bot.web.conftest import add_account
from tests.bot.web.server import web_app
from tests.bot.web.test_dashboard import logged_in


def test_question_and_answer_are_machine_translated_and_labelled(tmp_path):
    with fake_translate() as fake, web_app(tmp_path / "var", {"AMO_TRANSLATE_URL": fake.url}) as web:
        add_account(web.store, "anna", "caseworker", ["oslo"])
        record = web.store.record("web-1", "ar", "متى يبدأ الكورس؟ رقمي 01017012345", channel="web",
                                  office="oslo", reply_language="ar")
        anna = logged_in(web, "anna")
        page = anna.get(f"/dashboard/e/{record.reference}")
        assert "[nb] متى يبدأ الكورس؟" in html.unescape(page.text)
        assert all("01017012345" not in r["q"] for r in fake.requests)  # only masked text leaves
        sent = anna.post(f"/dashboard/e/{record.reference}/answer", {
            "csrf_token": page.csrf_token(), "answer": "Kurset starter i januar. Ring 22 33 44 55.",
            "version": str(record.version), "machine_translate": "1"})
        assert sent.status == 303
        answer = web.store.get(record.reference).answer
        label = get_translator(web.settings.translations_dir).gettext("ar", MT_LABEL)
        original, translated = answer.split(f"\n\n{label}\n")
        assert original.startswith("Kurset starter i januar.")
        assert translated.startswith("[ar] Kurset starter i januar.")
        assert fake.requests[-1]["source"] == "nb" and fake.requests[-1]["target"] == "ar"


def test_without_a_server_the_page_says_which_languages_the_participant_reads(web):
    record = web.store.record("web-2", "so", "Su'aal", channel="web", office="oslo", reply_language="so")
    page = logged_in(web, "anna").get(f"/dashboard/e/{record.reference}").text
    assert "Deltakeren leser: somali" in page
    assert "machine_translate" not in page and "question-mt" not in page


def test_a_translation_server_that_is_down_loses_nothing(tmp_path):
    with fake_translate() as fake, web_app(tmp_path / "var", {"AMO_TRANSLATE_URL": fake.url}) as web:
        add_account(web.store, "anna", "caseworker", ["oslo"])
        record = web.store.record("web-3", "ti", "ሕቶ", channel="web", office="oslo")
        fake.down = True
        anna = logged_in(web, "anna")
        page = anna.get(f"/dashboard/e/{record.reference}")
        assert page.status == 200 and "question-mt" not in page.text
        failed = anna.post(f"/dashboard/e/{record.reference}/answer", {
            "csrf_token": page.csrf_token(), "answer": "Svar", "version": str(record.version),
            "machine_translate": "1"})
        assert failed.status == 503 and "Maskinoversettelsestjenesten svarte ikke" in failed.text
        assert ">Svar</textarea>" in failed.text  # the draft is kept
        assert web.store.get(record.reference).answer is None
