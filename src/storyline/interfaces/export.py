"""The cross-article export (``storyline export --json``): the linked world as one JSON object.

``export_view(store)`` reads the link tables (run ``storyline.link.linker.link_pending``
first) and returns, in a stable order with content-hash ids:

* ``articles`` — id, source, url, outlet, title, published {value, precision, how}, story;
* ``entities`` — one per real-world actor: id, name, type, aliases, roles (each with its
  first and last date and the articles that give it), articles, mentions;
* ``quotes`` — with their article and the global speaker entity id;
* ``figures`` — every reported figure with its article, source entity and series;
* ``stories`` — id, title, time span, articles;
* ``timeline`` — dated events, one entry per real event, with every source article;
  ``timelines`` lists the entry ids per story and per entity;
* ``series`` — measures reported by two or more articles, points ordered by as-of date;
* ``stances`` — per topic, the actors for and against with the sentence that shows it;
* ``changes`` — contradictions and impossible moves found so far, and what the latest
  publication day brought (``new``, see ``storyline.link.changes``).
"""

from __future__ import annotations

import json
from typing import Any

from storyline.link.changes import changes_in
from storyline.link.views import (
    articles_view,
    entities_view,
    entity_names,
    figures_view,
    findings_view,
    latest_day,
    quotes_view,
    series_view,
    stances_view,
    stories_view,
    timeline_view,
    timelines_index,
)
from storyline.store import Store

EXPORT_VERSION = "storyline.export.v1"
_ARTICLE_FIELDS = ("id", "source", "url", "outlet", "title", "published", "story")


def export_view(store: Store) -> dict[str, Any]:
    """Return the cross-article view of ``store`` as JSON-ready data (deterministic order and ids)."""
    with store.link_session() as s:
        articles = articles_view(s)
        names = entity_names(s)
        series = series_view(s, names)
        timeline = timeline_view(s, names, articles)
        latest = latest_day(articles)
        findings = findings_view(s)
        return {
            "version": EXPORT_VERSION,
            "articles": [{k: a[k] for k in _ARTICLE_FIELDS} for a in articles],
            "entities": entities_view(s),
            "quotes": quotes_view(s),
            "figures": figures_view(s, (x["id"] for x in series)),
            "stories": stories_view(s, articles),
            "timeline": timeline,
            "timelines": timelines_index(timeline),
            "series": series,
            "stances": stances_view(s, names),
            "changes": {**findings, "new": changes_in(s, latest) if latest else None},
        }


def export_json(store: Store, indent: int | None = 2) -> str:
    """Return ``export_view(store)`` as JSON text (sorted keys, UTF-8 kept)."""
    return json.dumps(export_view(store), ensure_ascii=False, sort_keys=True, indent=indent)
