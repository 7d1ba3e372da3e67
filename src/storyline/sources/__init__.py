"""sources: what a user names — files, folders, globs, URLs, feeds, JSON Lines, ``-`` — as RawDocuments.

``iter_documents(["examples/", "https://example.org/feed.rss", "-"])`` yields
RawDocuments in a stable order (inputs as given; a folder or glob sorted by
path; feed items and JSON Lines records in file order). Whatever fails — a
missing file, a 404, a PDF, a bad JSON line — is yielded as a SourceError
whose ``str()`` is one line ``"path-or-url: problem"``, and the run goes on
with the rest. Content is delivered as bytes; ``extract`` decodes it.
"""

from __future__ import annotations

import io
import os
import sys
import zlib
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from storyline.errors import SourceError
from storyline.model import RawDocument
from storyline.sources import files, media, web
from storyline.sources.feeds import iter_feed
from storyline.sources.jsonl import iter_jsonl
from storyline.sources.settings import DEFAULT_USER_AGENT, FetchSettings
from storyline.sources.web import fetch

__all__ = ["DEFAULT_USER_AGENT", "STDIN", "FetchSettings", "fetch", "iter_documents"]

STDIN = "<stdin>"
_GZIP_MAGIC = b"\x1f\x8b"


def iter_documents(
    inputs: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    settings: FetchSettings | None = None,
) -> Iterator[RawDocument | SourceError]:
    """Yield a RawDocument for each document the inputs name, and a SourceError for each that fails.

    An input is a file, a folder (walked recursively, sorted, hidden names
    skipped), a glob, an http(s) URL, or ``-`` for ``stdin`` (default: the
    process's standard input). ``.gz`` content is decompressed; RSS/Atom
    feeds and JSON Lines files yield one document per item or line. A file
    reached twice (``a.html ./a.html``) is read once.
    """
    settings = settings or FetchSettings.from_config()
    seen: set[str] = set()
    for arg in inputs:
        if arg == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _from_stream(STDIN, stream, settings)
        elif web.is_url(arg):
            yield from _from_url(arg, settings)
        elif web.has_scheme(arg):
            yield SourceError(arg, "unsupported URL scheme (give a file path or an http(s) URL)")
        else:
            try:
                paths = files.expand(arg)
            except SourceError as err:
                yield err
                continue
            for path in paths:
                key = os.path.realpath(path)
                if key not in seen:
                    seen.add(key)
                    yield from _from_file(path, settings)


def _from_file(path: str, settings: FetchSettings) -> Iterator[RawDocument | SourceError]:
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as err:
        yield SourceError(path, files.read_problem(err))
        return
    with stream:
        yield from _from_stream(path, stream, settings, declared=media.from_name(files.type_name(path)))


def _from_url(url: str, settings: FetchSettings) -> Iterator[RawDocument | SourceError]:
    try:
        page = fetch(url, settings)
    except SourceError as err:
        yield err
        return
    yield from _from_stream(
        url,
        io.BytesIO(page.content),
        settings,
        declared=page.media_type,
        url=page.url,
        charset=page.charset,
        fetched_at=page.fetched_at,
    )


def _from_stream(
    name: str,
    stream: BinaryIO,
    settings: FetchSettings,
    *,
    declared: str | None = None,
    url: str | None = None,
    charset: str | None = None,
    fetched_at: str | None = None,
) -> Iterator[RawDocument | SourceError]:
    """Route one byte stream by its content: a document, a feed, or JSON Lines."""
    try:
        head = files.read_head(stream)
        if head.startswith(_GZIP_MAGIC):
            stream = files.gunzip(head, stream)
            head = files.read_head(stream)
        if not head.strip():
            yield SourceError(name, "empty input" if name == STDIN else "empty document")
            return
        kind, media_type = media.resolve(declared, head)
        if kind is None:
            yield SourceError(name, f"unsupported content type {media_type} (not HTML, text or a feed)")
            return
        if kind == media.KIND_JSONL:
            # Streamed line by line: the size cap applies to each record, not the whole file.
            yield from iter_jsonl(files.rejoin(head, stream), name, settings.max_document_bytes)
            return
        data = files.read_capped(name, head, stream, settings.max_document_bytes)
    except SourceError as err:
        yield err
        return
    except (EOFError, OSError, zlib.error) as err:
        yield SourceError(name, files.read_problem(err))
        return
    if kind == media.KIND_FEED:
        yield from iter_feed(data, name, settings, url=url, charset=charset, fetched_at=fetched_at)
    else:
        yield RawDocument(
            source=name, content=data, url=url, media_type=media_type, charset=charset, fetched_at=fetched_at
        )
