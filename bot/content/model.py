"""Catalogue model: courses, shared pages and counties, as validated plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Tuple

Source = Dict[str, str]  # {"title": ..., "url": ...}

# What a shortage figure counts, compared with what the course trains for: only a figure
# that counts the course's own occupation may be called a shortage of "these workers".
COURSE_OCCUPATION = "course_occupation"


def as_of_date(as_of: str) -> dt.date:
    """The date an `as_of` ("2024" or "2025-05-08") stands for; a bare year counts from
    1 January, so a figure is called old sooner rather than later."""
    return dt.date.fromisoformat(as_of if len(as_of) == 10 else f"{as_of[:4]}-01-01")


@dataclass(frozen=True)
class Figure:
    text: str
    value: float
    unit: str
    source: str
    url: str
    as_of: Optional[str]
    name: str = ""
    counts: str = ""
    caveat: str = ""

    @property
    def year(self) -> Optional[int]:
        return int(self.as_of[:4]) if self.as_of else None

    @property
    def counts_course_occupation(self) -> bool:
        return self.counts == COURSE_OCCUPATION

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> Figure:
        return cls(text=data.get("text", ""), value=data["value"], unit=data.get("unit", "count"),
                   source=data["source"], url=data["url"], as_of=data.get("as_of"),
                   name=data.get("name", ""), counts=data.get("counts", ""),
                   caveat=data.get("caveat", ""))


@dataclass(frozen=True)
class Place:
    county: str
    place: str
    starts: Tuple[str, ...]
    source: Optional[Source] = None
    example: bool = False

    @property
    def confirmed(self) -> bool:
        """Only a place with a source is shown as fact; everything else is an example."""
        return self.source is not None


@dataclass(frozen=True)
class Schedule:
    """A course's length and rhythm as structured values; the bot words them itself."""

    weeks: Optional[int] = None
    weeks_max: Optional[int] = None
    hours_total: Optional[int] = None
    hours_per_week: Optional[int] = None
    theory_weeks: Optional[int] = None
    placement: str = "unknown"  # after_theory | alongside_theory | none | unknown
    placement_weeks: Optional[int] = None
    placement_days_per_week: Optional[int] = None
    note: str = ""
    source: Optional[Source] = None
    example: bool = False

    VALUES = ("weeks", "weeks_max", "hours_total", "hours_per_week", "theory_weeks",
              "placement_weeks", "placement_days_per_week")

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> Schedule:
        return cls(**{k: data.get(k) for k in cls.VALUES},
                   placement=data.get("placement", "unknown"), note=data.get("note", ""),
                   source=data.get("source"), example=bool(data.get("example", False)))

    @property
    def known_values(self) -> Dict[str, int]:
        """The length and rhythm values that are filled in."""
        return {k: getattr(self, k) for k in self.VALUES if getattr(self, k) is not None}

    @property
    def total_weeks(self) -> Optional[int]:
        if self.weeks is not None:
            return self.weeks
        if self.placement == "after_theory" and None not in (self.theory_weeks, self.placement_weeks):
            return (self.theory_weeks or 0) + (self.placement_weeks or 0)
        return None

    @property
    def confirmed(self) -> bool:
        return self.source is not None


@dataclass(frozen=True)
class Course:
    id: str
    name: str
    sector: str
    form: str
    provider: Optional[str]
    summary: str
    synonyms: Tuple[str, ...]
    places: Tuple[Place, ...]
    schedule: Schedule
    norwegian_level: str
    prerequisites: Tuple[str, ...]
    certificate: Optional[str]
    learn: Tuple[str, ...]
    typical_jobs: Tuple[str, ...]
    figures: Tuple[Figure, ...]
    caveats: Tuple[str, ...]
    reviewed: str
    see_also: Tuple[str, ...] = ()
    source_file: str = ""
    provider_source: Optional[Source] = None
    provider_example: bool = False

    @classmethod
    def from_dict(cls, data: Dict[str, Any], source_file: str = "") -> Course:
        prospects = data["prospects"]
        return cls(
            id=data["id"], name=data["name"], sector=data["sector"], form=data["form"],
            provider=data.get("provider"), summary=data.get("summary", ""),
            provider_source=data.get("provider_source"),
            provider_example=bool(data.get("provider_example", False)),
            synonyms=tuple(data.get("synonyms", ())),
            places=tuple(Place(p["county"], p["place"], tuple(p["starts"]), p.get("source"),
                               bool(p.get("example", False))) for p in data["places"]),
            schedule=Schedule.from_dict(data["schedule"]),
            norwegian_level=data["norwegian_level"], prerequisites=tuple(data["prerequisites"]),
            certificate=data.get("certificate"), learn=tuple(data["learn"]),
            typical_jobs=tuple(data["typical_jobs"]),
            figures=tuple(Figure.from_dict(f) for f in prospects["figures"]),
            caveats=tuple(prospects["caveats"]), reviewed=data["reviewed"],
            see_also=tuple(prospects.get("see_also", ())), source_file=source_file,
        )

    @property
    def counties(self) -> Tuple[str, ...]:
        return tuple(dict.fromkeys(p.county for p in self.places))

    @property
    def provider_confirmed(self) -> bool:
        return self.provider is not None and self.provider_source is not None

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
        if self.schedule.note:
            yield "schedule.note", self.schedule.note
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
            if fig.caveat:
                yield f"prospects.figures.{i}.caveat", fig.caveat
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
