"""JSON Lines of analysis records: one public record (``storyline analyze --json``) per stored article."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from storyline.analyze.record import article_record
from storyline.store import Store


def analysis_records(store: Store) -> Iterator[dict[str, Any]]:
    """Yield each stored article's public record with its stored analysis, by article id."""
    ids = sorted(row.id for row in store.articles(limit=max(store.count(), 1)))
    for article_id in ids:
        stored = store.get(article_id)
        if stored is None:
            continue
        record = article_record(stored.article)
        record.update(store.analysis(article_id) or {})
        yield record


def write_jsonl(store: Store, out: TextIO) -> None:
    """Write one JSON object per article (sorted keys, UTF-8 kept) to ``out``."""
    for record in analysis_records(store):
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
