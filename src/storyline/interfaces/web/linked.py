"""Cross-article reads for the pages and the API: stories, actors, series, changes — from the link views.

Everything comes from ``storyline.link.views`` (the same functions the
``storyline export`` view is made of), read in one link session per request.
A store that was never linked has empty link tables: every list is empty
and the pages say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from storyline.interfaces.web.queries import words_match
from storyline.link import views
from storyline.link.changes import changes_in
from storyline.store import Store
from storyline.store.links import schema


def stories(store: Store) -> dict[str, Any]:
    """Return the stories with their articles' metadata, the findings and what the latest day brought."""
    with store.link_session() as s:
        articles = views.articles_view(s)
        found = views.findings_view(s)
        latest = views.latest_day(articles)
        new = changes_in(s, latest) if latest else None
        return {
            "stories": views.stories_view(s, articles),
            "articles": {a["id"]: a for a in articles},
            "changes": {**found, "new": new},
        }


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    """Return one story: its articles, its timeline, and the series points and findings in its articles."""
    with store.link_session() as s:
        articles = views.articles_view(s)
        found = next((x for x in views.stories_view(s, articles) if x["id"] == story_id), None)
        if found is None:
            return None
        names = views.entity_names(s)
        members = set(found["articles"])
        timeline = [e for e in views.timeline_view(s, names, articles) if story_id in e["stories"]]
        series = [x for x in views.series_view(s, names) if any(p["article"] in members for p in x["points"])]
        findings = views.findings_view(s)
        return {
            "story": found,
            "stances": _stances_within(views.stances_view(s, names), members),
            "articles": [a for a in articles if a["id"] in members],
            "timeline": timeline,
            "series": series,
            "contradictions": [
                c for c in findings["contradictions"] if any(p["article"] in members for p in c["points"])
            ],
        }


def _stances_within(stance_map: list[dict[str, Any]], members: set[str]) -> list[dict[str, Any]]:
    """Keep the stance map's sides and evidence that come from the story's own articles."""
    kept = []
    for topic in stance_map:
        sides = {}
        for side in ("for", "against"):
            actors = []
            for actor in topic.get(side, []):
                evidence = [e for e in actor["evidence"] if e["article"] in members]
                if evidence:
                    actors.append({**actor, "evidence": evidence})
            sides[side] = actors
        if sides["for"] or sides["against"]:
            kept.append({**topic, **sides})
    # Contested topics first: they are what a reader of the story wants to compare.
    kept.sort(key=lambda t: (-(bool(t["for"]) and bool(t["against"])), -len(t["for"]) - len(t["against"])))
    return kept


def actors(store: Store, name: str | None = None, type_: str | None = None) -> list[dict[str, Any]]:
    """Return the linked entities, filtered by every word of ``name`` (name or alias) and by type."""
    with store.link_session() as s:
        found = views.entities_view(s)
    if type_:
        found = [e for e in found if e["type"] == type_]
    if name:
        found = [e for e in found if words_match(name, e["name"], *e.get("aliases", ())) or e["id"] == name]
    return found


def actor(store: Store, entity_id: str) -> dict[str, Any] | None:
    """Return one linked entity with its timeline, quotes, stances and the figures it is the source of."""
    with store.link_session() as s:
        entity = next((e for e in views.entities_view(s) if e["id"] == entity_id), None)
        if entity is None:
            return None
        articles = {a["id"]: a for a in views.articles_view(s)}
        names = views.entity_names(s)
        timeline = [
            e
            for e in views.timeline_view(s, names, list(articles.values()))
            if any(a["entity"] == entity_id for a in e["actors"])
        ]
        quotes = [q for q in views.quotes_view(s) if _entity(q.get("speaker")) == entity_id]
        figures = [f for f in views.figures_view(s, ()) if _entity(f.get("source")) == entity_id]
        stances = []
        for topic in views.stances_view(s, names):
            for side in ("for", "against"):
                for holder in topic.get(side, ()):
                    if holder.get("entity") == entity_id:
                        stances.append(
                            {"topic": topic["topic"], "stance": side, "evidence": holder["evidence"]}
                        )
    return {
        "entity": entity,
        "articles": {a: articles[a] for a in entity["articles"] if a in articles},
        "timeline": timeline,
        "quotes": quotes,
        "figures": figures,
        "stances": stances,
    }


def actor_ids(store: Store, article_id: str) -> dict[str, str]:
    """Return the global actor id of each of an article's entity ids (empty when it is not linked)."""
    with store.link_session() as s:
        return {r["local_id"]: r["entity_id"] for r in s.rows(schema.link_members, article_id=article_id)}


def all_series(store: Store) -> list[dict[str, Any]]:
    """Return the figure series (measures reported by two or more articles)."""
    with store.link_session() as s:
        return views.series_view(s)


def one_series(store: Store, series_id: str) -> dict[str, Any] | None:
    """Return one series with the contradictions found in it and its articles' metadata."""
    with store.link_session() as s:
        found = next((x for x in views.series_view(s) if x["id"] == series_id), None)
        if found is None:
            return None
        articles = {a["id"]: a for a in views.articles_view(s)}
        findings = views.findings_view(s)
    return {
        "series": found,
        "articles": articles,
        "contradictions": [c for c in findings["contradictions"] if c["series"] == series_id],
        "moves": [m for m in findings["impossible_moves"] if m["series"] == series_id],
    }


def _entity(value: Any) -> str | None:
    return value.get("entity") if isinstance(value, Mapping) else None
