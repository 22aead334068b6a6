"""Catalogue loader: reads content YAML safely, validates it, reports errors with file and line."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

import jsonschema
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent, Event, NodeEvent
from ruamel.yaml.parser import RoundTripParser

from bot.content.model import Catalogue, Course, Page

MAX_FILE_BYTES = 512 * 1024
COUNTY_ID = re.compile(r"^[a-z][a-z0-9-]{1,40}$")
_STANDARD_TAGS = {None, "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                  "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
                  "tag:yaml.org,2002:seq", "tag:yaml.org,2002:timestamp", "!"}


@dataclass(frozen=True)
class ContentError:
    """One problem in a content file, pointing at the file, line and field."""

    path: str
    line: Optional[int]
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" [{self.field}]" if self.field else ""
        return f"{where}:{field} {self.message}"


class ContentInvalid(Exception):
    """Raised when the catalogue cannot be used; carries every error found."""

    def __init__(self, errors: Sequence[ContentError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@cache
def _validator(schema_path: Path) -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _plain(node: Any) -> Any:
    """Round-trip YAML nodes to plain JSON-like data; dates become ISO strings."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, (dt.date, dt.datetime)):
        return node.isoformat()[:10]
    return node


def _line_of(doc: Any, path: Iterable[Any]) -> Optional[int]:
    """The 1-based line of the node at `path` in a round-trip document, as near as known."""
    node, line = doc, getattr(getattr(doc, "lc", None), "line", None)
    for part in path:
        try:
            if isinstance(node, CommentedMap) and part in node:
                line = node.lc.key(part)[0]
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                line = node.lc.item(part)[0]
                node = node[part]
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
    return None if line is None else line + 1


class _Refused(Exception):
    def __init__(self, event: Event, message: str):
        super().__init__(message)
        self.line = event.start_mark.line + 1 if event.start_mark else None
        self.message = message


class _CheckingParser(RoundTripParser):
    """The round-trip parser, refusing anchors, aliases and custom tags as it hands on
    each event, so that a file is read once: one pass of pure-Python YAML parsing is most
    of the time a catalogue takes to load."""

    def get_event(self) -> Any:
        event = super().get_event()
        if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor):
            raise _Refused(event, "YAML anchors and aliases are not allowed")
        tag = getattr(event, "tag", None)
        if tag not in _STANDARD_TAGS:
            raise _Refused(event, f"YAML tag {tag} is not allowed")
        return event


@lru_cache(maxsize=128)
def _parse(text: str) -> Tuple[Any, Optional[Tuple[Optional[int], str]]]:
    """The round-trip document of `text`, or the line and message of what is wrong with it.

    Kept per text: a reload parses only the files that changed, and loading the same
    content again (training then checking, a test per page) costs no parsing. The
    documents are shared, so nothing may change them.
    """
    yaml = YAML(typ="rt")
    yaml.Parser = _CheckingParser
    try:
        return yaml.load(text), None
    except _Refused as refused:
        return None, (refused.line, refused.message)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return None, (mark.line + 1 if mark else None, f"invalid YAML: {exc.problem or exc.context}")


