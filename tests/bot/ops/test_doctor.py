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
