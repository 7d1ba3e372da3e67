"""Media types: what a document is, from its name, its Content-Type, or its first bytes.

Sources only classify; turning bytes into text is the job of ``extract.decode``.
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import PurePosixPath

HTML = "text/html"
XHTML = "application/xhtml+xml"
TEXT = "text/plain"
RSS = "application/rss+xml"
ATOM = "application/atom+xml"
XML = "application/xml"
JSONL = "application/jsonl"
GZIP = "application/gzip"
OCTET_STREAM = "application/octet-stream"

# What a source does with a document, by media type.
KIND_HTML, KIND_TEXT, KIND_FEED, KIND_XML, KIND_JSONL = "html", "text", "feed", "xml", "jsonl"

_KINDS = {
    HTML: KIND_HTML,
    XHTML: KIND_HTML,
    TEXT: KIND_TEXT,
    RSS: KIND_FEED,
    ATOM: KIND_FEED,
    "application/rdf+xml": KIND_FEED,
    "application/x-rss+xml": KIND_FEED,
    "application/x-atom+xml": KIND_FEED,
    "application/feed+xml": KIND_FEED,
    XML: KIND_XML,
    "text/xml": KIND_XML,
    JSONL: KIND_JSONL,
    "application/x-ndjson": KIND_JSONL,
    "application/x-jsonlines": KIND_JSONL,
}

_EXTENSIONS = {
    ".html": HTML,
    ".htm": HTML,
    ".shtml": HTML,
    ".xhtml": XHTML,
    ".txt": TEXT,
    ".text": TEXT,
    ".rss": RSS,
    ".atom": ATOM,
    ".xml": XML,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
}

# Page assets a browser saves next to an HTML page ("Save page, complete"): a folder walk
# passes over them instead of reporting each one as an unsupported document.
ASSET_EXTENSIONS = frozenset(
    {
        *(".css", ".js", ".mjs", ".map"),
        *(".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp", ".tif", ".tiff"),
        *(".woff", ".woff2", ".ttf", ".otf", ".eot"),
        *(".mp3", ".mp4", ".m4a", ".webm", ".ogg", ".wav"),
    }
)

_MAGIC = (
    (b"%PDF", "application/pdf"),
    (b"\x89PNG", "image/png"),
    (b"GIF8", "image/gif"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"RIFF", "application/octet-stream"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", GZIP),
    (b"BZh", "application/x-bzip2"),
    (b"\xfd7zXZ\x00", "application/x-xz"),
    (b"\x7fELF", OCTET_STREAM),
    (b"\xd0\xcf\x11\xe0", "application/msword"),
    (b"WARC/", "application/warc"),
)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

# The first element after any XML declaration, processing instructions, comments and doctype.
_FEED_ROOT = re.compile(
    rb"\A\s*(?:<\?[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(rss|feed|rdf:RDF)[\s>/]",
    re.S | re.I,
)
_JSON_OBJECT_START = re.compile(rb'\{\s*"[^"\\\n]{1,200}"\s*:')
_HTML_SIGN = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p|h1|h2|br)[\s>/]", re.I
)


def kind_of(media_type: str | None) -> str | None:
    """Return how a media type is handled (html, text, feed, xml, jsonl), or None when unsupported."""
    return _KINDS.get((media_type or "").lower())


def from_name(name: str) -> str | None:
    """Return the media type a file name implies, or None when its extension says nothing."""
    return _EXTENSIONS.get(PurePosixPath(name.lower()).suffix)


def is_asset(name: str) -> bool:
    """Return whether a file name is a page asset (image, style sheet, script, font)."""
    return PurePosixPath(name.lower()).suffix in ASSET_EXTENSIONS


def is_feed(head: bytes) -> bool:
    """Return whether content starts like an RSS, Atom or RDF feed."""
    return bool(_FEED_ROOT.match(_without_bom(head[:4096])))


def looks_like_html(head: bytes) -> bool:
    """Return whether content shows HTML markup in its first few kilobytes."""
    return bool(_HTML_SIGN.search(head[:8192]))


def looks_like_jsonl(head: bytes) -> bool:
    """Return whether content starts with a line holding one JSON object."""
    body = _without_bom(head).lstrip()
    line, newline, _ = body.partition(b"\n")
    if not newline and len(head) >= 4096:
        # The first record runs past the sniffed head (an article's HTML can be long).
        return bool(_JSON_OBJECT_START.match(line))
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def sniff(head: bytes) -> str:
    """Return the media type that a document's first bytes show."""
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    if is_feed(head):
        return ATOM if re.search(rb"<feed[\s>]", head[:4096], re.I) else RSS
    if looks_like_jsonl(head):
        return JSONL
    if looks_like_html(head):
        return HTML
    if _looks_binary(head):
        return OCTET_STREAM
    return TEXT


def _without_bom(head: bytes) -> bytes:
    for bom in _BOMS:
        if head.startswith(bom):
            # Sniffing only needs ASCII markup; drop UTF-16's interleaved zero bytes.
            rest = head[len(bom):]
            return rest.replace(b"\x00", b"") if bom != codecs.BOM_UTF8 else rest
    return head


def _looks_binary(head: bytes) -> bool:
    sample = head[:8192]
    if not sample or any(sample.startswith(b) for b in _BOMS):
        return False
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return b"\x00" in sample or control / len(sample) > 0.05


def resolve(declared: str | None, head: bytes) -> tuple[str | None, str]:
    """Return (kind, media type) for a document, from its declared type checked against its first bytes.

    The kind is None when the document is of a type storyline does not read.
    """
    magic = next((t for m, t in _MAGIC if head.startswith(m)), None)
    if magic is not None:
        # Bytes that are plainly a PDF or an image are that, whatever a name or header claims.
        return None, magic
    media_type = sniff(head) if declared in (None, OCTET_STREAM) else str(declared).lower()
    kind = kind_of(media_type)
    if kind in (KIND_HTML, KIND_TEXT) and is_feed(head):
        # Servers often label feeds text/html or text/plain.
        return KIND_FEED, RSS
    if kind == KIND_XML:
        if looks_like_html(head) and not is_feed(head):
            return KIND_HTML, XHTML
        return KIND_FEED, media_type
    return kind, media_type
