from bot.ops.doctor import _database_check


def test_sqlite_file_that_does_not_exist_yet_is_fine_and_not_created(tmp_path) -> None:
    target = tmp_path / "var" / "amo.db"
    check = _database_check(f"sqlite:///{target}")
    assert check.status == "ok" and "created at the first start" in check.detail
    assert not target.parent.exists()


def test_existing_sqlite_file_is_opened(tmp_path) -> None:
    import sqlite3

    target = tmp_path / "amo.db"
    sqlite3.connect(target).close()
    assert _database_check(f"sqlite:///{target}").status == "ok"


def test_unreachable_server_fails_with_a_hint() -> None:
    check = _database_check("postgresql://postgres@127.0.0.1:1/postgres")
    assert check.status == "fail" and check.hint == "check AMO_DATABASE_URL"


def test_rasa_check_asks_with_the_token_and_says_when_it_is_refused(tmp_path) -> None:
    from urllib.parse import urlsplit

    from bot.config import load_settings
    from bot.ops.doctor import _rasa_check
    from tests.bot.rasa_standin import TOKEN, standin_rasa
    from tests.conftest import free_port

    with standin_rasa() as url:
        port = str(urlsplit(url).port)
        assert _rasa_check(load_settings({"AMO_RASA_PORT": port, "AMO_RASA_TOKEN": TOKEN})).status == "ok"
        refused = _rasa_check(load_settings({"AMO_RASA_PORT": port, "AMO_RASA_TOKEN": "old-token"}))
        assert refused.status == "fail" and "AMO_RASA_TOKEN" in refused.hint
    down = _rasa_check(load_settings({"AMO_RASA_PORT": str(free_port()), "AMO_VAR_DIR": str(tmp_path)}))
    assert down.status == "warn" and down.hint == "make run"


def _spool_question(folder, asked) -> None:  # type: ignore[no-untyped-def]
    from bot.escalations import spool

    spool.write(folder, {"created_at": asked, "reference": "K-TEST", "question": "[masked]"})


def test_an_empty_spool_is_fine(tmp_path) -> None:
    from bot.ops.doctor import _spool_check

    assert _spool_check(tmp_path / "spool").status == "ok"


def test_a_spool_that_is_not_draining_fails(tmp_path) -> None:
    import datetime as dt

    from bot.ops.doctor import _spool_check

    now = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.timezone.utc)
    _spool_question(tmp_path / "spool", now - dt.timedelta(seconds=20))
    recent = _spool_check(tmp_path / "spool", now)
    assert recent.status == "warn" and recent.detail.startswith("1 waiting")
    _spool_question(tmp_path / "spool", now - dt.timedelta(minutes=42))
    stale = _spool_check(tmp_path / "spool", now)
    assert stale.status == "fail" and stale.detail.startswith("2 waiting")
    assert "42 min" in stale.detail and "not draining" in stale.detail
