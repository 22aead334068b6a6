"""Values as every database can keep them."""

from __future__ import annotations

from bot.escalations.values import request_digest, storable


def test_a_request_key_is_stored_in_64_characters_whatever_its_length() -> None:
    web = f"web-{'a' * 32}:{'b' * 32}"  # 69 characters: PostgreSQL's varchar(64) refused it
    assert len(request_digest(web)) == 64 == len(request_digest("k"))
    assert request_digest(web) != request_digest(web + "x")
    assert request_digest(request_digest(web)) == request_digest(web)  # spooled rows of any age


def test_nul_and_lone_surrogates_are_dropped_and_the_rest_kept() -> None:
    assert storable("Привіт\x00 مرحبا \ud83d😀") == "Привіт مرحبا 😀"
