"""Translation workflow: extract, update, compile, status and check of the gettext catalogs.

Catalog layout: ``translations/<domain>.pot`` templates and
``translations/<lang>/LC_MESSAGES/<domain>.po`` (+ ``.mo``). A translation drafted by
machine carries the flag ``unreviewed`` until a human reviewer removes it.

Domains and their languages: ``messages`` and ``content`` in every supported language;
``dashboard`` (the caseworker pages, read by NAV staff) in Norwegian only, English
being its source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from ruamel.yaml import YAML

from bot.content.loader import load_catalogue
from bot.content.model import Course, Page
from bot.i18n.catalogs import CONTENT, DASHBOARD, MESSAGES, SOURCE_LANGUAGE, placeholders
from bot.i18n.glossary import glossary_problems, load_glossary
from bot.language.supported import SUPPORTED
from bot.ops.template_strings import extract_template_calls

UNREVIEWED = "unreviewed"
PROJECT = "amo-guide"

# The languages each domain is translated into (its source language is skipped).
DOMAIN_LANGUAGES: Dict[str, Tuple[str, ...]] = {
    MESSAGES: SUPPORTED, CONTENT: SUPPORTED, DASHBOARD: ("nb",)}
DOMAINS: Tuple[str, ...] = tuple(DOMAIN_LANGUAGES)

# The caseworker dashboard's strings live in their own domain: the participant-facing
# `messages` domain (translated into nine languages) must not pick them up.
_DASHBOARD_DIR = Path("web")
_DASHBOARD_FILES = ("bot/escalations/gist.py",)


def _languages(domain: str) -> Iterator[str]:
    return (lang for lang in DOMAIN_LANGUAGES[domain] if lang != SOURCE_LANGUAGE[domain])


def _new_catalog(domain: str, locale: Optional[str] = None) -> Catalog:
    return Catalog(locale=locale, domain=domain, project=PROJECT, version="1",
                   charset="utf-8", fuzzy=False,
                   creation_date=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
                   revision_date=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))


def _domain_response_strings(domain_file: Path) -> Iterator[Tuple[str, int, str]]:
    """(text, line, response name) for every text and button title in a Rasa domain."""
    doc = YAML(typ="rt").load(domain_file.read_text(encoding="utf-8"))
    for name, variations in (doc.get("responses") or {}).items():
        for index, variation in enumerate(variations):
            line = variations.lc.item(index)[0] + 1
            if variation.get("text"):
                yield str(variation["text"]), line, name
            for button in variation.get("buttons") or []:
                yield str(button["title"]), line, name


def extract_messages(root: Path) -> Catalog:
    """The template of the bot's own texts: Python `N_()`/`gettext` calls and domain responses."""
    template = _new_catalog(MESSAGES)
    keywords = {"N_": None, "t": None, "nt": (1, 2), "gettext": (2,), "ngettext": (2, 3)}
    for folder in ("bot", "actions"):
        # bot/web holds the dashboard (its own domain); participant web texts are in
        # bot/channels/texts.py, so nothing of the messages domain is lost by skipping it.
        skip = [(str(_DASHBOARD_DIR), "ignore")] if folder == "bot" else []
        for filename, lineno, message, comments, _context in extract_from_dir(
                root / folder, method_map=[*skip, ("**.py", "python")], keywords=keywords,
                comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
            template.add(message, locations=[(f"{folder}/{filename}", lineno)],
                         auto_comments=comments, flags=_format_flags(message))
    domain_file = root / "nlu_data" / "domain.yml"
    if domain_file.is_file():
        for text, line, name in _domain_response_strings(domain_file):
            template.add(text, locations=[("nlu_data/domain.yml", line)],
                         auto_comments=[f"response {name}"], flags=_format_flags(text))
    return template


def extract_dashboard(root: Path) -> Catalog:
    """The template of the dashboard: `D_()` in bot/web/*.py and `_()` in its templates."""
    template = _new_catalog(DASHBOARD)
    folder = root / "bot" / _DASHBOARD_DIR
    # Babel accepts a callable as a method; its type hints only name strings.
    method_map: List[Tuple[str, Any]] = [("**.py", "python"),
                                         ("templates/**.html", extract_template_calls)]
    for filename, lineno, message, comments, _context in extract_from_dir(
            folder, method_map=method_map,  # type: ignore[arg-type]
            keywords={"D_": None, "_": None}, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        template.add(message, locations=[(f"bot/{_DASHBOARD_DIR}/{filename}", lineno)],
                     auto_comments=comments, flags=_format_flags(message))
    for relative in _DASHBOARD_FILES:  # runtime modules whose texts caseworkers read
        with (root / relative).open("rb") as source:
            for lineno, _funcname, text, notes in extract_python(
                    source, keywords={"D_": None}, comment_tags=("TRANSLATORS:",), options={}):
                template.add(text, locations=[(relative, lineno)], auto_comments=list(notes or ()),
                             flags=_format_flags(text))
    return template


def extract_content(root: Path) -> Catalog:
    """The template of the catalogue's Norwegian texts."""
    template = _new_catalog(CONTENT)
    catalogue, _problems = load_catalogue(root / "content")
    if catalogue is None:
        raise ValueError("The content catalogue has errors; run `amo-bot content check`.")
    items: List[Union[Course, Page]] = [*catalogue.courses.values(), *catalogue.pages.values()]
    for item in items:
        for field, text in item.texts():
            template.add(text, locations=[(item.source_file, 0)],
                         auto_comments=[f"{item.id}: {field}"], flags=_format_flags(text))
    return template


def _format_flags(text: object) -> Tuple[str, ...]:
    message = text[0] if isinstance(text, tuple) else text
    return ("python-format",) if isinstance(message, str) and "%(" in message else ()


def po_path(root: Path, language: str, domain: str) -> Path:
    return root / "translations" / language / "LC_MESSAGES" / f"{domain}.po"


def read_catalog(path: Path, locale: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def write_catalog(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=False, include_previous=True)
    tmp.replace(path)


def extract(root: Path) -> Dict[str, Catalog]:
    """Writes the templates and returns them by domain."""
    templates = {MESSAGES: extract_messages(root), CONTENT: extract_content(root),
                 DASHBOARD: extract_dashboard(root)}
    for domain, template in templates.items():
        write_catalog(root / "translations" / f"{domain}.pot", template)
    return templates


def update(root: Path, templates: Optional[Dict[str, Catalog]] = None) -> None:
    """Merges the templates into every language's catalog; changed sources become fuzzy."""
    templates = templates or extract(root)
    for domain, template in templates.items():
        for language in _languages(domain):
            path = po_path(root, language, domain)
            catalog = read_catalog(path, language) if path.is_file() else _new_catalog(domain, language)
            catalog.update(template, no_fuzzy_matching=False, update_header_comment=False,
                           keep_user_comments=True)
            catalog.obsolete.clear()
            write_catalog(path, catalog)


def compile_all(root: Path) -> List[Path]:
    """Compiles every .po to .mo; fuzzy (stale) entries are left out, so they fall back."""
    written = []
    for po in sorted((root / "translations").glob("*/LC_MESSAGES/*.po")):
        catalog = read_catalog(po, po.parent.parent.name)
        mo = po.with_suffix(".mo")
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        tmp.replace(mo)
        written.append(mo)
    return written


@dataclass
class LanguageStatus:
    language: str
    domain: str
    total: int
    translated: int
    fuzzy: int
    unreviewed: int
    missing: int

    @property
    def percent(self) -> float:
        return round(100.0 * self.translated / self.total, 1) if self.total else 100.0

    @property
    def reviewed(self) -> int:
        return self.translated - self.unreviewed

    @property
    def unreviewed_percent(self) -> float:
        """Share of the translated texts that are machine drafts nobody has checked."""
        return round(100.0 * self.unreviewed / self.translated, 1) if self.translated else 0.0

    def as_dict(self) -> Dict[str, object]:
        data = asdict(self)
        data.update(percent=self.percent, reviewed=self.reviewed, unreviewed_percent=self.unreviewed_percent)
        return data


def _messages(catalog: Catalog) -> Iterable[Message]:
    return (m for m in catalog if m.id)


def status(root: Path) -> List[LanguageStatus]:
    """Per language and domain: translated %, fuzzy (stale), machine-drafted, missing."""
    rows = []
    for domain in DOMAINS:
        template_path = root / "translations" / f"{domain}.pot"
        if not template_path.is_file():
            continue
        total = sum(1 for _ in _messages(read_catalog(template_path, "en")))
        for language in _languages(domain):
            path = po_path(root, language, domain)
            messages = list(_messages(read_catalog(path, language))) if path.is_file() else []
            translated = [m for m in messages if m.string and not m.fuzzy]
            rows.append(LanguageStatus(
                language=language, domain=domain, total=total, translated=len(translated),
                fuzzy=sum(1 for m in messages if m.fuzzy),
                unreviewed=sum(1 for m in translated if UNREVIEWED in m.flags),
                missing=total - len(translated)))
    return rows


def check(root: Path, required_domains: Tuple[str, ...] = (MESSAGES, DASHBOARD)) -> List[str]:
    """Problems that must fail CI: a required string missing, a placeholder mismatch, or a
    term translated otherwise than `translations/glossary.yml` says.

    A required domain must be complete in each of its languages: `messages` in all
    nine, `dashboard` in Norwegian (see DOMAIN_LANGUAGES).
    """
    problems = []
    terms = load_glossary(root)
    for domain in DOMAINS:
        template_path = root / "translations" / f"{domain}.pot"
        if not template_path.is_file():
            problems.append(f"{template_path}: missing; run `amo-bot translations update`")
            continue
        template_ids = {m.id for m in _messages(read_catalog(template_path, "en"))}
        for language in _languages(domain):
            path = po_path(root, language, domain)
            if not path.is_file():
                if domain in required_domains:
                    problems.append(f"{path}: missing catalog")
                continue
            catalog = read_catalog(path, language)
            pairs = [(str(m.id), str(m.string)) for m in _messages(catalog)
                     if isinstance(m.string, str) and m.string and not m.fuzzy]
            problems += [f"{path}: glossary: {p}" for p in glossary_problems(terms, domain, language, pairs)]
            for message in _messages(catalog):
                source = _first(message.id)
                for text in _strings(message):
                    if text and not message.fuzzy and placeholders(text) != placeholders(source):
                        problems.append(f"{path}: placeholders differ in {source!r}: "
                                        f"{sorted(placeholders(source))} vs {sorted(placeholders(text))}")
            if domain in required_domains:
                done = {m.id for m in _messages(catalog)
                        if m.string and not m.fuzzy and all(_strings(m))}
                for msgid in sorted(template_ids - done, key=str):
                    problems.append(f"{path}: required string not translated: {_first(msgid)!r}")
    return problems


def _strings(message: Message) -> Tuple[str, ...]:
    """The translation(s) of a message: one string, or one per plural form."""
    value = message.string
    if isinstance(value, (tuple, list)):
        return tuple(str(v or "") for v in value)
    return (str(value or ""),)


def _first(msgid: object) -> str:
    return str(msgid[0]) if isinstance(msgid, (tuple, list)) else str(msgid)
