"""The `amo-bot` commands, driven with click's CliRunner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.ops.cli import main


def test_content_check_passes_on_the_shipped_catalogue():
    result = CliRunner().invoke(main, ["content", "check", "--no-translations"])
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_content_check_fails_with_file_and_field(tmp_path, monkeypatch, content_copy):
    (content_copy / "courses" / "cleaning.yml").write_text("id: 5\n", encoding="utf-8")
    from bot.ops import cli

    monkeypatch.setattr(cli, "_settings", lambda: __import__("bot.config", fromlist=["x"]).load_settings(
        {"AMO_ROOT": str(content_copy.parent)}))
    result = CliRunner().invoke(main, ["content", "check", "--no-translations"])
    assert result.exit_code == 1
    assert "content/courses/cleaning.yml" in result.output


def test_translations_status_json_lists_every_language():
    result = CliRunner().invoke(main, ["translations", "status", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert {r["language"] for r in rows if r["domain"] == "messages"} == {
        "nb", "ar", "so", "ti", "uk", "ru", "pl", "lt", "fa"}
    assert all({"percent", "fuzzy", "reviewed", "unreviewed"} <= set(r) for r in rows)


def test_escalations_and_users(services):
    runner = CliRunner()
    assert json.loads(runner.invoke(main, ["escalations", "list", "--json"]).output) == []
    record = services.escalations.record("s1", "nb", "Når starter kurset?")
    listed = json.loads(runner.invoke(main, ["escalations", "list", "--json"]).output)
    assert [r["reference"] for r in listed] == [record.reference]
    answered = runner.invoke(main, ["escalations", "answer", record.reference, "11. januar"])
    assert answered.exit_code == 0
    assert services.escalations.get(record.reference).answer == "11. januar"
    missing = runner.invoke(main, ["escalations", "show", "K-XXXX"])
    assert missing.exit_code == 1 and "No escalation" in missing.output
    added = runner.invoke(main, ["users", "add", "kari", "--role", "caseworker", "--office", "oslo",
                                 "--password", "a long password"])
    assert added.exit_code == 0, added.output
    short = runner.invoke(main, ["users", "add", "per", "--role", "admin", "--password", "short"])
    assert short.exit_code == 1 and "at least 10" in short.output


def test_cli_reads_and_answers_are_audited_and_a_closed_question_is_refused(services):
    import getpass

    from bot.accounts import audit

    runner = CliRunner()
    record = services.escalations.record("s2", "nb", "Hvor er kurset?")
    assert runner.invoke(main, ["escalations", "list"]).exit_code == 0
    assert runner.invoke(main, ["escalations", "show", record.reference]).exit_code == 0
    assert runner.invoke(main, ["escalations", "answer", record.reference, "I Oslo.", "--by", "anna"]).exit_code == 0
    services.escalations.close(record.reference)
    refused = runner.invoke(main, ["escalations", "answer", record.reference, "Nytt svar"])
    assert refused.exit_code == 1 and "is closed and takes no answer" in refused.output
    assert services.escalations.get(record.reference).answer == "I Oslo."
    me = f"cli:{getpass.getuser()}"
    entries = [(e.username, e.action, e.reference) for e in reversed(audit.entries(services.escalations))]
    assert entries == [(me, "listed", ""), (me, "viewed", record.reference),
                       (me, "answered", record.reference), (me, "answer_refused", record.reference)]


def test_show_json_has_the_gist_and_list_overdue_finds_late_questions(services):
    import datetime as dt

    from bot.escalations.store import escalations

    late = services.escalations.record("s1", "ar", "سؤال", topic="allowance", office="oslo")
    fresh = services.escalations.record("s2", "nb", "Spørsmål")
    with services.escalations.engine.begin() as conn:
        conn.execute(escalations.update().where(escalations.c.reference == late.reference)
                     .values(created_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=10)))
    runner = CliRunner()
    shown = json.loads(runner.invoke(main, ["escalations", "show", late.reference, "--json"]).output)
    assert shown["gist"].startswith("Spør om: penger under kurset") and "svar på: arabisk" in shown["gist"]
    assert shown["overdue"] is True
    english = json.loads(runner.invoke(main, ["escalations", "show", late.reference, "--json", "--lang", "en"]).output)
    assert english["gist"].startswith("Asks about: money during the course")
    overdue = json.loads(runner.invoke(main, ["escalations", "list", "--overdue", "--json"]).output)
    assert [r["reference"] for r in overdue] == [late.reference]
    assert fresh.reference in runner.invoke(main, ["escalations", "list"]).output


def test_chat_talks_through_the_rasa_client_with_the_language_hint():
    from tests.bot.rasa_standin import FakeRasa, standin_rasa

    with standin_rasa() as url:
        result = CliRunner().invoke(main, ["chat", "--url", url, "-l", "uk", "--sender", "t-1"],
                                    input="Привіт\n\n")
    assert result.exit_code == 0, result.output
    assert "bot: hei" in result.output
    assert FakeRasa.received == [{"sender": "t-1", "message": "Привіт", "metadata": {"language": "uk"}}]


def test_chat_says_how_to_start_the_bot_when_it_is_not_running():
    from tests.conftest import free_port

    result = CliRunner().invoke(main, ["chat", "--url", f"http://127.0.0.1:{free_port()}"], input="hei\n")
    assert result.exit_code == 1 and "make run" in result.output


def test_names_too_long_to_store_get_a_clear_message(services):
    runner = CliRunner()
    record = services.escalations.record("s2", "nb", "Når?")
    answered = runner.invoke(main, ["escalations", "answer", record.reference, "Svar", "--by", "x" * 65])
    assert answered.exit_code == 1 and "answered_by must be text of at most 64" in answered.output
    assert services.escalations.get(record.reference).answer is None
    long_name = runner.invoke(main, ["users", "add", "k" * 65, "--role", "caseworker",
                                     "--password", "a long password"])
    assert long_name.exit_code == 1 and "1-64" in long_name.output
    long_office = runner.invoke(main, ["users", "add", "kari", "--role", "caseworker", "--office", "o" * 65,
                                       "--password", "a long password"])
    assert long_office.exit_code == 1 and "each office" in long_office.output
