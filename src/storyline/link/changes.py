"""What is new since a date: articles, stories, events, figures that moved, quotes, contradictions.

"New since D" reads publication dates, which is what a user asking "what is new since
yesterday?" means: an article is new when it was published on D or later (an article
dated only to a month or year is new when that period reaches D: it may be). An article
without a publication date counts from the day it was ingested. Everything else follows
from its articles: a story is new when all its articles are, an event when every article
reporting it is, a contradiction when the later of its two articles is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from storyline.link.views import (
    articles_view,
    entity_names,
    findings_view,
    quotes_view,
    series_view,
    stories_view,
    timeline_view,
)
from storyline.store import Store
from storyline.store.links import LinkSession

BASIS = "publication date (the ingestion date for undated articles)"


def changes_since(store: Store, since: date) -> dict[str, Any]:
    """Return what the linked articles published on ``since`` or later add (see the module docstring)."""
    with store.link_session() as s:
        return changes_in(s, since)


def changes_in(s: LinkSession, since: date) -> dict[str, Any]:
    """Return the changes since ``since`` read in an open link session."""
    day = since.isoformat()
    articles = articles_view(s)
    ends = {a["id"]: a["day_end"] for a in articles}
    new = {a["id"] for a in articles if ends[a["id"]] >= day}
    names = entity_names(s)
    stories = stories_view(s, articles)
    new_stories, updated = [], []
    for st in stories:
        fresh = [a for a in st["articles"] if a in new]
        if not fresh:
            continue
        item = {"id": st["id"], "title": st["title"], "new_articles": fresh}
        (new_stories if len(fresh) == len(st["articles"]) else updated).append(item)
    events = [
        e for e in timeline_view(s, names, articles) if all(src["article"] in new for src in e["sources"])
    ]
    return {
        "since": day,
        "basis": BASIS,
        "articles": [a["id"] for a in articles if a["id"] in new],
        "stories": {"new": new_stories, "updated": updated},
        "events": events,
        "figures": _moved(series_view(s, names, min_articles=1), new),
        "quotes": _quotes(quotes_view(s), stories, articles, new, names),
        "contradictions": [
            c
            for c in findings_view(s)["contradictions"]
            if any(p["article"] in new for p in c["points"])
            and max(ends[p["article"]] for p in c["points"]) >= day
        ],
        "impossible_moves": [
            m
            for m in findings_view(s)["impossible_moves"]
            if m["earlier"]["article"] in new or m["later"]["article"] in new
        ],
    }


def _moved(series: list[dict[str, Any]], new: set[str]) -> list[dict[str, Any]]:
    out = []
    for x in series:
        old = [p for p in x["points"] if p["article"] not in new]
        fresh = [p for p in x["points"] if p["article"] in new]
        if not old or not fresh:
            continue
        before, after = old[-1], fresh[-1]
        if (before["value"], before["qualifier"]) == (after["value"], after["qualifier"]):
            continue
        out.append(
            {
                "series": x["id"],
                "label": x["label"],
                "before": before,
                "after": after,
                "change": (after["value"] - before["value"])
                if isinstance(after["value"], (int, float)) and isinstance(before["value"], (int, float))
                else None,
            }
        )
    return out


def _quotes(
    quotes: list[dict[str, Any]],
    stories: list[dict[str, Any]],
    articles: list[dict[str, Any]],
    new: set[str],
    names: Mapping[str, str],
) -> list[dict[str, Any]]:
    story_of = {a["id"]: a["story"] for a in articles}
    earlier_speakers: dict[str, set[str]] = {}
    for q in quotes:
        who = q["speaker"].get("entity")
        if who and q["article"] not in new and story_of.get(q["article"]):
            earlier_speakers.setdefault(story_of[q["article"]], set()).add(who)
    by_story: dict[str, list[dict[str, Any]]] = {}
    for q in quotes:
        who = q["speaker"].get("entity")
        sid = story_of.get(q["article"])
        if who and sid and q["article"] in new:
            by_story.setdefault(sid, []).append(
                {
                    **q,
                    "speaker_name": names.get(who, ""),
                    "known_actor": who in earlier_speakers.get(sid, set()),
                }
            )
    titles = {st["id"]: st["title"] for st in stories}
    return [{"story": sid, "title": titles.get(sid), "quotes": qs} for sid, qs in sorted(by_story.items())]
