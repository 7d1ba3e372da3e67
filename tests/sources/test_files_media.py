"""Local files: media types from the extension or the first bytes; empty and binary files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.sources import FetchSettings, iter_documents

HTML = b"<!DOCTYPE html><html><body><p>A fictional council vote in Lakeside.</p></body></html>"


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("a.html", b"<p>Lakeside</p> plain words", "text/html"),
        ("a.htm", b"just words, no markup", "text/html"),
        ("a.txt", b"<p>looks like markup but the name says text</p>", "text/plain"),
        ("article", HTML, "text/html"),
        ("notes.md", "Plain notes about Lakeside, caf\u00e9 prices.\n".encode("cp1252"), "text/plain"),
    ],
)
def test_files_media_type_from_name_or_content(
    tmp_path: Path, settings: FetchSettings, split: Any, name: str, content: bytes, media_type: str
) -> None:
    (tmp_path / name).write_bytes(content)
    docs, errors = split(iter_documents([str(tmp_path / name)], settings=settings))
    assert not errors
    assert docs[0].media_type == media_type
    assert docs[0].content == content  # bytes are delivered untouched; extract decodes them
    assert docs[0].url is None and docs[0].fetched_at is None


@pytest.mark.parametrize(
    ("name", "content", "shown"),
    [
        ("report.pdf", b"%PDF-1.7\n%fictional", "application/pdf"),
        ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        ("blob", bytes(range(256)) * 4, "application/octet-stream"),
    ],
)
def test_files_binary_files_are_refused(
    tmp_path: Path, settings: FetchSettings, split: Any, name: str, content: bytes, shown: str
) -> None:
    (tmp_path / name).write_bytes(content)
    docs, errors = split(iter_documents([str(tmp_path / name)], settings=settings))
    assert not docs
    assert str(errors[0]) == f"{tmp_path / name}: unsupported content type {shown} (not HTML, text or a feed)"


def test_files_empty_file_is_a_source_error(tmp_path: Path, settings: FetchSettings, split: Any) -> None:
    (tmp_path / "blank.html").write_bytes(b"  \n\t ")
    docs, errors = split(iter_documents([str(tmp_path / "blank.html")], settings=settings))
    assert not docs and "empty" in errors[0].problem
