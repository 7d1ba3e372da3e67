"""JSON Lines: one article per line, ``{"url", "html" or "text", "title", "published", "outlet"}``.

Lines are read one at a time, so a file of a million articles never sits in
memory whole; a bad line is a SourceError naming ``file:LINE`` and reading
goes on with the next.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from storyline.errors import SourceError
from storyline.model import RawDocument
from storyline.sources import media

_HINTS = ("url", "title", "published", "outlet")


def iter_jsonl(stream: BinaryIO, source: str, max_line_bytes: int) -> Iterator[RawDocument | SourceError]:
    """Yield one document per non-blank line of ``stream``, and a SourceError per bad line.

    Read errors of the stream itself (a truncated gzip, say) propagate to the caller.
    """
    number = 0
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return
        number += 1
        name = f"{source}:{number}"
        if len(line) > max_line_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield SourceError(name, f"line longer than max_document_bytes = {max_line_bytes} bytes")
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        yield parse_line(line, name)


def parse_line(line: bytes, name: str) -> RawDocument | SourceError:
    """Turn one JSON Lines record into a RawDocument, or a SourceError saying what is wrong."""
    try:
        record = json.loads(line)
    except UnicodeDecodeError:
        return SourceError(name, "line is not valid UTF-8")
    except json.JSONDecodeError as err:
        return SourceError(name, f"invalid JSON ({err.msg} at column {err.colno})")
    if not isinstance(record, dict):
        return SourceError(name, f"expected a JSON object, got {type(record).__name__}")
    for key in (*_HINTS, "html", "text"):
        if record.get(key) is not None and not isinstance(record[key], str):
            return SourceError(name, f"field {key!r} must be a string")
    html, text = record.get("html"), record.get("text")
    if html is None and text is None:
        return SourceError(name, "record has neither 'html' nor 'text'")
    body, media_type = (html, media.HTML) if html is not None else (text, media.TEXT)
    if not body.strip():
        return SourceError(name, f"field {'html' if html is not None else 'text'!r} is empty")
    return RawDocument(
        source=name,
        # A lone surrogate ("\\ud800") is legal JSON but not encodable text.
        content=body.encode("utf-8", errors="replace"),
        url=record.get("url") or None,
        media_type=media_type,
        charset="utf-8",
        title=record.get("title") or None,
        published=record.get("published") or None,
        outlet=record.get("outlet") or None,
    )


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while chunk := stream.readline(1 << 20):
        if chunk.endswith(b"\n"):
            return
