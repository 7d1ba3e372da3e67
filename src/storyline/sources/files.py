"""Files: paths, folders and globs expanded to a sorted list; byte streams read within limits.

A folder is walked recursively in sorted order, passing over hidden files and
folders (names starting with ".") and page assets (images, style sheets,
scripts, fonts). A glob (``examples/*.html``, ``data/**``) is expanded the
same way. A file named explicitly is always read.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import zlib
from pathlib import PurePath
from typing import BinaryIO

from storyline.errors import SourceError
from storyline.sources import media

HEAD_BYTES = 64 * 1024
_GLOB_CHARS = frozenset("*?[")


def expand(arg: str) -> list[str]:
    """Return the files an input names, in a stable order, or raise SourceError when there are none."""
    if os.path.isdir(arg):
        found = _walk(arg)
        if not found:
            raise SourceError(arg, "folder holds no documents")
        return found
    if os.path.exists(arg):
        return [arg]
    if _GLOB_CHARS & set(arg):
        matches = [
            m for m in glob.glob(arg, recursive=True) if os.path.isfile(m) and not media.is_asset(m)
        ]
        if not matches:
            raise SourceError(arg, "no files match")
        return sorted(matches, key=_sort_key)
    raise SourceError(arg, "no such file or directory")


def _walk(folder: str) -> list[str]:
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        kept = (n for n in names if not n.startswith(".") and not media.is_asset(n))
        found.extend(os.path.normpath(os.path.join(root, n)) for n in kept)
    return sorted(found, key=_sort_key)


def _sort_key(path: str) -> tuple[str, ...]:
    # Compare path parts, so "a/b.html" sorts with the other files in "a", not by "/" vs ".".
    return PurePath(path).parts


def type_name(name: str) -> str:
    """Return the name whose extension tells the content type: ``a.html.gz`` → ``a.html``."""
    return name[:-3] if name.lower().endswith(".gz") else name


def read_head(stream: BinaryIO, size: int = HEAD_BYTES) -> bytes:
    """Read up to ``size`` bytes, looping because a pipe may return short reads."""
    parts: list[bytes] = []
    got = 0
    while got < size and (chunk := stream.read(size - got)):
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def read_capped(name: str, head: bytes, stream: BinaryIO, limit: int) -> bytes:
    """Return ``head`` plus the rest of ``stream``, raising SourceError past ``limit`` bytes."""
    rest = stream.read(max(limit - len(head), 0) + 1)
    data = head + rest
    if len(data) > limit:
        raise SourceError(name, f"larger than max_document_bytes = {limit} bytes")
    return data


class Rejoined(io.RawIOBase):
    """A stream that gives back an already-read head before the rest of the underlying stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        """Return True: this stream is for reading."""
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Fill ``buffer`` from the head first, then from the rest."""
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def rejoin(head: bytes, rest: BinaryIO) -> BinaryIO:
    """Return a buffered stream reading ``head`` then ``rest``."""
    return io.BufferedReader(Rejoined(head, rest), buffer_size=HEAD_BYTES)


def gunzip(head: bytes, rest: BinaryIO) -> BinaryIO:
    """Return a stream of the decompressed content of a gzip stream whose start is ``head``."""
    return gzip.GzipFile(fileobj=rejoin(head, rest), mode="rb")  # type: ignore[return-value]


def read_problem(err: Exception) -> str:
    """Describe a failure to read or decompress a local stream in one line."""
    if isinstance(err, EOFError):
        return "truncated gzip (the data ends before the end of the compressed stream)"
    if isinstance(err, gzip.BadGzipFile | zlib.error):
        return f"corrupt gzip ({' '.join(str(err).split())})"
    if isinstance(err, OSError) and err.strerror:
        return f"cannot read ({err.strerror})"
    return f"cannot read ({' '.join(str(err).split())})"

