"""Frozen records that flow through the stages: RawDocument → Article.

Spans are ``[start, end)`` character offsets into ``Article.text``; an
``OffsetMap`` carries every clean-text offset back to the decoded original
document, so a fact can always be shown where it came from.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from storyline.ids import article_key

PRECISIONS = ("day", "month", "year")
HOW_FOUND = ("meta", "printed", "url", "inferred", "source")


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as a source delivered it: bytes plus where and how it came."""

    source: str
    content: bytes
    url: str | None = None
    media_type: str | None = None
    charset: str | None = None
    fetched_at: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date with its precision and how it was found."""

    value: str | None = None
    precision: str | None = None
    how: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """Return the record form used in the public JSON."""
        return {"value": self.value, "precision": self.precision, "how": self.how}


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Map clean-text offsets to offsets in the decoded original document.

    ``runs`` holds ``(clean_start, original_start, length)`` for every stretch
    of clean text copied verbatim from the original. Characters the extractor
    inserted (paragraph breaks, squeezed spaces) lie between runs and map to
    the end of the run before them.
    """

    runs: tuple[tuple[int, int, int], ...] = ()
    _starts: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(r[0] for r in self.runs))

    def to_original(self, offset: int) -> int:
        """Return the original-document offset of clean-text ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return self.runs[0][1] if self.runs else 0
        clean_start, orig_start, length = self.runs[i]
        if offset < clean_start + length:
            return orig_start + (offset - clean_start)
        return orig_start + length

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Return the original-document span covering clean span ``[start, end)``."""
        if end <= start:
            pos = self.to_original(start)
            return pos, pos
        return self.to_original(start), self.to_original(end - 1) + 1

    def as_list(self) -> list[list[int]]:
        """Return the runs as JSON-ready lists."""
        return [list(r) for r in self.runs]

    @classmethod
    def from_list(cls, runs: list[list[int]]) -> OffsetMap:
        """Rebuild a map from ``as_list`` output."""
        return cls(tuple((int(a), int(b), int(c)) for a, b, c in runs))


@dataclass(frozen=True, slots=True)
class Article:
    """A clean, dated article traced back to its source document."""

    id: str
    source: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    byline: tuple[str, ...] = ()
    language: str | None = None
    published: Published = field(default_factory=Published)
    links: tuple[str, ...] = ()
    offsets: OffsetMap = field(default_factory=OffsetMap)
    format: str = "text"
    original_sha256: str = ""
    fetched_at: str | None = None

    @property
    def key(self) -> str:
        """Return the identity key: canonical URL when known, else the text hash."""
        return article_key(self.url, self.text)


# --- the analysis of one article (see ../DESIGN.md "The analysis record") ---

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Mention:
    """One place an entity is named or referred to."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Role:
    """An office or description held by an entity: a title and what it is of."""

    title: str
    of: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class Entity:
    """One actor, place or thing of an article, with all its mentions joined."""

    id: str
    name: str
    type: str
    mentions: tuple[Mention, ...]
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to: an entity id when resolved, the name, the span naming them."""

    name: str
    span: Span | None
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Reported speech: direct, partial (a quoted fragment) or indirect."""

    span: Span
    text: str
    kind: str
    speaker: Speaker | None
    cue: str | None
    confidence: float


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A date or time expression normalised against the publication date."""

    span: Span
    text: str
    value: str | None
    precision: str | None
    relation: str | None = None  # "since" | "until" | None


@dataclass(frozen=True, slots=True)
class FigureSource:
    """Who reported a figure."""

    name: str
    span: Span
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A reported number: value or range, qualifier, what it counts, where, since and as of when."""

    span: Span
    text: str
    value: float
    low: float | None
    high: float | None
    qualifier: str
    what: str | None
    where: str | None
    since: str | None
    as_of: str | None
    source: FigureSource | None
    ordinal: bool = False


@dataclass(frozen=True, slots=True)
class EventDate:
    """An event's date with its precision."""

    value: str | None
    precision: str | None


@dataclass(frozen=True, slots=True)
class Event:
    """A typed event with its actors (entity ids), place and date."""

    span: Span
    type: str
    trigger: str
    date: EventDate
    actors: tuple[str, ...]
    where: str | None
    plover: str | None = None


@dataclass(frozen=True, slots=True)
class Stance:
    """An actor for or against a topic, with the span that shows it."""

    actor: str
    actor_entity: str | None
    topic: str
    stance: str
    span: Span


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analyze stage found in one article, with the versions that found it."""

    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    events: tuple[Event, ...] = ()
    stances: tuple[Stance, ...] = ()
    versions: tuple[tuple[str, str], ...] = ()
