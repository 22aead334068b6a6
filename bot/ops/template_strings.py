"""Extraction of `_("...")` calls from Jinja2 templates, for Babel's extract_from_dir.

Babel's own Jinja2 extractor is not installed with our dependencies. The dashboard's
templates only ever call `_()` with one literal string (and keyword placeholders),
which a regular expression reads reliably; a call it cannot read is reported, so a
string can never silently miss the catalog.
"""

from __future__ import annotations

import ast
import logging
import re
from typing import IO, Any, Collection, Iterator, Mapping, Tuple

logger = logging.getLogger(__name__)

# `_(` then one string literal in single or double quotes (backslash escapes allowed).
_CALL = re.compile(r"""(?<![\w.])_\(\s*(?P<literal>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""", re.S)
_ANY_CALL = re.compile(r"(?<![\w.])_\(")
_COMMENT = re.compile(r"\{#\s*TRANSLATORS:\s*(?P<text>.*?)\s*#\}", re.S)

ExtractionResult = Tuple[int, str, str, list]


def extract_template_calls(fileobj: IO[bytes], keywords: Mapping[str, Any],
                           comment_tags: Collection[str],
                           options: Mapping[str, Any]) -> Iterator[ExtractionResult]:
    """Yields (line, funcname, message, comments) like any Babel extraction method."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    found = 0
    for match in _CALL.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        message = ast.literal_eval(match.group("literal"))
        comments = [c.group("text") for c in _COMMENT.finditer(source, 0, match.start())
                    if source.count("\n", c.end(), match.start()) <= 1]
        found += 1
        yield line, "_", message, comments[-1:]
    total = len(_ANY_CALL.findall(source))
    if total != found:
        logger.error("%s: %d `_()` calls do not start with a string literal and were not extracted",
                     getattr(fileobj, "name", "template"), total - found)
