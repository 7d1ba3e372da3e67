"""What every export reads: the cross-article view plus article texts, URLs and PLOVER types.

Exports are skins over ``export_view``: they reshape it, never re-analyze. Article texts are
loaded once so a row can carry the exact sentence its span points at.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from storyline.interfaces.export import export_view
from storyline.store import Store
from storyline.store.links import schema


@dataclass(frozen=True, slots=True)
class Linked:
    """The linked world as exports need it: the view, each article's text and URL, event PLOVER types."""

    view: dict[str, Any]
    texts: dict[str, str]
    urls: dict[str, str | None]
    plover: dict[tuple[str, int, int], str]

    def snippet(self, article: str, span: Any) -> str:
        """Return the text of ``article`` at ``span`` (empty when either is unknown)."""
        text = self.texts.get(article)
        if text is None or not span:
            return ""
        return text[span[0] : span[1]]

    def entry_plover(self, entry: dict[str, Any]) -> str | None:
        """Return the PLOVER type most sources of a timeline entry give (ties broken by name)."""
        counts = Counter(
            p for s in entry["sources"] if (p := self.plover.get(span_key(s["article"], s["span"])))
        )
        return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else None


def span_key(article: str, span: Any) -> tuple[str, int, int]:
    """Return a hashable key for a span of an article."""
    return (article, int(span[0]), int(span[1])) if span else (article, -1, -1)


def load_linked(store: Store) -> Linked:
    """Read the cross-article view of ``store`` and what exports add to it."""
    view = export_view(store)
    texts: dict[str, str] = {}
    for a in view["articles"]:
        stored = store.get(a["id"])
        if stored is not None:
            texts[a["id"]] = stored.article.text
    plover: dict[tuple[str, int, int], str] = {}
    with store.link_session() as s:
        for row in s.rows(schema.link_events):
            r = row["record"]
            if r.get("plover") and r.get("span"):
                plover[span_key(row["article_id"], r["span"])] = r["plover"]
    return Linked(view, texts, {a["id"]: a["url"] for a in view["articles"]}, plover)


def event_reports(linked: Linked) -> Iterator[dict[str, Any]]:
    """Yield one flat record per (timeline entry, source article), in timeline order."""
    for entry in linked.view["timeline"]:
        actors = entry["actors"]
        for src in sorted(entry["sources"], key=lambda x: (x["article"], x["span"] or [])):
            yield {
                "entry": entry,
                "source": src,
                "actors": actors,
                "plover": linked.plover.get(span_key(src["article"], src["span"]))
                or linked.entry_plover(entry),
                "text": linked.snippet(src["article"], src["span"]),
                "url": linked.urls.get(src["article"]),
            }
