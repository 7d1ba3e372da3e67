"""The plain-data state of story clustering: one record per story and an inverted index of stories.

A ``StoryState`` holds what deciding the next article needs (centroid term weights,
entity counts, time span, size) and what a reader needs (member ids, member titles).
``to_dict``/``from_dict`` turn it into JSON-ready data so a store can persist it. The
``StoryIndex`` maps index keys (a story's heaviest terms and its entities) to stories;
it is derived from the states and rebuilt when they are loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class StoryState:
    """One story: centroid, entities, span and members.

    ``terms`` sums the unit term-frequency vectors of the members; ``weights`` is that sum
    times the IDF as of ``weighed_at`` documents, with its length in ``norm``. Weights are
    refreshed when the story changes or the collection has grown enough since, so scoring an
    article against a story costs O(article terms) rather than O(centroid terms).
    """

    id: str
    seq: int
    terms: dict[str, float] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    weighed_at: int = 0
    size: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    entity_total: int = 0
    start: date | None = None
    end: date | None = None
    members: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)

    def entity_mass(self) -> float:
        """Return the summed member fractions of all the story's entities."""
        return self.entity_total / self.size if self.size else 0.0

    def days_from(self, day: date | None) -> int | None:
        """Return the days between ``day`` and the story's span (0 inside it; None if either is undated)."""
        if day is None or self.start is None or self.end is None:
            return None
        if day < self.start:
            return (self.start - day).days
        if day > self.end:
            return (day - self.end).days
        return 0

    def to_dict(self) -> dict[str, Any]:
        """Return the story as JSON-ready plain data."""
        return {
            "id": self.id, "seq": self.seq, "terms": dict(self.terms), "weights": dict(self.weights),
            "norm": self.norm, "weighed_at": self.weighed_at, "size": self.size,
            "entities": dict(self.entities),
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "members": list(self.members), "titles": dict(self.titles), "keys": list(self.keys),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoryState:
        """Return the story stored by ``to_dict``."""
        entities = {k: int(v) for k, v in data["entities"].items()}
        return cls(
            id=data["id"], seq=int(data["seq"]), terms={k: float(v) for k, v in data["terms"].items()},
            weights={k: float(v) for k, v in data["weights"].items()}, norm=float(data["norm"]),
            weighed_at=int(data["weighed_at"]),
            size=int(data["size"]), entities=entities, entity_total=sum(entities.values()),
            start=date.fromisoformat(data["start"]) if data.get("start") else None,
            end=date.fromisoformat(data["end"]) if data.get("end") else None,
            members=list(data["members"]), titles=dict(data.get("titles", {})),
            keys=list(data.get("keys", [])),
        )


@dataclass
class StoryIndex:
    """Inverted index: key → stories filed under it, in filing order (dicts keep it deterministic)."""

    postings: dict[str, dict[str, None]] = field(default_factory=dict)

    def file(self, story: StoryState, keys: Iterable[str]) -> None:
        """File ``story`` under ``keys`` instead of the keys it had."""
        for key in story.keys:
            bucket = self.postings.get(key)
            if bucket is not None:
                bucket.pop(story.id, None)
                if not bucket:
                    del self.postings[key]
        story.keys = list(dict.fromkeys(keys))
        for key in story.keys:
            self.postings.setdefault(key, {})[story.id] = None

    def stories(self, key: str) -> Iterable[str]:
        """Return the ids of the stories filed under ``key``."""
        return self.postings.get(key, {}).keys()
