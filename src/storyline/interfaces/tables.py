"""Rich tables for the CLI's read commands: stories, timeline, quotes, figures, stances.

Every cell that comes from an article is a ``rich.text.Text``, never markup, so a quote
containing ``[bold]`` prints as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.table import Table
from rich.text import Text

from storyline.analyze.gazetteer import fold
from storyline.link.views import quotes_view, series_view, stances_view, stories_view, timeline_view
from storyline.store import Store


def stories_table(store: Store) -> Table:
    """Return the stories: id, title, first and last day, number of articles."""
    with store.link_session() as s:
        stories = stories_view(s)
    table = _table("Stories", "id", "title", "from", "to", "articles")
    for st in stories:
        span = st["span"]
        table.add_row(*_cells(st["id"], st["title"], span["start"], span["end"], len(st["articles"])))
    return table


def timeline_table(store: Store, story: str | None = None, entity: str | None = None) -> Table:
    """Return the dated events, optionally of one story (id) and one actor (id or part of a name)."""
    with store.link_session() as s:
        entries = timeline_view(s)
    table = _table("Timeline", "date", "event", "actors", "where", "sources")
    for e in entries:
        if story and story not in e["stories"]:
            continue
        if entity and not any(_matches(entity, a.get("entity"), a.get("name")) for a in e["actors"]):
            continue
        outlets = sorted({x.get("outlet") or x["article"] for x in e["sources"]})
        actors = ", ".join(a["name"] for a in e["actors"])
        table.add_row(*_cells(e["date"]["value"], e["type"], actors, e["where"], "; ".join(outlets)))
    return table


def quotes_table(store: Store, speaker: str | None = None) -> Table:
    """Return the quotes, optionally of one speaker (entity id or part of a name)."""
    with store.link_session() as s:
        quotes = quotes_view(s)
    table = _table("Quotes", "date", "speaker", "quote", "outlet", "article")
    for q in quotes:
        who = q.get("speaker") or {}
        if speaker and not _matches(speaker, who.get("entity"), who.get("name")):
            continue
        table.add_row(*_cells(q.get("day"), who.get("name"), q.get("text"), q.get("outlet"), q["article"]))
    return table


def figures_table(store: Store, series: str | None = None) -> Table:
    """Return the figure series (label, points, first and latest value), or the points of one series."""
    with store.link_session() as s:
        all_series = series_view(s)
    if series is None:
        table = _table("Figure series", "id", "measure", "points", "first", "latest")
        for x in all_series:
            pts = x["points"]
            first, last = (pts[0], pts[-1]) if pts else ({}, {})
            table.add_row(*_cells(x["id"], x["label"], len(pts), _point(first), _point(last)))
        return table
    table = _table(f"Figures: {series}", "as of", "value", "qualifier", "reported by", "outlet", "article")
    for x in all_series:
        if not _matches(series, x["id"], x["label"]):
            continue
        for p in x["points"]:
            reporter = (p.get("source") or {}).get("name")
            values = (p.get("as_of"), p.get("value"), p.get("qualifier"), reporter, p.get("outlet"))
            table.add_row(*_cells(*values, p["article"]))
    return table


def stances_table(store: Store, topic: str | None = None) -> Table:
    """Return per topic the actors for and against, optionally of one topic (part of its name)."""
    with store.link_session() as s:
        stances = stances_view(s)
    table = _table("Stances", "topic", "for", "against")
    for t in stances:
        if topic and fold(topic) not in fold(t["topic"]):
            continue
        table.add_row(*_cells(t["topic"], _names(t["for"]), _names(t["against"])))
    return table


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    return table


def _cells(*values: Any) -> list[Text]:
    # Text, not str: article content must never be read as rich markup.
    return [Text("" if v is None else str(v)) for v in values]


def _matches(query: str, ident: str | None, name: str | None) -> bool:
    return query == ident or (name is not None and fold(query) in fold(name))


def _names(sides: Iterable[dict[str, Any]]) -> str:
    return ", ".join(x["name"] for x in sides)


def _point(p: dict[str, Any]) -> str:
    if not p:
        return ""
    return f"{p.get('value')} ({p.get('as_of') or '?'}, {p.get('outlet') or p.get('article')})"
