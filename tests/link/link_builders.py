"""Builders of hand-made articles with hand-made analyses, for the link tests.

Tests write short invented articles and say what the analysis found in them (entities,
quotes, figures, events, stances) by quoting the text; the builder turns those quotes into
character spans, so no model runs and every test is fast.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from storyline.ids import article_id, canonical_url
from storyline.link.linker import LinkReport, link_pending
from storyline.model import Article, OffsetMap, Published
from storyline.store import Store


class Analysis:
    """An analysis record written by hand against one article text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entities: list[dict[str, Any]] = []
        self.quotes: list[dict[str, Any]] = []
        self.figures: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.stances: list[dict[str, Any]] = []
        self._cursor: dict[str, int] = {}
        self.versions = {"test": "v1"}

    def span(self, phrase: str, again: bool = False) -> list[int]:
        """Return the span of ``phrase`` (its next occurrence when ``again``)."""
        start = self.text.find(phrase, self._cursor.get(phrase, 0) if again else 0)
        assert start >= 0, f"{phrase!r} is not in the text"
        self._cursor[phrase] = start + 1
        return [start, start + len(phrase)]

    def entity(self, name: str, type_: str = "PERSON", mentions: Sequence[str] = (),
               roles: Sequence[tuple[str, str]] = ()) -> str:
        """Add an entity whose mentions are the given phrases (default: its name); return its local id."""
        local = f"{type_[:1].lower()}{len(self.entities)}-{name}"
        self.entities.append({
            "id": local, "name": name, "type": type_,
            "mentions": [{"span": self.span(m, again=True), "text": m} for m in (mentions or [name])],
            "roles": [{"title": t, "of": o, "span": self.span(t)} for t, o in roles],
        })
        return local

    def quote(self, phrase: str, speaker: str | None = None, name: str | None = None) -> None:
        """Add a direct quote of ``phrase`` by a local entity id (or by a bare ``name``)."""
        who = next((e for e in self.entities if e["id"] == speaker), None)
        label = name or (who["name"] if who else None)
        self.quotes.append({"span": self.span(phrase), "text": phrase, "kind": "direct", "cue": "said",
                            "confidence": 0.9,
                            "speaker": {"entity": speaker, "name": label,
                                        "span": self.span(label) if label and label in self.text else None}})

    def figure(self, phrase: str, value: float, what: str, as_of: str, qualifier: str = "exact",
               where: str | None = None, since: str | None = None, source: str | None = None,
               source_entity: str | None = None, ordinal: bool = False) -> None:
        """Add a reported figure found at ``phrase``."""
        low = value if qualifier in ("exact", "at least", "more than") else None
        high = value if qualifier == "exact" else None
        self.figures.append({
            "span": self.span(phrase, again=True), "text": phrase, "value": value, "low": low, "high": high,
            "qualifier": qualifier, "what": what, "where": where, "since": since, "as_of": as_of,
            "ordinal": ordinal,
            "source": ({"name": source, "span": self.span(source), "entity": source_entity}
                       if source else None),
        })

    def event(self, phrase: str, type_: str, date: str | None, precision: str | None,
              actors: Sequence[str] = (), where: str | None = None) -> None:
        """Add an event found at ``phrase`` with local entity ids as actors."""
        names = {e["id"]: e["name"] for e in self.entities}
        self.events.append({"span": self.span(phrase), "type": type_, "trigger": phrase,
                            "date": {"value": date, "precision": precision},
                            "actors": [{"entity": a, "name": names[a]} for a in actors], "where": where,
                            "plover": None})

    def stance(self, phrase: str, actor: str, topic: str, stance: str) -> None:
        """Add a stance of a local entity on ``topic`` shown by ``phrase``."""
        name = next(e["name"] for e in self.entities if e["id"] == actor)
        self.stances.append({"span": self.span(phrase), "actor": name, "entity": actor, "topic": topic,
                             "stance": stance})

    def record(self) -> dict[str, Any]:
        """Return the analysis as ``Store.add`` stores it."""
        return {"entities": self.entities, "quotes": self.quotes, "figures": self.figures, "times": [],
                "events": self.events, "stances": self.stances, "versions": self.versions}


class World:
    """A store that hand-made articles are added to and linked in."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, analysis: Analysis, url: str, published: str | None = "2025-03-03",
            outlet: str = "The Example Post", title: str | None = None, precision: str = "day") -> str:
        """Store an article with its analysis; return its id."""
        text = analysis.text
        raw = f"<html><body><p>{text}</p></body></html>".encode()
        canon = canonical_url(url)
        article = Article(
            id=article_id(canon, text), source=url.rsplit("/", 1)[-1] + ".html", text=text, url=canon,
            outlet=outlet, title=title or text.split(".")[0][:80], byline=(), language="en",
            published=Published(published, precision if published else None, "meta" if published else None),
            links=(), offsets=OffsetMap(((0, 0, len(text)),)), format="html",
            original_sha256=hashlib.sha256(raw).hexdigest(), fetched_at=None,
        )
        return self.store.add(article, raw, analysis.record()).article_id

    def link(self) -> LinkReport:
        """Link every pending article."""
        return link_pending(self.store)
