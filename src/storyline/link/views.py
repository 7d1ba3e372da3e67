"""Read views of the linked world: articles, entities, quotes, figures, series, stories, timeline, stances.

Each ``*_view`` reads the link tables in one session and returns JSON-ready lists in a
stable order (the cross-article export is their union; a web or REST layer can serve them
one by one). Ids are the content-hash ids the linker gave.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from storyline.analyze.gazetteer import fold
from storyline.errors import StorylineError
from storyline.link.entities import aliases, role_key
from storyline.link.series import series_points
from storyline.link.stances import stance_map
from storyline.link.stories import StoryClusterer
from storyline.link.timelines import build_entries
from storyline.link.words import LinkData, load_link_data
from storyline.store.links import LinkSession, schema

MIN_SERIES_ARTICLES = 2


def articles_view(s: LinkSession) -> list[dict[str, Any]]:
    """Return the linked articles (current version), by publication day then id."""
    rows = s.article_meta()
    out = [
        {
            "id": r["article_id"],
            "source": r["source"],
            "url": r["url"],
            "outlet": r["outlet"],
            "title": r["title"],
            "published": {
                "value": r["published_value"],
                "precision": r["published_precision"],
                "how": r["published_how"],
            },
            "story": r["story_id"],
            "version": r["version_id"],
            "day": r["day"],
            "day_end": r["day_end"],
            "dated": bool(r["dated"]),
        }
        for r in rows
    ]
    return sorted(out, key=lambda a: (a["day"], a["id"]))


def entity_names(s: LinkSession) -> dict[str, str]:
    """Return every global entity's display name by id."""
    return {r["id"]: r["name"] for r in s.rows(schema.link_entities)}


def entities_view(s: LinkSession, data: LinkData | None = None) -> list[dict[str, Any]]:
    """Return the global entities with aliases, dated role histories, articles and mentions."""
    data = data or load_link_data()
    members: dict[str, list[dict[str, Any]]] = {}
    for m in s.rows(schema.link_members):
        members.setdefault(m["entity_id"], []).append(m)
    out = []
    for e in s.rows(schema.link_entities):
        rows = sorted(members.get(e["id"], ()), key=lambda m: (m["record"].get("day") or "", m["article_id"]))
        if not rows:
            continue
        names = [n for n, _ in e["record"].get("names", ())]
        mentions = [
            {"article": m["article_id"], "span": x["span"], "text": x["text"]}
            for m in rows
            for x in m["record"].get("mentions", ())
        ]
        out.append(
            {
                "id": e["id"],
                "name": e["name"],
                "type": e["type"],
                "aliases": aliases(names, (x["text"] for x in mentions), e["name"]),
                "roles": _roles(rows, data),
                "articles": sorted({m["article_id"] for m in rows}),
                "mentions": mentions,
            }
        )
    return sorted(out, key=lambda e: (fold(e["name"]), e["id"]))


