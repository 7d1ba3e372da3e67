"""The public JSON analysis record (../DESIGN.md): fields may be added, never renamed.

This is the one place where analysis results become JSON.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from storyline.model import Analysis, Article


def article_record(article: Article, analysis: Analysis | None = None) -> dict[str, Any]:
    """Return the public JSON record of one article, with its analysis when given."""
    record: dict[str, Any] = {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "byline": list(article.byline),
        "language": article.language,
        "published": article.published.as_dict(),
        "text": article.text,
        "links": list(article.links),
    }
    if analysis is not None:
        record.update(analysis_fields(analysis))
    return record


def analysis_fields(analysis: Analysis) -> dict[str, Any]:
    """Return the analysis part of the record (entities, quotes, figures, times, events, stances)."""
    names = {e.id: e.name for e in analysis.entities}
    events = []
    for ev in analysis.events:
        item = _plain(ev)
        item["actors"] = [{"entity": a, "name": names.get(a, a)} for a in ev.actors]
        events.append(item)
    stances = []
    for st in analysis.stances:
        item = _plain(st)
        item["entity"] = item.pop("actor_entity")
        stances.append(item)
    return {
        "entities": [_plain(e) for e in analysis.entities],
        "quotes": [_plain(q) for q in analysis.quotes],
        "figures": [_plain(f) for f in analysis.figures],
        "times": [_plain(t) for t in analysis.times],
        "events": events,
        "stances": stances,
        "versions": dict(analysis.versions),
    }


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if not f.name.startswith("_")}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
