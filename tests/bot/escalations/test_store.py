"""The escalation store on SQLite and on the local PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Iterator

import pytest
import sqlalchemy as sa

from bot.accounts.users import add_user, authenticate
from bot.db import Database, utcnow
from bot.escalations import spool
from bot.escalations.store import (
    ClosedError,
    ConflictError,
    EscalationStore,
    QuestionLimitReached,
    escalations,
    new_reference,
)
from bot.escalations.values import UnstorableError
from tests.databases import migrated_sqlite, postgres_database


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this module, brought to the newest schema."""
    with postgres_database("store") as url:
        database = Database(url)
        database.upgrade()
        database.engine.dispose()
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = migrated_sqlite(tmp_path / "amo.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    store = EscalationStore(url, spool_dir=tmp_path / "spool")
    store.create_schema()
    yield store
    store.engine.dispose()


def sender() -> str:
    return f"s-{uuid.uuid4().hex[:8]}"


def test_question_is_stored_masked_with_a_reference(store):
    me = sender()
    record = store.record(me, "ar", "رقمي 01017012345 متى يبدأ الكورس؟")
    assert record.reference.startswith("K-") and len(record.reference) == 6
    assert "01017012345" not in store.get(record.reference).question
    assert [r.reference for r in store.list(sender_id=me)] == [record.reference]


def test_retried_request_creates_no_duplicate(store):
    me = sender()
    first = store.record(me, "nb", "Når starter kurset?", request_key=f"{me}:1")
    second = store.record(me, "nb", "Når starter kurset?", request_key=f"{me}:1")
    assert first.reference == second.reference
    assert len(store.list(sender_id=me)) == 1


def test_questions_per_day_are_limited_and_a_retry_still_gets_its_record(store):
    me = sender()
    first = store.record(me, "nb", "Første", request_key=f"{me}:1", daily_limit=2)
    store.record(me, "nb", "Andre", request_key=f"{me}:2", daily_limit=2)
    with pytest.raises(QuestionLimitReached) as refused:
        store.record(me, "nb", "Tredje", request_key=f"{me}:3", daily_limit=2)
    assert refused.value.count == 2
    assert store.record(me, "nb", "Første", request_key=f"{me}:1", daily_limit=2).reference == first.reference
    assert [r.question for r in store.list(sender_id=me)] == ["Første", "Andre"]
    store.record(sender(), "nb", "Noen andre", daily_limit=2)  # another participant is not affected
    with store.engine.begin() as conn:  # a day and an hour later, the two no longer count
        conn.execute(escalations.update().where(escalations.c.sender_id == me)
                     .values(created_at=utcnow() - dt.timedelta(hours=25)))
    assert store.record(me, "nb", "Tredje", daily_limit=2).question == "Tredje"


def test_two_caseworkers_cannot_overwrite_each_other(store):
    record = store.record(sender(), "nb", "Spørsmål")
    store.answer(record.reference, "Svar A", "a", expected_version=record.version)
    with pytest.raises(ConflictError):
        store.answer(record.reference, "Svar B", "b", expected_version=record.version)
    assert store.get(record.reference).answer == "Svar A"


def test_a_closed_question_takes_no_answer(store):
    record = store.record(sender(), "nb", "Spørsmål")
    store.close(record.reference)
    with pytest.raises(ClosedError):
        store.answer(record.reference, "Svar", "anna")
    closed = store.get(record.reference)
    with pytest.raises(ClosedError):  # a form read before the closing: still refused
        store.answer(record.reference, "Svar", "anna", expected_version=record.version)
    assert store.get(record.reference) == closed  # nothing changed
    assert closed.answer is None and closed.status == "closed"


def test_delete_for_sender_removes_only_theirs(store):
    me, other = sender(), sender()
    store.record(me, "nb", "a")
    store.record(other, "nb", "b")
    assert store.delete_for_sender(me) == 1
    assert store.list(sender_id=me) == [] and len(store.list(sender_id=other)) == 1


def test_users_have_hashed_passwords(store, password_params):
    name = f"cw-{uuid.uuid4().hex[:6]}"
    add_user(store, name, "correct horse battery", "caseworker", ["oslo"], password_params)
    assert authenticate(store, name, "wrong password!!", password_params) is None
    user = authenticate(store, name, "correct horse battery", password_params)
    assert user and user.offices == ["oslo"]
    with store.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT password_hash FROM users WHERE username=:u"), {"u": name}).scalar()
    assert "correct horse" not in stored


def test_assigning_keeps_the_version_so_open_answer_forms_stay_valid(store):
    record = store.record(sender(), "nb", "Spørsmål")
    assigned = store.assign(record.reference, "anna")
    assert assigned.assigned_to == "anna" and assigned.version == record.version
    store.answer(record.reference, "Svar", "anna", expected_version=record.version)
    with pytest.raises(KeyError):
        store.assign("K-NONE", "anna")


def test_a_database_of_an_older_version_gets_the_new_columns(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:  # the table as the first release made it
        conn.execute(sa.text(
            "CREATE TABLE escalations (id INTEGER PRIMARY KEY, reference VARCHAR(16) UNIQUE NOT NULL, "
            "sender_id VARCHAR(255) NOT NULL, channel VARCHAR(32) NOT NULL, language VARCHAR(8) NOT NULL, "
            "question TEXT NOT NULL, course VARCHAR(64), office VARCHAR(64), urgent BOOLEAN NOT NULL, "
            "status VARCHAR(16) NOT NULL, answer TEXT, answered_by VARCHAR(64), request_key VARCHAR(64) UNIQUE, "
            "version INTEGER NOT NULL, created_at DATETIME NOT NULL, answered_at DATETIME, closed_at DATETIME)"))
    store = EscalationStore(url)
    store.create_schema()
    record = store.record(sender(), "nb", "Spørsmål")
    assert store.assign(record.reference, "anna").assigned_to == "anna"


def test_migrations_bring_an_empty_database_to_the_newest_schema(tmp_path):
    from alembic.script import ScriptDirectory

    from bot.db import alembic_config, current
    from bot.tables import load_tables

    store = EscalationStore(f"sqlite:///{tmp_path / 'fresh.db'}")
    store.create_schema()
    store.create_schema()  # a second process starting finds the work done
    assert current(store.engine) == ScriptDirectory.from_config(alembic_config()).get_current_head()
    inspector = sa.inspect(store.engine)
    for table in load_tables().sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name


def test_reply_language_and_interpreter_are_kept(store):
    record = store.record(sender(), "ti", "ሕቶ", reply_language="en", interpreter=True)
    found = store.get(record.reference)
    assert found.reply_language == "en" and found.interpreter is True


def test_question_is_spooled_while_the_database_is_down_and_stored_once_later(tmp_path):
    spool_dir = tmp_path / "spool"
    down = EscalationStore("postgresql://postgres@127.0.0.1:9/amo", spool_dir=spool_dir)
    pending = down.record("s-down", "ar", "سؤالي 01017012345", request_key="s-down:1")
    assert pending.status == "pending" and pending.reference.startswith("K-")
    spooled = list(spool_dir.glob("*.json"))
    assert len(spooled) == 1 and "01017012345" not in spooled[0].read_text(encoding="utf-8")
    up = EscalationStore(f"sqlite:///{tmp_path / 'amo.db'}", spool_dir=spool_dir)
    up.create_schema()
    assert up.flush_spool() == 1
    assert up.flush_spool() == 0
    stored = up.list(sender_id="s-down")
    assert [r.reference for r in stored] == [pending.reference]
    assert list(spool_dir.glob("*.json")) == []


def test_conversation_context_is_stored_masked(store):
    record = store.record(sender(), "nb", "Spørsmål", context=[("participant", "ring meg på 912 34 567"),
                                                               ("bot", "Jeg kan ikke ringe.")])
    assert [(t.who, t.text) for t in store.get(record.reference).context] == [
        ("participant", "ring meg på [PHONE]"), ("bot", "Jeg kan ikke ringe.")]


def test_caseworker_answer_keeps_dates_and_phone_numbers_but_not_identity_numbers(store):
    record = store.record(sender(), "nb", "Når starter kurset?")
    store.answer(record.reference, "Kurset starter 12.03.2025 kl. 08.30-15.30. Ring 55 55 33 33. "
                 "Fødselsnummeret 01017012345 trenger vi ikke.", "cw")
    assert store.get(record.reference).answer == (
        "Kurset starter 12.03.2025 kl. 08.30-15.30. Ring 55 55 33 33. "
        "Fødselsnummeret [ID-NUMBER] trenger vi ikke.")


def test_delete_my_data_removes_questions_still_in_the_spool(tmp_path):
    spool_dir = tmp_path / "spool"
    down = EscalationStore("postgresql://postgres@127.0.0.1:9/amo", spool_dir=spool_dir)
    down.record("s-mine", "nb", "mitt spørsmål", request_key="s-mine:1")
    down.record("s-other", "nb", "et annet spørsmål", request_key="s-other:1")
    up = EscalationStore(f"sqlite:///{tmp_path / 'amo.db'}", spool_dir=spool_dir)
    up.create_schema()
    assert up.delete_for_sender("s-mine") == 1
    assert up.flush_spool() == 1  # only the other participant's question is stored later
    assert up.list(sender_id="s-mine") == [] and len(up.list(sender_id="s-other")) == 1


def test_questions_of_any_status_are_deleted_after_retention(store):
    import datetime as dt

    from bot.escalations.store import escalations

    me = sender()
    old_open = store.record(me, "nb", "gammel åpen")
    old_answered = store.record(me, "nb", "gammel besvart")
    store.answer(old_answered.reference, "svar", "cw")
    old_closed = store.record(me, "nb", "gammel lukket")
    store.close(old_closed.reference)
    recent = store.record(me, "nb", "ny")
    answered_late = store.record(me, "nb", "spurt for lenge siden, besvart nylig")
    store.answer(answered_late.reference, "svar", "cw")
    long_ago = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=200)
    with store.engine.begin() as conn:
        for record in (old_open, old_answered, old_closed):
            conn.execute(escalations.update().where(escalations.c.reference == record.reference)
                         .values(created_at=long_ago, answered_at=sa.case(
                             (escalations.c.answered_at.is_(None), None), else_=long_ago),
                             closed_at=sa.case((escalations.c.closed_at.is_(None), None), else_=long_ago)))
        conn.execute(escalations.update().where(escalations.c.reference == answered_late.reference)
                     .values(created_at=long_ago))
    assert store.purge_expired(180) == 3
    assert {r.reference for r in store.list(sender_id=me)} == {recent.reference, answered_late.reference}


def web_sender() -> str:
    return f"web-{uuid.uuid4().hex}"  # what the web chat page makes


def test_a_web_chat_question_is_stored_not_spooled(store):
    # sender id and message id together are 69 characters: the key is stored as a digest.
    me = web_sender()
    record = store.record(me, "nb", "Når starter kurset?", channel="web",
                          request_key=f"{me}:{uuid.uuid4().hex}")
    assert record.status == "open"
    assert [r.reference for r in store.list(sender_id=me)] == [record.reference]
    assert list((store.spool_dir).glob("*.json")) == []


def test_a_retried_question_with_a_long_key_is_stored_once(store):
    me = "r" * 128  # the longest sender id the REST channel lets in
    key = f"{me}:{uuid.uuid4().hex}"
    first = store.record(me, "uk", "Коли?", request_key=key)
    second = store.record(me, "uk", "Коли?", request_key=key)
    assert first.status == "open" and first.reference == second.reference
    assert len(store.list(sender_id=me)) == 1


@pytest.mark.parametrize("field,value", [
    ("sender_id", "s" * 256), ("sender_id", "nul\x00in the id"), ("channel", "c" * 33),
    ("office", "o" * 65), ("course", "x" * 65), ("language", "toolong12"),
])
def test_values_no_column_can_hold_are_refused_before_any_write(store, field, value):
    arguments = {"sender_id": sender(), "language": "nb", "question": "Spørsmål", field: value}
    before = len(store.list(limit=100_000))
    with pytest.raises(UnstorableError, match=field):
        store.record(**arguments)
    assert len(store.list(limit=100_000)) == before
    assert list(store.spool_dir.glob("*.json")) == []


def test_characters_no_database_can_keep_are_dropped_from_the_question(store):
    record = store.record(sender(), "nb", "hei\x00 der\ud800!", context=[("participant", "a\x00b")])
    assert record.status == "open"
    stored = store.get(record.reference)
    assert stored.question == "hei der!" and [(t.who, t.text) for t in stored.context] == [("participant", "ab")]


def test_a_database_error_other_than_unreachable_spools_the_question(tmp_path):
    # A database without the tables: PostgreSQL answers ProgrammingError, not OperationalError.
    with postgres_database("no_schema") as url:
        store = EscalationStore(url, spool_dir=tmp_path / "spool")
        me = web_sender()
        pending = store.record(me, "ar", "سؤالي 01017012345", channel="web", request_key=f"{me}:{'a' * 32}")
        assert pending.status == "pending" and pending.reference.startswith("K-")
        assert len(list((tmp_path / "spool").glob("*.json"))) == 1
        store.create_schema()
        assert store.flush_spool() == 1
        stored = store.list(sender_id=me)
        assert [r.reference for r in stored] == [pending.reference]
        assert "01017012345" not in stored[0].question
        store.engine.dispose()


def test_a_spooled_question_the_database_refuses_stays_and_does_not_block_the_others(store):
    refused = {"sender_id": sender(), "channel": "rest", "language": "nb", "question": "a",
               "course": None, "office": None, "urgent": False, "reply_language": "nb",
               "interpreter": False, "context": "[]", "status": None, "request_key": f"k1-{uuid.uuid4()}",
               "version": 1, "created_at": utcnow(), "reference": "K-ZZZ1"}
    good = {**refused, "sender_id": sender(), "request_key": f"k2-{uuid.uuid4()}", "status": "open",
            "reference": new_reference()}
    spool.write(store.spool_dir, refused)
    spool.write(store.spool_dir, good)
    fresh = store.record(sender(), "nb", "Nytt spørsmål")
    assert fresh.status == "open"  # not spooled behind the refused one
    assert [r.reference for r in store.list(sender_id=good["sender_id"])] == [good["reference"]]
    assert spool.backlog(store.spool_dir)[0] == 1  # the refused one waits, for the doctor to report

