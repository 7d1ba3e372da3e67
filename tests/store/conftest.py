"""Store fixtures: a fresh file-backed store and a builder for hand-made articles."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from storyline.ids import article_id, canonical_url
from storyline.model import Article, OffsetMap, Published
from storyline.store import Store, open_store

MakeArticle = Callable[..., tuple[Article, bytes]]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database file path in a fresh temporary folder."""
    return tmp_path / "store.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A freshly migrated store, closed after the test."""
    with open_store(str(db_path)) as s:
        yield s


def build_article(
    text: str,
    url: str | None = None,
    *,
    source: str = "doc.html",
    title: str | None = "A title",
    outlet: str | None = "example.org",
    published: str | None = "2024-01-10",
    original: bytes | None = None,
) -> tuple[Article, bytes]:
    """Return an Article as extract would build it, plus its original bytes."""
    raw = original if original is not None else f"<html><p>{text}</p></html>".encode()
    canon = canonical_url(url)
    article = Article(
        id=article_id(canon, text),
        source=source,
        text=text,
        url=canon,
        outlet=outlet,
        title=title,
        byline=("Ann Writer", "Bo Reporter"),
        language="en",
        published=Published(published, "day" if published else None, "meta" if published else None),
        links=("https://example.org/other",),
        offsets=OffsetMap(((0, 9, len(text)),)),
        format="html",
        original_sha256=hashlib.sha256(raw).hexdigest(),
        fetched_at="2024-01-11T08:00:00Z",
    )
    return article, raw


@pytest.fixture
def make_article() -> MakeArticle:
    """The hand-made article builder (see build_article)."""
    return build_article
