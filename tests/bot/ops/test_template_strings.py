"""Extraction of `_()` calls from the dashboard's Jinja2 templates."""

from __future__ import annotations

import io
import logging

import pytest

from bot.ops.template_strings import extract_template_calls


def extract(source: str) -> list:
    return list(extract_template_calls(io.BytesIO(source.encode()), {"_": None}, (), {}))


def test_literals_with_placeholders_and_lines() -> None:
    found = extract('<h1>{{ _("Questions") }}</h1>\n'
                    "{# TRANSLATORS: a count #}\n"
                    "<p>{{ _('Found: %(count)s', count=n) }}</p>\n"
                    '{{ x._("not ours") }}{{ my_("nor this") }}')
    assert [(line, message) for line, _f, message, _c in found] == [
        (1, "Questions"), (3, "Found: %(count)s")]
    assert found[1][3] == ["a count"]


def test_a_call_without_a_literal_is_reported(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR):
        assert extract("{{ _(message) }}") == []
    assert "not extracted" in caplog.text
