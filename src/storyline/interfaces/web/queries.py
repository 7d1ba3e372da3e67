"""Read-side queries shared by the REST API and the web pages: filtered, paginated, with totals.

The store answers listings (newest first), full-text search and one
article's analysis; filters it has no index for (date range, entity,
speaker) are applied here while walking its listing, and full-text search
narrows the walk first when a filter names words that must occur in the text.
Every result is a ``Page``: the requested slice plus the total number of
matches, so a client can page through them.

Dates are ISO strings of varying precision (``2025``, ``2025-03``,
``2025-03-05``). A date range keeps an article whose publication date
overlaps it at the coarser of the two precisions, so a month-precision
article dated ``2025-03`` is inside ``published_from=2025-03-05``. Quotes,
figures and entities are dated by their article's publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from storyline.ids import ID_LENGTH
from storyline.store import ArticleRow, Store

T = TypeVar("T")

# How many listing rows are read per store call while walking, and how many
# full-text hits at most narrow a walk (a query matching more scans them all).
WALK_PAGE = 500
SEARCH_CAP = 10_000
SNIPPET_MARKS = ("\x02", "\x03")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD = re.compile(r"\w+")
# Entity ids are content hashes (ids.digest): never words of the text, so never narrowed by search.
_ID = re.compile(f"[0-9a-f]{{{ID_LENGTH}}}")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One slice of a longer result, with the number of all matches."""

    total: int
    items: list[T]


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """The metadata a result shows about the article it comes from."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None = None
    version_no: int | None = None
    snippet: str | None = None
    score: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
            "version_no": self.version_no,
            "snippet": self.snippet,
            "score": self.score,
        }


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles a listing keeps; every field that is set must hold."""

    outlet: str | None = None
    published_from: str | None = None
    published_to: str | None = None
    entity: str | None = None
    q: str | None = None

    def dated(self) -> bool:
        """Return whether a date range is set."""
        return bool(self.published_from or self.published_to)


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact of one article (an entity, a quote or a figure record) with the article it came from."""

    article: ArticleRef
    index: int
    record: Mapping[str, Any]

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form: the record's own fields plus ``article`` and ``index``."""
        return {**self.record, "article": self.article.as_dict(), "index": self.index}


def clean_query(text: str | None) -> str | None:
    """Return a user's free text without control characters, or None when nothing is left."""
    if text is None:
        return None
    cleaned = " ".join(_CONTROL.sub(" ", text).split())
    return cleaned or None


def in_range(published: str | None, start: str | None, end: str | None) -> bool:
    """Return whether a (partial) ISO date overlaps ``[start, end]``; undated never does if a bound is set."""
    if not start and not end:
        return True
    if not published:
        return False
    if start and published[: len(start)] < start[: len(published)]:
        return False
    return not (end and published[: len(end)] > end[: len(published)])


def find_articles(store: Store, flt: ArticleFilter, limit: int, offset: int) -> Page[ArticleRef]:
    """Return the articles matching ``flt``: by relevance when ``q`` is set, else newest first."""
    q = clean_query(flt.q)
    if q is None and not flt.dated() and flt.entity is None:
        if flt.outlet is None:
            total = store.count()
            rows = store.articles(limit=limit, offset=offset)
        else:
            rows_all = list(_walk(store, flt.outlet))
            total, rows = len(rows_all), rows_all[offset : offset + limit]
        return Page(total, [_ref(r) for r in rows])
    refs: list[ArticleRef]
    if q is not None:
        hits = store.search(q, limit=SEARCH_CAP, marks=SNIPPET_MARKS)
        refs = [
            ArticleRef(h.id, h.title, h.outlet, h.published, snippet=h.snippet, score=round(h.score, 6))
            for h in hits
            if (flt.outlet is None or h.outlet == flt.outlet)
            and in_range(h.published, flt.published_from, flt.published_to)
        ]
    else:
        refs = [_ref(r) for r in _walk(store, flt.outlet, flt.published_from, flt.published_to)]
    if flt.entity is not None:
        refs = [r for r in _narrow(store, refs, flt.entity) if _has_entity(store.analysis(r.id), flt.entity)]
    page = refs[offset : offset + limit]
    if q is not None:
        page = [_with_row(store, r) for r in page]
    return Page(len(refs), page)


