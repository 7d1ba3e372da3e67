"""CSV tables of events, quotes, figures and entities, with the columns GDELT and ACLED users expect.

Every row names its article, outlet, source URL and ``[span_start, span_end)`` so a reader can go
back to the sentence; the sentence itself is in ``text``. UTF-8, one header row, csv-module quoting.
Article text is untrusted: a text cell that a spreadsheet would run as a formula (one starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a leading ``'``, as OWASP advises.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from storyline.interfaces.exports.linked import Linked, event_reports, load_linked
from storyline.store import Store

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

EVENT_COLUMNS = (
    "event_id", "event_date", "date_precision", "event_type", "plover_type",
    "actor1", "actor1_id", "actor2", "actor2_id", "actors", "where",
    "source_url", "outlet", "published", "article", "span_start", "span_end", "trigger", "text", "stories",
)  # fmt: skip
QUOTE_COLUMNS = (
    "date", "speaker", "speaker_id", "kind", "cue", "confidence", "quote",
    "source_url", "outlet", "article", "span_start", "span_end",
)  # fmt: skip
FIGURE_COLUMNS = (
    "as_of", "value", "low", "high", "qualifier", "what", "where", "since", "reporter", "reporter_id",
    "series", "date", "source_url", "outlet", "article", "span_start", "span_end", "text",
)  # fmt: skip
ENTITY_COLUMNS = ("entity_id", "name", "type", "aliases", "roles", "article_count", "articles")

LIST_SEP = "; "


def event_rows(linked: Linked) -> Iterator[dict[str, Any]]:
    """Yield one row per reported event (a timeline entry as one article tells it)."""
    for r in event_reports(linked):
        entry, src, actors = r["entry"], r["source"], r["actors"]
        first = actors[0] if actors else {}
        second = actors[1] if len(actors) > 1 else {}
        yield {
            "event_id": entry["id"],
            "event_date": entry["date"]["value"],
            "date_precision": entry["date"]["precision"],
            "event_type": entry["type"],
            "plover_type": r["plover"],
            "actor1": first.get("name"),
            "actor1_id": first.get("entity"),
            "actor2": second.get("name"),
            "actor2_id": second.get("entity"),
            "actors": LIST_SEP.join(a["name"] for a in actors),
            "where": entry["where"],
            "source_url": r["url"],
            "outlet": src.get("outlet"),
            "published": src.get("published"),
            "article": src["article"],
            **_span(src.get("span")),
            "trigger": src.get("trigger"),
            "text": r["text"],
            "stories": LIST_SEP.join(entry.get("stories", ())),
        }


def quote_rows(linked: Linked) -> Iterator[dict[str, Any]]:
    """Yield one row per quote with its speaker (global entity id when resolved)."""
    for q in linked.view["quotes"]:
        speaker = q.get("speaker") or {}
        yield {
            "date": q.get("day"),
            "speaker": speaker.get("name"),
            "speaker_id": speaker.get("entity"),
            "kind": q.get("kind"),
            "cue": q.get("cue"),
            "confidence": q.get("confidence"),
            "quote": q.get("text"),
            "source_url": linked.urls.get(q["article"]),
            "outlet": q.get("outlet"),
            "article": q["article"],
            **_span(q.get("span")),
        }


def figure_rows(linked: Linked) -> Iterator[dict[str, Any]]:
    """Yield one row per reported figure with its qualifier, measure, as-of date and reporter."""
    for f in linked.view["figures"]:
        source = f.get("source") or {}
        yield {
            "as_of": f.get("as_of"),
            "value": f.get("value"),
            "low": f.get("low"),
            "high": f.get("high"),
            "qualifier": f.get("qualifier"),
            "what": f.get("what"),
            "where": f.get("where"),
            "since": f.get("since"),
            "reporter": source.get("name"),
            "reporter_id": source.get("entity"),
            "series": f.get("series"),
            "date": f.get("day"),
            "source_url": linked.urls.get(f["article"]),
            "outlet": f.get("outlet"),
            "article": f["article"],
            **_span(f.get("span")),
            "text": f.get("text"),
        }


def entity_rows(linked: Linked) -> Iterator[dict[str, Any]]:
    """Yield one row per linked entity with its aliases and offices."""
    for e in linked.view["entities"]:
        roles = [r["title"] + (f" of {r['of']}" if r.get("of") else "") for r in e["roles"]]
        yield {
            "entity_id": e["id"],
            "name": e["name"],
            "type": e["type"],
            "aliases": LIST_SEP.join(e["aliases"]),
            "roles": LIST_SEP.join(roles),
            "article_count": len(e["articles"]),
            "articles": LIST_SEP.join(e["articles"]),
        }


TABLES = {
    "events": (EVENT_COLUMNS, event_rows),
    "quotes": (QUOTE_COLUMNS, quote_rows),
    "figures": (FIGURE_COLUMNS, figure_rows),
    "entities": (ENTITY_COLUMNS, entity_rows),
}


def write_table(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: TextIO) -> None:
    """Write ``rows`` as CSV with a header row (None becomes an empty cell)."""
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_csv_tables(store: Store, directory: Path) -> list[Path]:
    """Write events.csv, quotes.csv, figures.csv and entities.csv into ``directory``; return their paths."""
    linked = load_linked(store)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (columns, rows) in TABLES.items():
        path = directory / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            write_table(rows(linked), columns, out)
        paths.append(path)
    return paths


def _span(span: Any) -> dict[str, Any]:
    return {"span_start": span[0] if span else None, "span_end": span[1] if span else None}
