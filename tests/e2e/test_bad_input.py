"""Property-based bad input over the REST channel: never a 500, and the server stays up."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.model

NASTY_TEXT = st.one_of(
    st.just(""), st.just("   \n\t "), st.just("x" * 100_000), st.just("😀🎉🙏" * 50),
    st.just("\u202eabc\u202c\u2066def\u2069"), st.just("\x00\x01\x1b[31mred"),
    st.just("Привіт مرحبا ሰላም hei"), st.text(max_size=300),
)
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                           lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
                           max_leaves=8)
BODIES = st.one_of(
    st.builds(lambda s, m: {"sender": s, "message": m}, st.text(min_size=1, max_size=40), NASTY_TEXT),
    st.builds(lambda s, m, md: {"sender": s, "message": m, "metadata": md},
              st.text(min_size=1, max_size=40), NASTY_TEXT, JSON_VALUES),
    st.dictionaries(st.sampled_from(["sender", "message", "metadata", "other"]), JSON_VALUES, max_size=4),
    JSON_VALUES,
)


def post_raw(url: str, data: bytes) -> int:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            json.loads(response.read())
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=BODIES)
def test_any_json_body_gets_a_reply_or_a_clear_400(bot, body):
    status = post_raw(f"{bot.url}/webhooks/rest/webhook", json.dumps(body).encode())
    # 403: a sender id of one of our channels without the token (bot/rasa/rest.py).
    assert status in (200, 400, 403)


@pytest.mark.parametrize("raw", [b"\xff\xfe\x00", b"{", b"[1,2", b'"just a string"', b"1e999"])
def test_broken_bytes_get_a_400(bot, raw):
    assert post_raw(f"{bot.url}/webhooks/rest/webhook", raw) == 400


def test_server_is_still_up_afterwards(bot):
    assert bot.api.status()["model_file"]
