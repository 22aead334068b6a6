"""Nothing raw on disk: identity numbers typed in many spellings, in conversations and
through the question form, are found in no file the running bot writes (SQLite WAL,
logs and spool included), in either profile; in the production profile, in no row of
any PostgreSQL table and no Redis key either."""

from __future__ import annotations

import re
import time
import unicodedata
import uuid
from pathlib import Path
from typing import Dict, List

import pytest

from bench.masking_set import ID_SPELLINGS, identity_numbers
from bot.config import PROJECT_ROOT
from bot.escalations.store import EscalationStore
from bot.i18n.catalogs import get_translator
from tests.conftest import TEST_REDIS, RunningBot

pytestmark = pytest.mark.model

T = get_translator(PROJECT_ROOT / "translations")
# The question form's first question (utter_ask_escalation_question).
ASK_QUESTION = ("Write your question in your own words and language. Please do not write your national identity "
                "number; I remove such numbers, phone numbers and e-mail addresses before storing.")
MASKED_NOTICE = "I removed personal numbers or contact details from your question before storing it."
# Spellings sent as ordinary messages, each with its own number (at least ten, as the issue asks).
SPELLINGS = ["no-break space", "thin space", "narrow no-break space", "en dash", "spaced dash", "slash",
             "dots", "LRM inside", "LRM between digits", "Arabic-Indic digits", "Persian digits",
             "Persian en dash", "fullwidth digits", "in Arabic", "in Somali", "in Somali, en dash",
             "in Persian", "in Norwegian", "plain", "zero-width space"]
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ESCAPED = re.compile(r"\\u([0-9a-fA-F]{4})")


def database_text(url: str) -> bytes:
    """Every row of every table of a PostgreSQL database, as text."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            tables = conn.execute(sa.text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars()
            rows = [row for table in list(tables)
                    for row in conn.execute(sa.text(f'SELECT t::text FROM "{table}" t')).scalars()]
    finally:
        engine.dispose()
    return "\n".join(rows).encode("utf-8")


def redis_text(url: str) -> bytes:
    """Every key and string value of the lock store's Redis database."""
    import redis

    client = redis.Redis.from_url(url)
    parts = []
    for key in client.scan_iter():
        parts.append(key)
        if client.type(key) == b"string":
            parts.append(client.get(key) or b"")
    return b"\n".join(parts)


def readable(data: bytes) -> str:
    """A file's bytes as text a reader could search: JSON escapes undone, digits folded,
    invisible marks dropped (so an Arabic-Indic number stored as \\u0660... is found)."""
    text = data.decode("utf-8", errors="replace")
    text = ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
    return "".join(str(unicodedata.decimal(c)) if unicodedata.category(c) == "Nd" else c
                   for c in text if unicodedata.category(c) != "Cf")


def raw_hits(folder: Path, numbers: List[str], stores: Dict[str, bytes] | None = None) -> Dict[str, List[str]]:
    """Which numbers can be read in which files (and `stores`' contents): the 11 digits
    with at most three separator characters between any two of them."""
    patterns = {n: re.compile(r"[^0-9A-Za-z]{0,3}".join(n)) for n in numbers}
    places = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    hits: Dict[str, List[str]] = {}
    for place, data in {**places, **(stores or {})}.items():
        text = readable(data)
        for number, pattern in patterns.items():
            if pattern.search(text):
                hits.setdefault(place, []).append(number)
    return hits


def text_of(replies: List[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def stores_of(bot: RunningBot) -> Dict[str, bytes]:
    """The profile's stores outside the folder: PostgreSQL's rows and Redis's keys."""
    if bot.profile != "production":
        return {}
    return {"PostgreSQL": database_text(bot.env["AMO_DATABASE_URL"]), "Redis": redis_text(TEST_REDIS)}


def test_no_raw_identity_number_in_any_file_or_database(bot):
    base = bot.settings.var_dir.parent
    numbers = identity_numbers(len(SPELLINGS) + 3, seed=1405)
    run = uuid.uuid4().hex[:8]
    for i, (spelling, number) in enumerate(zip(SPELLINGS, numbers, strict=False)):
        sender = ("web-" if i % 3 == 0 else "telegram-" if i % 3 == 1 else "rest-") + f"{run}{i}"
        if sender.startswith("telegram-"):
            sender = f"telegram-{int(run, 16) % 10 ** 8}{i}"
        bot.say(sender, "hei")
        bot.say(sender, ID_SPELLINGS[spelling](number))

    # The question form: earlier turns (the caseworker's context) and the question itself.
    me = f"web-{run}form"
    form_numbers = numbers[len(SPELLINGS):]
    bot.say(me, "hei")
    given = text_of(bot.say(me, f"Mitt fødselsnummer er {form_numbers[0][:6]}\u2009{form_numbers[0][6:]}"))
    # A number given alone may be read as wanting a caseworker, which opens the form.
    if T.gettext("nb", ASK_QUESTION) not in given:
        bot.say(me, "jeg vil snakke med veilederen min")
    question = (f"سؤالي: رقمي {form_numbers[1][:6]}\u2013{form_numbers[1][6:]}".translate(PERSIAN)
                + f" iyo lambarkayga {form_numbers[2][:6]}\u00a0{form_numbers[2][6:]}")
    replies = text_of(bot.say(me, question))
    # The participant is told, in whichever language the conversation is in now.
    assert any(T.gettext(lang, MASKED_NOTICE) in replies for lang in ("nb", "ar", "so")), replies
    bot.say(me, "Bergen")
    bot.say(me, "nb")
    bot.say(me, "/affirm")
    done = text_of(bot.say(me, "/affirm"))
    reference = re.search(r"K-[0-9A-Z]{4}", done)
    assert reference, done
    record = EscalationStore(bot.settings.effective_database_url).get(reference.group(0))
    assert record is not None and record.question.count("[ID-NUMBER]") == 2, record
    assert any("[ID-NUMBER]" in turn.text for turn in record.context), record.context

    var = bot.settings.var_dir
    if bot.profile == "default":
        assert (var / "trackers.db").exists() and (var / "amo.db").exists()
    time.sleep(1)  # let the last turn's writes land
    stores = stores_of(bot)
    assert bot.profile == "default" or me.encode() in stores["PostgreSQL"]  # the search reads the rows
    assert raw_hits(base, numbers, stores) == {}
    # The test can fail: the same search finds a number written raw.
    (var / "probe.txt").write_text(ID_SPELLINGS["Persian en dash"](numbers[0]), encoding="utf-8")
    assert raw_hits(var, numbers[:1]) == {"probe.txt": [numbers[0]]}
    (var / "probe.txt").unlink()
