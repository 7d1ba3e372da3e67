"""Publication dates of HTML pages: structured data first, then htmldate, with how each was found.

htmldate returns a bare ``YYYY-MM-DD``; storyline also records *how* the date
was found. Dates the page declares in markup (ld+json ``datePublished``,
``article:published_time`` and similar meta tags) are ``"meta"``; a date that
only the URL carries is ``"url"``; a date htmldate read from the visible page
is ``"printed"``. When htmldate falls back to a bare year (a copyright line,
a lone "2019") it answers 1 January; storyline keeps only the year and says it
was ``"inferred"``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate

from htmldate import find_date
from lxml.html import HtmlElement

from storyline.model import Published

# Article-like schema.org types whose datePublished is the page's own date
# (a WebPage, VideoObject or Organization date belongs to something else).
_ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report|NewsArticle|LiveBlogPosting|Posting)$")
# Meta tags that declare the original publication date, most specific first.
_META_PUBLISHED = (
    ("property", "article:published_time"),
    ("property", "og:article:published_time"),
    ("name", "article:published_time"),
    ("itemprop", "datepublished"),
    ("name", "parsely-pub-date"),
    ("name", "sailthru.date"),
    ("name", "pubdate"),
    ("name", "publishdate"),
    ("name", "publish-date"),
    ("name", "publication_date"),
    ("name", "dc.date.issued"),
    ("name", "dcterms.issued"),
    ("name", "dc.date"),
    ("name", "date"),
)
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_URL_DATE = re.compile(r"\D((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:\D|$)")
_EARLIEST = date(1990, 1, 1)


def _latest() -> date:
    # Tomorrow, to allow for time zones ahead of the machine's: no page is from the future.
    return (datetime.now(UTC) + timedelta(days=1)).date()


def parse_markup_date(value: str | None) -> str | None:
    """Parse a machine-readable date (ISO 8601, RFC 2822, epoch seconds) as written, to ``YYYY-MM-DD``."""
    if not value:
        return None
    value = value.strip()
    found: date | None = None
    m = _ISO_DATE.match(value)
    if m:
        try:
            # The calendar date as the page wrote it, not shifted to UTC: that is
            # the day the outlet printed, in its own time zone.
            found = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    elif value.isdigit() and len(value) in (10, 13):
        found = datetime.fromtimestamp(int(value[:10]), UTC).date()
    else:
        parts = parsedate(value)
        if parts is not None:
            try:
                found = date(parts[0], parts[1], parts[2])
            except ValueError:
                return None
    if found is None or not _EARLIEST <= found <= _latest():
        return None
    return found.isoformat()


def _ld_objects(data: object) -> Iterator[dict[str, object]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in data:
                yield from _ld_objects(data[key])


def _is_article(obj: dict[str, object]) -> bool:
    kinds = obj.get("@type")
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in names)


def ld_json_objects(tree: HtmlElement) -> list[dict[str, object]]:
    """Return the schema.org objects of the page's ld+json scripts, in page order."""
    objects: list[dict[str, object]] = []
    for script in tree.iterfind(".//script[@type]"):
        if "ld+json" not in script.get("type", "").lower() or not script.text:
            continue
        text = script.text.strip().removeprefix("<!--").removesuffix("-->").strip()
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            continue
        objects.extend(_ld_objects(data))
    return objects


def structured_date(tree: HtmlElement) -> str | None:
    """Return the publication date the page declares in ld+json or meta tags, if any."""
    for obj in ld_json_objects(tree):
        if _is_article(obj):
            value = obj.get("datePublished") or obj.get("dateCreated")
            parsed = parse_markup_date(value) if isinstance(value, str) else None
            if parsed:
                return parsed
    metas: dict[tuple[str, str], str] = {}
    for meta in tree.iterfind(".//meta"):
        content = meta.get("content") or meta.get("datetime")
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = (attr, meta.get(attr, "").lower())
            if key[1] and key not in metas:
                metas[key] = content
    for key in _META_PUBLISHED:
        parsed = parse_markup_date(metas.get(key))
        if parsed:
            return parsed
    for elem in tree.iterfind(".//*[@itemprop]"):
        if elem.get("itemprop", "").lower() == "datepublished":
            parsed = parse_markup_date(elem.get("datetime") or elem.get("content"))
            if parsed:
                return parsed
    return None


def _markup_dates(tree: HtmlElement) -> set[str]:
    """Every date written in machine-readable markup: meta content, ld+json, time/@datetime."""
    found: set[str] = set()
    for meta in tree.iterfind(".//meta[@content]"):
        parsed = parse_markup_date(meta.get("content"))
        if parsed:
            found.add(parsed)
    for obj in ld_json_objects(tree):
        for key, value in obj.items():
            if key.lower().startswith("date") and isinstance(value, str):
                parsed = parse_markup_date(value)
                if parsed:
                    found.add(parsed)
    return found


def url_date(url: str | None) -> str | None:
    """Return the full date a URL carries in its path (``/2024/01/10/``, ``20240110``), if any."""
    if not url:
        return None
    m = _URL_DATE.search(url)
    if not m:
        return None
    try:
        found = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return found.isoformat() if _EARLIEST <= found <= _latest() else None


def htmldate_guess(original: str, url: str | None) -> str | None:
    """Return htmldate's publication date for the page (original date, extensive search)."""
    # htmldate parses the string itself: its parser keeps the comments and
    # markup that trafilatura's cleaned tree drops, and it scores better so.
    return find_date(original, url=url, original_date=True, extensive_search=True)


def label(value: str, tree: HtmlElement, original: str, url: str | None) -> Published:
    """Say how a date htmldate found was found: in markup, in the URL, or printed on the page."""
    if value in _markup_dates(tree):
        return Published(value, "day", "meta")
    if value == url_date(url):
        return Published(value, "day", "url")
    if value.endswith("-01-01") and not _printed_new_year(value[:4], original):
        # htmldate's last resorts (copyright line, lone year) answer 1 January: keep only the year.
        return Published(value[:4], "year", "inferred")
    return Published(value, "day", "printed")


def _printed_new_year(year: str, original: str) -> bool:
    """Return whether the page writes 1 January of ``year`` as a full date (numeric or English)."""
    pattern = (
        rf"{year}[-/.]0?1[-/.]0?1\b|\b0?1[-/.]0?1[-/.]{year}|"
        rf"\b(?:January|Jan\.?)\s+1(?:st)?,?\s+{year}|\b1(?:st)?\s+(?:January|Jan\.?),?\s+{year}"
    )
    return re.search(pattern, original, re.I) is not None


def publication_date(tree: HtmlElement, original: str, url: str | None) -> Published:
    """Find the page's publication date: declared in markup first, else htmldate's guess."""
    declared = structured_date(tree)
    if declared:
        return Published(declared, "day", "meta")
    guess = htmldate_guess(original, url)
    return label(guess, tree, original, url) if guess else Published()
