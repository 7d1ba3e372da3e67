"""PLOVER-style event records (the Open Event Data Alliance ontology): one JSON object per reported event.

Field names follow PLOVER / POLECAT: ``event_id``, ``event_date``, ``event_type`` (the PLOVER
category, e.g. ``CONSULT``, ``ASSAULT``), ``event_mode`` (not coded here: empty), ``actor`` /
``recipient`` (first and second actor), ``placename``, ``source`` (outlet), ``url``, plus our
provenance: ``article``, ``span`` and the sentence ``text``. Events without a PLOVER category
(``storyline_type`` only) are written with ``event_type`` null rather than guessed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from storyline.interfaces.exports.linked import Linked, event_reports, load_linked
from storyline.store import Store


def plover_events(linked: Linked) -> Iterator[dict[str, Any]]:
    """Yield one PLOVER-style record per (timeline entry, source article), in timeline order."""
    for r in event_reports(linked):
        entry, src, actors = r["entry"], r["source"], r["actors"]
        first = actors[0] if actors else {}
        second = actors[1] if len(actors) > 1 else {}
        yield {
            "event_id": f"{entry['id']}-{src['article']}-{(src.get('span') or [0])[0]}",
            "entry_id": entry["id"],
            "event_date": entry["date"]["value"],
            "date_precision": entry["date"]["precision"],
            "event_type": r["plover"],
            "event_mode": "",
            "storyline_type": entry["type"],
            "actor": first.get("name"),
            "actor_id": first.get("entity"),
            "recipient": second.get("name"),
            "recipient_id": second.get("entity"),
            "actors": [{"name": a["name"], "id": a["entity"]} for a in actors],
            "placename": entry["where"],
            "source": src.get("outlet"),
            "publication_date": src.get("published"),
            "url": r["url"],
            "article": src["article"],
            "span": src.get("span"),
            "trigger": src.get("trigger"),
            "text": r["text"],
        }


def write_plover(store: Store, out: TextIO) -> None:
    """Write the dated events of ``store`` as PLOVER-style JSON lines to ``out``."""
    for event in plover_events(load_linked(store)):
        out.write(json.dumps(event, ensure_ascii=False, sort_keys=True) + "\n")
