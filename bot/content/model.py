"""Catalogue model: courses, shared pages and counties, as validated plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Tuple


@dataclass(frozen=True)
class Figure:
    text: str
    value: float
    unit: str
    source: str
    url: str
    as_of: Optional[str]
    name: str = ""

    @property
    def year(self) -> Optional[int]:
        return int(self.as_of[:4]) if self.as_of else None

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> Figure:
        return cls(text=data.get("text", ""), value=data["value"], unit=data.get("unit", "count"),
                   source=data["source"], url=data["url"], as_of=data.get("as_of"),
                   name=data.get("name", ""))


@dataclass(frozen=True)
class Place:
    county: str
    place: str
    starts: Tuple[str, ...]


@dataclass(frozen=True)
class Course:
    id: str
    name: str
    sector: str
    form: str
    provider: str
    summary: str
    synonyms: Tuple[str, ...]
    places: Tuple[Place, ...]
    theory_weeks: Optional[int]
    placement_weeks: Optional[int]
    hours_per_week: Optional[int]
    schedule_note: str
    schedule_source: Optional[Dict[str, str]]
    norwegian_level: str
    prerequisites: Tuple[str, ...]
    certificate: Optional[str]
    learn: Tuple[str, ...]
    typical_jobs: Tuple[str, ...]
    demand: str
    figures: Tuple[Figure, ...]
    caveats: Tuple[str, ...]
    reviewed: str
    see_also: Tuple[str, ...] = ()
    source_file: str = ""

    @classmethod
    def from_dict(cls, data: Dict[str, Any], source_file: str = "") -> Course:
        schedule = data["schedule"]
        prospects = data["prospects"]
        return cls(
            id=data["id"], name=data["name"], sector=data["sector"], form=data["form"],
            provider=data["provider"], summary=data.get("summary", ""),
            synonyms=tuple(data.get("synonyms", ())),
            places=tuple(Place(p["county"], p["place"], tuple(p["starts"])) for p in data["places"]),
            theory_weeks=schedule.get("theory_weeks"), placement_weeks=schedule.get("placement_weeks"),
            hours_per_week=schedule.get("hours_per_week"), schedule_note=schedule.get("note", ""),
            schedule_source=schedule.get("source"),
            norwegian_level=data["norwegian_level"], prerequisites=tuple(data["prerequisites"]),
            certificate=data.get("certificate"), learn=tuple(data["learn"]),
            typical_jobs=tuple(data["typical_jobs"]), demand=prospects["demand"],
            figures=tuple(Figure.from_dict(f) for f in prospects["figures"]),
            caveats=tuple(prospects["caveats"]), reviewed=data["reviewed"],
            see_also=tuple(prospects.get("see_also", ())), source_file=source_file,
        )

    @property
    def counties(self) -> Tuple[str, ...]:
        return tuple(dict.fromkeys(p.county for p in self.places))

    def next_starts(self, today: dt.date, county: Optional[str] = None) -> List[Tuple[str, Place]]:
        """Start dates from today on, earliest first, as (date, place)."""
        starts = [(s, p) for p in self.places if county in (None, p.county) for s in p.starts
                  if s >= today.isoformat()]
        return sorted(starts, key=lambda pair: pair[0])

    def texts(self) -> Iterator[Tuple[str, str]]:
        """(field, text) for every translatable text of the course."""
        yield "name", self.name
        if self.summary:
            yield "summary", self.summary
        if self.schedule_note:
            yield "schedule.note", self.schedule_note
        if self.provider:
            yield "provider", self.provider
        for i, text in enumerate(self.prerequisites):
            yield f"prerequisites.{i}", text
        if self.certificate:
            yield "certificate", self.certificate
        for i, text in enumerate(self.learn):
            yield f"learn.{i}", text
        for i, text in enumerate(self.typical_jobs):
            yield f"typical_jobs.{i}", text
        for i, fig in enumerate(self.figures):
            yield f"prospects.figures.{i}.text", fig.text
        for i, text in enumerate(self.caveats):
            yield f"prospects.caveats.{i}", text


@dataclass(frozen=True)
class Section:
    text: str
    confirmed: bool
    figures: Tuple[Figure, ...]
    sources: Tuple[Dict[str, str], ...]


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    sections: Tuple[Section, ...]
    reviewed: str
    source_file: str = ""

    @classmethod
    def from_dict(cls, data: Dict[str, Any], source_file: str = "") -> Page:
        sections = tuple(
            Section(text=s["text"], confirmed=s.get("confirmed", True),
                    figures=tuple(Figure.from_dict(f) for f in s.get("figures", ())),
                    sources=tuple(s["sources"]))
            for s in data["sections"])
        return cls(id=data["id"], title=data["title"], sections=sections,
                   reviewed=data["reviewed"], source_file=source_file)

    def texts(self) -> Iterator[Tuple[str, str]]:
        yield "title", self.title
        for i, section in enumerate(self.sections):
            yield f"sections.{i}.text", section.text


@dataclass(frozen=True)
class Catalogue:
    courses: Dict[str, Course]
    pages: Dict[str, Page]
    counties: Dict[str, str]
    # Names people use instead of a county (content/places.yml): name -> county id.
    places: Dict[str, str] = field(default_factory=dict)
    version: str = field(default="")

    def filter(self, county: Optional[str] = None, sector: Optional[str] = None) -> List[Course]:
        return [c for c in self.courses.values()
                if (county is None or county in c.counties) and (sector is None or c.sector == sector)]

    def all_figures(self) -> Iterator[Tuple[str, str, Figure]]:
        """(file, field, figure) for every figure the bot can show."""
        for course in self.courses.values():
            for i, fig in enumerate(course.figures):
                yield course.source_file, f"prospects.figures.{i}", fig
        for page in self.pages.values():
            for s, section in enumerate(page.sections):
                for i, fig in enumerate(section.figures):
                    yield page.source_file, f"sections.{s}.figures.{i}", fig
