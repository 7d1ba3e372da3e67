"""Stance maps: per topic, the actors for and against, each with the sentence that shows it.

Topics are compared by a key: folded, hyphens dropped ("cease-fire" = "ceasefire"), one
spelling, and without a trailing place complement ("ceasefire in Gaza" = "ceasefire": the
story already says where). The map keeps every topic wording it merged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from storyline.analyze.gazetteer import fold
from storyline.link.words import LinkData


def topic_key(topic: str, places: Iterable[str], data: LinkData) -> str:
    """Return the comparable key of a stance topic; ``places`` are folded place names of the article."""
    text = " ".join(fold(topic).replace("-", "").split())
    known = set(places)
    words = text.split()
    for i in range(len(words) - 1, 0, -1):
        if words[i] in data.place_prepositions:
            tail = " ".join(words[i + 1 :])
            tail = tail[4:] if tail.startswith("the ") else tail
            if tail and (tail in known or data.gazetteer.is_place(tail) or data.gazetteer.country(tail)):
                words = words[:i]
            break
    return " ".join(data.spelling(re.sub(r"['’]s$", "", w)) for w in words)


def stance_map(rows: Iterable[Mapping[str, Any]], names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Return the stance map from ``link_stances`` rows: topics by key, each with its sides and evidence."""
    topics: dict[str, dict[str, Any]] = {}
    for row in rows:
        r = row["record"]
        key = row["topic_key"]
        t = topics.setdefault(key, {"topic": key, "wordings": set(), "for": {}, "against": {}})
        t["wordings"].add(r.get("topic") or key)
        side = r.get("stance")
        if side not in ("for", "against"):
            continue
        actor = row.get("entity_id") or f"name:{fold(r.get('actor') or '')}"
        name = names.get(row.get("entity_id") or "", "") or r.get("actor") or ""
        entry = t[side].setdefault(actor, {"entity": row.get("entity_id"), "name": name, "evidence": []})
        entry["evidence"].append(
            {
                "article": r["article"],
                "span": r.get("span"),
                "text": r.get("text"),
                "topic": r.get("topic"),
                "published": r.get("day"),
                "outlet": r.get("outlet"),
            }
        )
    out = []
    for key in sorted(topics):
        t = topics[key]
        sides = {}
        for side in ("for", "against"):
            actors = list(t[side].values())
            for a in actors:
                a["evidence"].sort(key=lambda e: (e["published"] or "", e["article"], e["span"] or []))
            sides[side] = sorted(actors, key=lambda a: (fold(a["name"]), a["entity"] or ""))
        out.append({"topic": key, "wordings": sorted(t["wordings"]), **sides})
    return out
