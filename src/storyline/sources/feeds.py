"""Feeds: RSS and Atom documents read with feedparser, one RawDocument per item.

An item that carries its full text (``content:encoded``, Atom ``content``)
becomes a document as it stands; otherwise its link is fetched — only when
the link is http(s), so a feed can never make storyline read a local file.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import feedparser

from storyline.errors import SourceError
from storyline.model import RawDocument
from storyline.sources import media
from storyline.sources.settings import FetchSettings
from storyline.sources.web import fetch

Fetch = Callable[[str, FetchSettings], RawDocument]

_TITLE_SEPARATOR = re.compile(r"\s+[-\u2013\u2014|:>\u00bb\u00b7]\s+")
_GENERIC_HOST_LABELS = frozenset({"www", "feeds", "feed", "rss", "atom", "news", "blog", "blogs"})


def iter_feed(
    data: bytes,
    source: str,
    settings: FetchSettings,
    *,
    url: str | None = None,
    charset: str | None = None,
    fetched_at: str | None = None,
    fetcher: Fetch = fetch,
) -> Iterator[RawDocument | SourceError]:
    """Yield one document per feed item, in feed order, and a SourceError per item that fails.

    ``url`` is where the feed itself came from (relative item links resolve
    against it); ``fetcher`` fetches items that carry only a link.
    """
    headers = {"content-location": url} if url else {}
    if charset:
        headers["content-type"] = f"application/xml; charset={charset}"
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") or not parsed.get("version"):
            reason = parsed.get("bozo_exception")
            detail = f" ({_one_line(reason)})" if reason else ""
            yield SourceError(source, f"not an RSS/Atom feed{detail}")
        else:
            yield SourceError(source, "feed has no items")
        return
    channel = parsed.get("feed", {})
    outlet = outlet_name(_text(channel.get("title")), _text(channel.get("link")) or url)
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        item = f"{source}#item-{number}"
        link = _text(entry.get("link"))
        hints = {
            "title": _text(entry.get("title")),
            "published": _text(entry.get("published") or entry.get("updated")),
            "outlet": outlet,
        }
        content = _full_content(entry)
        if content is not None:
            body, media_type = content
            yield RawDocument(
                source=item,
                content=body.encode("utf-8"),
                url=link,
                media_type=media_type,
                charset="utf-8",
                fetched_at=fetched_at,
                **hints,
            )
            continue
        if not link:
            yield SourceError(item, "feed item has neither full content nor a link")
            continue
        if urlsplit(link).scheme.lower() not in ("http", "https"):
            yield SourceError(item, f"refused to follow a link that is not http(s): {_one_line(link)}")
            continue
        if link in seen:
            continue
        seen.add(link)
        try:
            page = fetcher(link, settings)
        except SourceError as err:
            yield err
            continue
        yield RawDocument(
            source=page.source,
            content=page.content,
            url=page.url,
            media_type=page.media_type,
            charset=page.charset,
            fetched_at=page.fetched_at,
            title=hints["title"],
            published=hints["published"],
            outlet=outlet,
        )


def outlet_name(title: str | None, site: str | None) -> str | None:
    """Return the outlet a feed title names: "Valley Post – World" on valleypost.example → "Valley Post".

    A feed title often joins the outlet and a section; the part that matches
    the site's host name is the outlet. When no part matches, the whole title
    is kept rather than guessed at.
    """
    if not title or not site:
        return title
    parts = [p for p in _TITLE_SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    host = (urlsplit(site).hostname or "").lower().split(".")[:-1]
    labels = [label for label in host if len(label) >= 3 and label not in _GENERIC_HOST_LABELS]
    for part in parts:
        squashed = re.sub(r"[^0-9a-z]", "", part.lower())
        if len(squashed) >= 3 and any(label in squashed or squashed in label for label in labels):
            return part.strip()
    return title


def _full_content(entry: Any) -> tuple[str, str] | None:
    """Return the item's full body and its media type, preferring HTML; None when it has none."""
    best: tuple[str, str] | None = None
    for part in entry.get("content") or []:
        value = part.get("value") or ""
        if not value.strip():
            continue
        kind = (part.get("type") or "").lower()
        media_type = media.TEXT if kind == media.TEXT else media.HTML
        if media_type == media.HTML:
            return value, media_type
        best = best or (value, media_type)
    return best


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return _one_line(value) or None


def _one_line(value: object) -> str:
    return " ".join(str(value).split())
