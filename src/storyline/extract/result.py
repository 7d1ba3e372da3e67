"""What a format-specific extractor returns before the Article is assembled."""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.model import OffsetMap, Published


@dataclass(frozen=True, slots=True)
class Extracted:
    """Clean text, its offsets into the decoded original, and the metadata found."""

    text: str
    offsets: OffsetMap
    format: str
    title: str | None = None
    byline: tuple[str, ...] = ()
    published: Published = field(default_factory=Published)
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    links: tuple[str, ...] = ()
