"""The local document size cap, plain and gzipped."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

from storyline.sources import FetchSettings, iter_documents


def test_files_larger_than_the_cap_are_refused(tmp_path: Path, settings: FetchSettings, split: Any) -> None:
    cap = settings.max_document_bytes
    (tmp_path / "fits.html").write_bytes(b"<p>" + b"x" * (cap - 3))
    (tmp_path / "big.html").write_bytes(b"<p>" + b"x" * (cap - 2))
    (tmp_path / "big.html.gz").write_bytes(gzip.compress(b"<p>" + b"x" * cap))
    docs, errors = split(iter_documents([str(tmp_path)], settings=settings))
    assert [len(d.content) for d in docs] == [cap]
    assert sorted(e.document for e in errors) == [str(tmp_path / "big.html"), str(tmp_path / "big.html.gz")]
    assert all("larger than max_document_bytes" in e.problem for e in errors)


def test_files_50_mb_page_is_accepted_with_default_cap(tmp_path: Path, split: Any) -> None:
    paragraph = b"<p>Fictional paragraph about a river crossing.</p>\n"
    body = b"<html><body>" + paragraph * (50 * 1024 * 1024 // len(paragraph))
    (tmp_path / "huge.html").write_bytes(body)
    docs, errors = split(iter_documents([str(tmp_path / "huge.html")], settings=FetchSettings()))
    assert not errors
    assert len(docs[0].content) == len(body) > 50_000_000