def _roles(rows: Iterable[Mapping[str, Any]], data: LinkData) -> list[dict[str, Any]]:
    """Return an entity's offices, each with its dated history (a title given without "of" joins the
    same title given with one, when only one "of" is ever given)."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for m in rows:
        for r in m["record"].get("roles", ()):
            title, of = r.get("title") or "", r.get("of") or ""
            key = role_key(title, "", data) or f"role:{fold(title)}|"
            g = groups.setdefault(
                (key, data.place_key(of) or ""), {"forms": Counter(), "ofs": Counter(), "history": []}
            )
            g["forms"][title] += 1
            if of:
                g["ofs"][of] += 1
            g["history"].append(
                {"article": m["article_id"], "date": m["record"].get("day"), "span": r.get("span")}
            )
    for key, of_key in [k for k in groups if not k[1]]:
        withs = [k for k in groups if k[0] == key and k[1]]
        if len(withs) == 1:
            bare = groups.pop((key, of_key))
            target = groups[withs[0]]
            target["forms"].update(bare["forms"])
            target["history"] += bare["history"]
    out = []
    for g in groups.values():
        title = min(g["forms"].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        of = min(g["ofs"].items(), key=lambda kv: (-kv[1], kv[0]))[0] if g["ofs"] else None
        history = sorted(g["history"], key=lambda h: (h["date"] or "", h["article"], h["span"] or []))
        dates = [h["date"] for h in history if h["date"]]
        out.append(
            {
                "title": title,
                "of": of,
                "first": dates[0] if dates else None,
                "last": dates[-1] if dates else None,
                "articles": sorted({h["article"] for h in history}),
                "history": history,
            }
        )
    return sorted(out, key=lambda r: (r["first"] or "", fold(r["title"]), r["of"] or ""))


def quotes_view(s: LinkSession) -> list[dict[str, Any]]:
    """Return every quote with its article and global speaker entity, in article order."""
    rows = [r["record"] for r in s.rows(schema.link_quotes)]
    return sorted(rows, key=lambda q: (q.get("day") or "", q["article"], q.get("span") or [], q["idx"]))


def series_view(
    s: LinkSession, names: Mapping[str, str] | None = None, min_articles: int = MIN_SERIES_ARTICLES
) -> list[dict[str, Any]]:
    """Return the series reported by at least ``min_articles`` articles, points ordered by as-of date."""
    names = names if names is not None else entity_names(s)
    points: dict[str, list[dict[str, Any]]] = {}
    for f in s.rows(schema.link_figures):
        if f["series_id"]:
            points.setdefault(f["series_id"], []).append(f["record"])
    out = []
    for row in s.rows(schema.link_series):
        pts = points.get(row["id"], [])
        if len({p["article"] for p in pts}) < min_articles:
            continue
        m = row["record"]
        actor = m.get("actor")
        out.append(
            {
                "id": row["id"],
                "label": m.get("label"),
                "measure": {
                    "concept": m.get("concept"),
                    "units": m.get("units"),
                    "where": m.get("where"),
                    "since": m.get("since"),
                    "cumulative": m.get("cumulative"),
                    "actor": {"entity": actor, "name": names.get(actor, "")} if actor else None,
                },
                "points": series_points(pts),
            }
        )
    return sorted(out, key=lambda x: (fold(x["label"] or ""), x["id"]))


def figures_view(s: LinkSession, shown_series: Iterable[str]) -> list[dict[str, Any]]:
    """Return every figure with its article; ``series`` only when that series is shown."""
    shown = set(shown_series)
    out = []
    for f in s.rows(schema.link_figures):
        r = dict(f["record"])
        r["series"] = f["series_id"] if f["series_id"] in shown else None
        out.append(r)
    return sorted(out, key=lambda f: (f.get("day") or "", f["article"], f.get("span") or [], f["idx"]))


def stories_view(s: LinkSession, articles: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Return the stories: id, title, time span of their dated articles, and their articles."""
    articles = articles if articles is not None else articles_view(s)
    titles = _story_titles(s)
    groups: dict[str, list[dict[str, Any]]] = {}
    for a in articles:
        if a["story"]:
            groups.setdefault(a["story"], []).append(a)
    out = []
    for sid, arts in groups.items():
        days = sorted(a["day"] for a in arts if a["dated"])
        first = min(arts, key=lambda a: (a["day"], a["id"]))
        out.append(
            {
                "id": sid,
                "title": titles.get(sid) or first["title"],
                "span": {"start": days[0] if days else None, "end": days[-1] if days else None},
                "articles": [a["id"] for a in arts],
            }
        )
    return sorted(out, key=lambda x: (x["span"]["start"] or "9999", x["id"]))


def _story_titles(s: LinkSession) -> dict[str, str]:
    meta = s.meta("stories")
    if meta is None:
        return {}
    states = sorted((r["state"] for r in s.rows(schema.link_stories)), key=lambda st: st["seq"])
    try:
        clusterer = StoryClusterer.from_dict({**meta, "frequencies": s.terms(), "stories": states})
    except (StorylineError, TypeError, KeyError, ValueError):
        return {}  # a state from another clusterer version: fall back to article titles
    return {st.id: st.title for st in clusterer.stories()}


