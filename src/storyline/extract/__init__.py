"""extract: RawDocument → Article (clean text, metadata, offset map).

``extract(doc)`` decodes the bytes, picks the HTML or plain-text extractor,
and assembles a frozen ``Article`` whose id is stable: the same document
always gives the same article.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from storyline.errors import ExtractError
from storyline.extract.decode import decode
from storyline.extract.html_page import extract_html, looks_like_html
from storyline.extract.language import detect_language
from storyline.extract.plain_text import extract_plain_text
from storyline.ids import article_id, canonical_url
from storyline.model import Article, Published, RawDocument

__all__ = ["extract"]


def extract(doc: RawDocument) -> Article:
    """Turn one raw document into a clean, dated Article, or raise ExtractError."""
    original = decode(doc.content, doc.source, doc.charset)
    if looks_like_html(original, doc.media_type):
        ex = extract_html(original, doc)
    else:
        ex = extract_plain_text(original, doc)
    text = ex.text.strip()
    if len(text.split()) < 3:
        raise ExtractError(doc.source, "no article text found")
    url = canonical_url(doc.url) or canonical_url(ex.url)
    published = ex.published
    if published.value is None and doc.published:
        published = _from_source(doc.published)
    outlet = doc.outlet or ex.outlet or _host(url)
    return Article(
        id=article_id(url, ex.text),
        source=doc.source,
        text=ex.text,
        url=url,
        outlet=outlet,
        title=doc.title or ex.title,
        byline=ex.byline,
        language=ex.language or detect_language(ex.text),
        published=published,
        links=ex.links,
        offsets=ex.offsets,
        format=ex.format,
        original_sha256=hashlib.sha256(doc.content).hexdigest(),
        fetched_at=doc.fetched_at,
    )


def _from_source(value: str) -> Published:
    from storyline.extract.dates import parse_date_value

    parsed = parse_date_value(value)
    return Published(parsed[0], parsed[1], "source") if parsed else Published()


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
