"""The Rasa server's entry point adds the API token so that Rasa's own parser reads it whole."""

from __future__ import annotations

from rasa.__main__ import create_argument_parser

from bot.rasa.__main__ import with_token


def test_a_token_starting_with_a_dash_reaches_rasa_whole():
    arguments = with_token(["run", "--enable-api", "--port", "5005"], "-Xy_12-abc")
    parsed = create_argument_parser().parse_args(arguments)
    assert parsed.auth_token == "-Xy_12-abc"


def test_a_given_token_is_kept_and_a_run_without_the_api_needs_none():
    given = ["run", "--enable-api", "--auth-token=abc"]
    assert with_token(given, "other") == given
    assert with_token(["run"], "") == ["run"]
