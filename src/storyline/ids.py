"""Stable, content-derived identifiers: same input, same ids."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit

ID_LENGTH = 16


def digest(*parts: str) -> str:
    """Return a short hex id from the SHA-256 of ``parts``."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:ID_LENGTH]


def text_hash(text: str) -> str:
    """Return the full SHA-256 hex of a text, whitespace-normalised."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def canonical_url(url: str | None) -> str | None:
    """Return ``url`` with scheme and host lower-cased and the fragment dropped."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def article_key(url: str | None, text: str) -> str:
    """Return the identity key of an article: its canonical URL, else its text hash."""
    canon = canonical_url(url)
    return f"url:{canon}" if canon else f"text:{text_hash(text)}"


def article_id(url: str | None, text: str) -> str:
    """Return the stable article id derived from its identity key."""
    return digest(article_key(url, text))
