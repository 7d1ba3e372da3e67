"""Frozen records the Store hands back: add results, stored articles, rows, hits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from storyline.model import Article, Published

AddStatus = Literal["new", "new_version", "unchanged"]


@dataclass(frozen=True, slots=True)
class AddResult:
    """What Store.add did: a new article, a new version of one, or nothing."""

    status: AddStatus
    article_id: str
    version_no: int


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored: rebuilt from one version, with its version bookkeeping."""

    article: Article
    version_no: int
    versions: int
    ingested_at: str


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One line of an article listing (the current version's metadata)."""

    id: str
    published: str | None
    outlet: str | None
    title: str | None
    version_no: int
    url: str | None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text match; ``score`` is higher for better matches."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class VersionRow:
    """One stored version of an article."""

    version_id: str
    version_no: int
    source: str
    url: str | None
    title: str | None
    published: Published
    original_sha256: str
    fetched_at: str | None
    ingested_at: str