def find_facts(
    store: Store,
    kind: str,
    *,
    article: str | None = None,
    published_from: str | None = None,
    published_to: str | None = None,
    where: Any = None,
    narrow_by: str | None = None,
    within: set[str] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[Fact]:
    """Return the ``kind`` records ("entities", "quotes", "figures") that ``where(record)`` keeps.

    Articles are walked newest first and facts kept in their order in the
    article; ``narrow_by`` names words that must occur in an article's text
    for it to hold a match, so full-text search can skip the rest; ``within``
    keeps only the articles with those ids.
    """
    if article is not None:
        row = store.get(article)
        if row is None:
            return Page(0, [])
        a = row.article
        refs = [ArticleRef(a.id, a.title, a.outlet, a.published.value, a.url, row.version_no)]
        refs = [r for r in refs if in_range(r.published, published_from, published_to)]
    else:
        refs = [_ref(r) for r in _walk(store, None, published_from, published_to)]
        if narrow_by is not None:
            refs = _narrow(store, refs, narrow_by)
    if within is not None:  # only the articles of one story
        refs = [r for r in refs if r.id in within]
    total = 0
    items: list[Fact] = []
    for ref in refs:
        analysis = store.analysis(ref.id) or {}
        records = analysis.get(kind)
        if not isinstance(records, list):
            continue
        for i, record in enumerate(records):
            if not isinstance(record, Mapping) or (where is not None and not where(record)):
                continue
            if offset <= total < offset + limit:
                items.append(Fact(ref, i, record))
            total += 1
    return Page(total, items)


def words_match(query: str, *names: Any) -> bool:
    """Return whether every word of ``query`` is a word of one of ``names`` (case-insensitive)."""
    wanted = set(_WORD.findall(query.casefold()))
    if not wanted:
        return False
    return any(isinstance(n, str) and wanted <= set(_WORD.findall(n.casefold())) for n in names)


def speaker_matches(record: Mapping[str, Any], speaker: str) -> bool:
    """Return whether a quote's speaker is ``speaker``: its entity id, or every word of its name."""
    who = record.get("speaker")
    if not isinstance(who, Mapping):
        return False
    return who.get("entity") == speaker or words_match(speaker, who.get("name"))


def entity_matches(record: Mapping[str, Any], name: str) -> bool:
    """Return whether an entity record is ``name``: its id, or every word in its name or a mention."""
    if record.get("id") == name:
        return True
    mentions = record.get("mentions")
    texts = [m.get("text") for m in mentions if isinstance(m, Mapping)] if isinstance(mentions, list) else []
    return words_match(name, record.get("name"), *texts)


def _has_entity(analysis: Mapping[str, Any] | None, name: str) -> bool:
    entities = (analysis or {}).get("entities")
    if not isinstance(entities, list):
        return False
    return any(isinstance(e, Mapping) and entity_matches(e, name) for e in entities)


def _walk(
    store: Store, outlet: str | None, start: str | None = None, end: str | None = None
) -> Iterator[ArticleRow]:
    offset = 0
    while True:
        rows = store.articles(limit=WALK_PAGE, offset=offset, outlet=outlet)
        for row in rows:
            # Newest first, undated last: once below the range, nothing later is in it.
            if start and (row.published is None or row.published[: len(start)] < start[: len(row.published)]):
                return
            if in_range(row.published, start, end):
                yield row
        if len(rows) < WALK_PAGE:
            return
        offset += WALK_PAGE


def _narrow(store: Store, refs: list[ArticleRef], words: str) -> list[ArticleRef]:
    """Keep the refs whose text contains every word of ``words`` (all of them when search cannot tell)."""
    terms = " ".join(_WORD.findall(words))
    if not terms or len(refs) <= 1 or _ID.fullmatch(words):
        return refs
    hits = store.search(terms, limit=SEARCH_CAP)
    if len(hits) >= SEARCH_CAP:
        return refs
    found = {h.id for h in hits}
    return [r for r in refs if r.id in found]


def _ref(row: ArticleRow) -> ArticleRef:
    return ArticleRef(row.id, row.title, row.outlet, row.published, row.url, row.version_no)


def _with_row(store: Store, ref: ArticleRef) -> ArticleRef:
    stored = store.get(ref.id)
    if stored is None:
        return ref
    url, version_no = stored.article.url, stored.version_no
    return ArticleRef(ref.id, ref.title, ref.outlet, ref.published, url, version_no, ref.snippet, ref.score)
