"""JSON Lines: one article per line; a bad line is an error naming file:line, and reading goes on."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

from storyline.sources import FetchSettings, iter_documents

RECORDS = [
    {"url": "https://harbour.example/1", "html": "<p>Caf\u00e9 terraces reopened in Harbourtown.</p>",
     "title": "Terraces reopen", "published": "2024-03-01", "outlet": "Harbour Post"},
    {"url": "https://harbour.example/2", "text": "The marina fees rose by \u20ac5."},
]


def _lines(*extra: str) -> str:
    return "\n".join([json.dumps(RECORDS[0]), *extra, json.dumps(RECORDS[1])]) + "\n"


def test_jsonl_records_become_documents_with_hints(
    tmp_path: Path, settings: FetchSettings, split: Any
) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(_lines(), encoding="utf-8")
    docs, errors = split(iter_documents([str(path)], settings=settings))
    assert not errors
    first, second = docs
    assert first.source == f"{path}:1" and second.source == f"{path}:2"
    assert first.content.decode("utf-8") == RECORDS[0]["html"]
    assert (first.media_type, second.media_type) == ("text/html", "text/plain")
    assert (first.url, first.title, first.published, first.outlet) == (
        "https://harbour.example/1", "Terraces reopen", "2024-03-01", "Harbour Post"
    )
    assert second.content.decode("utf-8") == RECORDS[1]["text"]
    assert first.charset == second.charset == "utf-8"


def test_jsonl_bad_lines_are_errors_and_reading_goes_on(
    tmp_path: Path, settings: FetchSettings, split: Any
) -> None:
    bad = ["{not json", "", "[1, 2]", '{"url": "https://harbour.example/3"}', '{"text": 5}', '{"html": "  "}']
    path = tmp_path / "mixed.jsonl"
    path.write_text(_lines(*bad), encoding="utf-8")
    docs, errors = split(iter_documents([str(path)], settings=settings))
    # Line 3 is blank: skipped, but still counted, so numbers match an editor's.
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:8"]
    assert [e.document for e in errors] == [f"{path}:{n}" for n in (2, 4, 5, 6, 7)]
    assert all("\n" not in str(e) for e in errors)
    assert "invalid JSON" in errors[0].problem
    assert "neither 'html' nor 'text'" in errors[2].problem


def test_jsonl_gzipped_file_is_streamed(tmp_path: Path, settings: FetchSettings, split: Any) -> None:
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress(_lines().encode("utf-8")))
    docs, errors = split(iter_documents([str(path)], settings=settings))
    assert not errors
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:2"]


def test_jsonl_truncated_gzip_keeps_lines_read_before_the_cut(
    tmp_path: Path, settings: FetchSettings, split: Any
) -> None:
    # Hashes keep the data from compressing to nothing, so the cut falls well inside the stream.
    line = '{"text": "Fictional harbour item %d, reference %s."}\n'
    many = "".join(line % (i, hashlib.sha256(str(i).encode()).hexdigest()) for i in range(2000))
    data = gzip.compress(many.encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, errors = split(iter_documents([str(path)], settings=settings))
    assert 0 < len(docs) < 2000
    assert [d.source for d in docs] == [f"{path}:{n}" for n in range(1, len(docs) + 1)]
    assert len(errors) == 1 and errors[0].problem.startswith("truncated gzip")


def test_jsonl_overlong_line_is_an_error(tmp_path: Path, settings: FetchSettings, split: Any) -> None:
    huge = json.dumps({"text": "x" * (settings.max_document_bytes + 10)})
    path = tmp_path / "long.jsonl"
    path.write_text(_lines(huge), encoding="utf-8")
    docs, errors = split(iter_documents([str(path)], settings=settings))
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:3"]
    assert errors[0].document == f"{path}:2" and "longer than" in errors[0].problem