def read_yaml(path: Path, root: Path) -> Tuple[str, Any, List[ContentError]]:
    """Parses one file; refuses anchors, aliases, custom tags and oversized files.

    Returns the text, the round-trip document (None when it cannot be used) and the problems.
    """
    rel = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return "", None, [ContentError(rel, None, "", f"cannot read file: {exc.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        return "", None, [ContentError(rel, None, "", f"file is larger than {MAX_FILE_BYTES // 1024} KB")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return "", None, [ContentError(rel, None, "", f"not UTF-8 text (byte {exc.start})")]
    doc, problem = _parse(text)
    if problem is not None:
        line, message = problem
        return text, None, [ContentError(rel, line, "", message)]
    return text, doc, []


@lru_cache(maxsize=256)
def _schema_errors(text: str, schema: Path) -> Tuple[Tuple[Tuple[Any, ...], str], ...]:
    """(path in the document, message) for each way the document of `text` breaks `schema`.

    Kept per text like the documents: checking is most of what loading unchanged files
    costs. The schemas are read once per process (`_validator`).
    """
    doc, _problem = _parse(text)
    return tuple((tuple(err.path), err.message) for err in
                 sorted(_validator(schema).iter_errors(_plain(doc)), key=lambda e: list(e.path)))


def _validate(text: str, doc: Any, schema: Path, rel: str) -> List[ContentError]:
    return [ContentError(rel, _line_of(doc, path), ".".join(str(p) for p in path), message)
            for path, message in _schema_errors(text, schema)]


def _valid_documents(folder: Path, schema: Path, root: Path,
                     problems: List[ContentError]) -> Iterator[Tuple[str, Any, Dict[str, Any]]]:
    """(relative path, round-trip document, plain data) of each schema-valid file in `folder`.

    Every problem met on the way is appended to `problems`.
    """
    for path in sorted(folder.glob("*.yml")):
        rel = str(path.relative_to(root))
        text, doc, errs = read_yaml(path, root)
        if doc is not None:
            errs = errs + _validate(text, doc, schema, rel)
        problems += errs
        if doc is not None and not errs:
            yield rel, doc, _plain(doc)


def _load_places(content_dir: Path, root: Path, counties: Dict[str, str],
                 problems: List[ContentError]) -> Dict[str, str]:
    """places.yml: names people use instead of a county, each with a known county id."""
    path = content_dir / "places.yml"
    rel = str(path.relative_to(root))
    if not path.is_file():
        problems.append(ContentError(rel, None, "", "missing: only county names and the courses' "
                                     "places are recognised as places", severity="warning"))
        return {}
    text, doc, errs = read_yaml(path, root)
    if doc is not None:
        errs = errs + _validate(text, doc, content_dir / "schema" / "places.schema.json", rel)
    problems += errs
    if doc is None or errs:
        return {}
    places: Dict[str, str] = {}
    for name, county in _plain(doc)["places"].items():
        if counties and county not in counties:
            problems.append(ContentError(rel, _line_of(doc, ["places", name]), f"places.{name}",
                                         f"unknown county {county!r}; known: {', '.join(sorted(counties))}"))
        places[name] = county
    return places


def load_catalogue(content_dir: Path) -> Tuple[Optional[Catalogue], List[ContentError]]:
    """Loads and validates every file under `content_dir`.

    Returns the catalogue and a list of problems. The catalogue is None when any
    problem is an error: a half-valid catalogue is never served.
    """
    root = content_dir.parent
    problems: List[ContentError] = []
    schema_dir = content_dir / "schema"

    _text, counties_doc, errs = read_yaml(content_dir / "counties.yml", root)
    problems += errs
    counties: Dict[str, str] = {}
    if counties_doc is not None:
        raw = _plain(counties_doc)
        if not isinstance(raw, dict) or not isinstance(raw.get("counties"), dict):
            problems.append(ContentError("content/counties.yml", 1, "counties",
                                         "must be a mapping of county id to name"))
        else:
            counties = {str(k): str(v) for k, v in raw["counties"].items()}
            for county in counties:
                # Same shape as course ids; a question's office column holds 64 characters.
                if not COUNTY_ID.match(county):
                    problems.append(ContentError("content/counties.yml", _line_of(counties_doc, ["counties", county]),
                                                 f"counties.{county}",
                                                 "a county id is 2-41 lowercase letters, digits or -, starting with a letter"))

    places = _load_places(content_dir, root, counties, problems)

    courses: Dict[str, Course] = {}
    for rel, doc, data in _valid_documents(content_dir / "courses", schema_dir / "course.schema.json",
                                           root, problems):
        if data["id"] in courses:
            problems.append(ContentError(rel, _line_of(doc, ["id"]), "id",
                                         f"duplicate course id {data['id']!r} (also in {courses[data['id']].source_file})"))
            continue
        for index, place in enumerate(data["places"]):
            if counties and place["county"] not in counties:
                problems.append(ContentError(rel, _line_of(doc, ["places", index, "county"]),
                                             f"places.{index}.county",
                                             f"unknown county {place['county']!r}; known: {', '.join(sorted(counties))}"))
        courses[data["id"]] = Course.from_dict(data, rel)

    pages: Dict[str, Page] = {}
    for rel, doc, data in _valid_documents(content_dir / "pages", schema_dir / "page.schema.json",
                                           root, problems):
        if data["id"] in pages:
            problems.append(ContentError(rel, _line_of(doc, ["id"]), "id",
                                         f"duplicate page id {data['id']!r} (also in {pages[data['id']].source_file})"))
            continue
        pages[data["id"]] = Page.from_dict(data, rel)

    if not courses and not any(p.severity == "error" for p in problems):
        problems.append(ContentError("content/courses", None, "", "no course files found"))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Catalogue(courses=courses, pages=pages, counties=counties, places=places), problems
