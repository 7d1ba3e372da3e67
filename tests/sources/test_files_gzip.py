"""Gzipped files: decompressed transparently; a truncated or corrupt gzip is a SourceError."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

from storyline.sources import FetchSettings, iter_documents

PAGE = b"<html><body><p>The fictional Millbrook bakery reopened after the flood.</p></body></html>"


def test_files_gzip_is_decompressed_and_typed_by_inner_name(
    tmp_path: Path, settings: FetchSettings, split: Any
) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE))
    (tmp_path / "notes.txt.gz").write_bytes(gzip.compress(b"<b>plain</b> notes"))
    docs, errors = split(iter_documents([str(tmp_path)], settings=settings))
    assert not errors
    assert [(Path(d.source).name, d.media_type, d.content) for d in docs] == [
        ("notes.txt.gz", "text/plain", b"<b>plain</b> notes"),
        ("page.html.gz", "text/html", PAGE),
    ]


def test_files_truncated_gzip_is_a_source_error(tmp_path: Path, settings: FetchSettings, split: Any) -> None:
    path = tmp_path / "cut.html.gz"
    path.write_bytes(gzip.compress(PAGE * 20)[:60])
    docs, errors = split(iter_documents([str(path), str(path.with_name("missing.html"))], settings=settings))
    assert not docs
    assert str(errors[0]).startswith(f"{path}: truncated gzip")
    assert errors[1].document.endswith("missing.html")  # the run went on


def test_files_corrupt_gzip_is_a_source_error(tmp_path: Path, settings: FetchSettings, split: Any) -> None:
    data = bytearray(gzip.compress(PAGE))
    data[3] = 0xFF  # reserved flag bits set: not a valid gzip header
    (tmp_path / "bad.gz").write_bytes(bytes(data))
    _, errors = split(iter_documents([str(tmp_path / "bad.gz")], settings=settings))
    assert "gzip" in errors[0].problem
