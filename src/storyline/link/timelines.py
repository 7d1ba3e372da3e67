"""Timelines: events ordered by date, one entry per real event however many articles report it.

Two reported events are one entry when they have the same type, share an actor (global
entity ids; two events without actors must share their place instead), and have the same
date at the coarser of their two precisions ("2024-01-09" and "2024-01" agree; "2024-01-09"
and "2024-01-10" do not). An event joins the entry whose events share most actors with it
(an event that fits two entries equally well stays apart), so linking one more article touches only
its own events.
Undated events stay out of timelines: they cannot be put in order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from storyline.link.series import as_of_interval

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def event_months(value: Any) -> tuple[str | None, list[str]]:
    """Return (the month key an event is filed under, the keys of events it may match)."""
    interval = as_of_interval(value)
    if interval is None:
        return None, []
    start, end, precision = interval
    year = f"{start.year:04d}"
    if precision == "year":
        return year, [year] + [f"{year}-{m:02d}" for m in range(1, 13)]
    months = sorted({f"{start.year:04d}-{start.month:02d}", f"{end.year:04d}-{end.month:02d}"})
    return months[0], [*months, year]


def same_date(a: Any, b: Any) -> bool:
    """Return True when two event dates agree at the coarser precision (one lies within the other)."""
    ia, ib = as_of_interval(a), as_of_interval(b)
    if ia is None or ib is None:
        return False
    return (ia[0] <= ib[0] and ib[1] <= ia[1]) or (ib[0] <= ia[0] and ia[1] <= ib[1])


def choose_entry(event: Mapping[str, Any], candidates: Sequence[Mapping[str, Any]]) -> str | None:
    """Return the timeline entry ``event`` (a ``link_events`` record) belongs to among ``candidates``."""
    actors = {a["entity"] for a in event.get("actors", ()) if a.get("entity")}
    date_value = (event.get("date") or {}).get("value")
    scores: dict[str, int] = {}
    bare: set[str] = set()  # entries an event without actors could be: same type, same day, no actors
    for c in candidates:
        record = c["record"]
        if record.get("type") != event.get("type") or not same_date(
            date_value, (record.get("date") or {}).get("value")
        ):
            continue
        theirs = {a["entity"] for a in record.get("actors", ()) if a.get("entity")}
        if actors or theirs:
            shared = len(actors & theirs)
        elif event.get("where_key") and event.get("where_key") == record.get("where_key"):
            shared = 1
        else:
            shared = 0
            if not (event.get("where_key") and record.get("where_key")):
                bare.add(c["entry_id"])
        if shared:
            entry = c["entry_id"]
            scores[entry] = max(scores.get(entry, 0), shared)
    if not scores:
        # Without actors or a shared place, only an unambiguous match is the same event.
        return bare.pop() if len(bare) == 1 else None
    best = max(scores.values())
    top = sorted(e for e, n in scores.items() if n == best)
    # Two entries fit equally well ("met in January" after two January meetings): leave it apart.
    return top[0] if len(top) == 1 else None


def build_entries(
    events: Iterable[Mapping[str, Any]], names: Mapping[str, str], stories: Mapping[str, str | None]
) -> list[dict[str, Any]]:
    """Return timeline entries from ``link_events`` rows, ordered by date (undated events left out).

    ``names`` gives each global entity's display name; ``stories`` each article's story.
    """
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for row in events:
        groups.setdefault(row["entry_id"], []).append(row)
    entries = []
    for entry_id, rows in groups.items():
        records = [r["record"] for r in rows]
        dated = [r for r in records if as_of_interval((r.get("date") or {}).get("value"))]
        if not dated:
            continue
        best = min(
            dated,
            key=lambda r: (
                PRECISION_RANK.get(as_of_interval(r["date"]["value"])[2], 9),  # type: ignore[index]
                r["date"]["value"],
            ),
        )
        value = best["date"]["value"]
        precision = as_of_interval(value)[2]  # type: ignore[index]
        actors: dict[str, None] = {}
        for r in records:
            for a in r.get("actors", ()):
                if a.get("entity"):
                    actors[a["entity"]] = None
        places = Counter(r["where"] for r in records if r.get("where"))
        sources = sorted(
            (
                {
                    "article": r["article"],
                    "span": r.get("span"),
                    "trigger": r.get("trigger"),
                    "outlet": r.get("outlet"),
                    "published": r.get("day"),
                }
                for r in records
            ),
            key=lambda s: (s["published"] or "", s["article"], s["span"] or []),
        )
        entries.append(
            {
                "id": entry_id,
                "date": {"value": value, "precision": precision},
                "type": best.get("type"),
                "actors": [
                    {"entity": a, "name": names.get(a, "")}
                    for a in sorted(actors, key=lambda a: (names.get(a, ""), a))
                ],
                "where": min(places, key=lambda p: (-places[p], p)) if places else None,
                "sources": sources,
                "stories": sorted({s for r in records if (s := stories.get(r["article"]))}),
            }
        )
    return sorted(
        entries,
        key=lambda e: (
            as_of_interval(e["date"]["value"])[0],  # type: ignore[index]
            PRECISION_RANK[e["date"]["precision"]],
            e["type"] or "",
            e["id"],
        ),
    )