def timeline_view(
    s: LinkSession, names: Mapping[str, str] | None = None, articles: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Return the timeline: dated entries (one per real event) with every source, by date."""
    names = names if names is not None else entity_names(s)
    articles = articles if articles is not None else articles_view(s)
    return build_entries(s.rows(schema.link_events), names, {a["id"]: a["story"] for a in articles})


def timelines_index(entries: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, list[str]]]:
    """Return the timeline entry ids per story and per entity (each list in timeline order)."""
    stories: dict[str, list[str]] = {}
    entities: dict[str, list[str]] = {}
    for e in entries:
        for sid in e["stories"]:
            stories.setdefault(sid, []).append(e["id"])
        for a in e["actors"]:
            entities.setdefault(a["entity"], []).append(e["id"])
    return {"stories": dict(sorted(stories.items())), "entities": dict(sorted(entities.items()))}


def stances_view(s: LinkSession, names: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Return the stance map: per topic, the actors for and against with their evidence."""
    names = names if names is not None else entity_names(s)
    return stance_map(s.rows(schema.link_stances), names)


def findings_view(
    s: LinkSession, series_labels: Mapping[str, str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Return contradictions (grouped per series and as-of day) and impossible moves, each with its points."""
    labels = (
        series_labels
        if series_labels is not None
        else {r["id"]: r["record"].get("label") for r in s.rows(schema.link_series)}
    )
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    moves = []
    for f in s.rows(schema.link_findings):
        r = f["record"]
        if f["kind"] == "contradiction":
            key = (f["series_id"], r["a"].get("as_of") or "")
            g = groups.setdefault(
                key,
                {
                    "kind": "contradiction",
                    "series": f["series_id"],
                    "label": labels.get(f["series_id"]),
                    "as_of": key[1],
                    "found": f["day"],
                    "points": {},
                    "pairs": [],
                },
            )
            for p in (r["a"], r["b"]):
                g["points"][(p["article"], p["idx"])] = p
            g["pairs"].append([[r["a"]["article"], r["a"]["idx"]], [r["b"]["article"], r["b"]["idx"]]])
            g["found"] = max(g["found"], f["day"])
        else:
            moves.append(
                {
                    "kind": "fall",
                    "series": f["series_id"],
                    "label": labels.get(f["series_id"]),
                    "found": f["day"],
                    "earlier": r["a"],
                    "later": r["b"],
                    "id": f["id"],
                }
            )
    contradictions = []
    for g in groups.values():
        g["points"] = sorted(g["points"].values(), key=lambda p: (p["article"], p["idx"]))
        g["pairs"].sort()
        g["id"] = "|".join((g["series"], g["as_of"]))
        contradictions.append(g)
    contradictions.sort(key=lambda g: (g["as_of"], fold(g["label"] or ""), g["series"]))
    moves.sort(key=lambda m: (m["later"].get("as_of") or "", fold(m["label"] or ""), m["id"]))
    return {"contradictions": contradictions, "impossible_moves": moves}


def story_timeline(s: LinkSession, story_id: str) -> list[dict[str, Any]]:
    """Return the timeline entries of one story."""
    return [e for e in timeline_view(s) if story_id in e["stories"]]


def entity_timeline(s: LinkSession, entity_id: str) -> list[dict[str, Any]]:
    """Return the timeline entries one entity takes part in."""
    return [e for e in timeline_view(s) if any(a["entity"] == entity_id for a in e["actors"])]


def latest_day(articles: Iterable[Mapping[str, Any]]) -> date | None:
    """Return the latest publication day among dated articles (None when none is dated)."""
    days = [a["day"] for a in articles if a.get("dated")]
    return date.fromisoformat(max(days)) if days else None
