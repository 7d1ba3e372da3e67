"""Standard input ("-"): a page, JSON Lines, a feed or gzip, told apart by content."""

from __future__ import annotations

import gzip
import io
import json
from typing import Any

from storyline.sources import STDIN, FetchSettings, iter_documents

PAGE = b"<html><body><p>The fictional Greenvale school choir won a prize.</p></body></html>"


def test_stdin_empty_is_a_source_error(settings: FetchSettings, split: Any) -> None:
    docs, errors = split(iter_documents(["-"], stdin=io.BytesIO(b""), settings=settings))
    assert not docs
    assert str(errors[0]) == f"{STDIN}: empty input"


def test_stdin_page_is_one_document(settings: FetchSettings, split: Any) -> None:
    docs, errors = split(iter_documents(["-"], stdin=io.BytesIO(PAGE), settings=settings))
    assert not errors
    assert [(d.source, d.content, d.media_type) for d in docs] == [(STDIN, PAGE, "text/html")]


def test_stdin_gzipped_jsonl_is_recognised(settings: FetchSettings, split: Any) -> None:
    data = gzip.compress(b'{"text": "Greenvale council met."}\n{"html": "<p>Greenvale fair.</p>"}\n')
    docs, errors = split(iter_documents(["-"], stdin=io.BytesIO(data), settings=settings))
    assert not errors
    assert [d.source for d in docs] == [f"{STDIN}:1", f"{STDIN}:2"]


def test_stdin_short_reads_are_joined(settings: FetchSettings, split: Any) -> None:
    class Trickle(io.RawIOBase):
        """A pipe that hands over three bytes per read."""

        def __init__(self, data: bytes) -> None:
            self._data = data

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            chunk, self._data = self._data[:3], self._data[3:]
            buffer[: len(chunk)] = chunk
            return len(chunk)

        def read(self, size: int = -1) -> bytes:
            chunk, self._data = self._data[:3], self._data[3:]
            return chunk

    docs, _ = split(iter_documents(["-"], stdin=Trickle(PAGE), settings=settings))  # type: ignore[arg-type]
    assert docs[0].content == PAGE and docs[0].media_type == "text/html"


def test_stdin_jsonl_with_a_long_first_record_is_recognised(split: Any) -> None:
    body = "<p>" + "A long fictional report from Greenvale. " * 5000 + "</p>"
    data = (json.dumps({"html": body}) + "\n" + json.dumps({"text": "Short Greenvale note."}) + "\n").encode()
    assert data.index(b"\n") > 64 * 1024  # longer than the bytes sniffed to recognise the format
    docs, errors = split(iter_documents(["-"], stdin=io.BytesIO(data), settings=FetchSettings()))
    assert not errors
    assert [d.media_type for d in docs] == ["text/html", "text/plain"]
