"""Store.add: idempotent by article key, new versions for changed text, originals kept."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from storyline.errors import StoreError
from storyline.model import Article
from storyline.store import Store, schema

MakeArticle = Callable[..., tuple[Article, bytes]]

URL = "https://news.example.org/2024/01/10/harbour-reopens"
TEXT = "The harbour reopened on Wednesday after three weeks of repairs, officials said."


def _rows(store: Store, table: str) -> int:
    dump = store.dump()
    return len(dump["tables"][table])


def test_add_new_then_unchanged(store: Store, make_article: MakeArticle) -> None:
    article, raw = make_article(TEXT, URL)
    first = store.add(article, raw)
    second = store.add(article, raw)
    assert (first.status, first.version_no) == ("new", 1)
    assert (second.status, second.article_id, second.version_no) == ("unchanged", first.article_id, 1)
    assert store.count() == 1
    assert _rows(store, "article_versions") == 1
    assert _rows(store, "documents") == 1


def test_add_roundtrips_the_article(store: Store, make_article: MakeArticle) -> None:
    article, raw = make_article(TEXT, URL)
    result = store.add(article, raw)
    stored = store.get(result.article_id)
    assert stored is not None
    assert stored.article == article
    assert (stored.version_no, stored.versions) == (1, 1)
    assert stored.ingested_at.endswith("Z")
    assert store.original(result.article_id) == raw


def test_changed_text_same_url_is_a_new_version(store: Store, make_article: MakeArticle) -> None:
    v1, raw1 = make_article(TEXT, URL)
    v2, raw2 = make_article(TEXT + " Ferries resume on Friday.", URL, title="Updated title")
    a = store.add(v1, raw1)
    b = store.add(v2, raw2)
    assert (b.status, b.article_id, b.version_no) == ("new_version", a.article_id, 2)
    assert store.count() == 1
    stored = store.get(a.article_id)
    assert stored is not None
    assert (stored.article.text, stored.version_no, stored.versions) == (v2.text, 2, 2)
    assert store.articles()[0].title == "Updated title"
    old = store.get(a.article_id, version_no=1)
    assert old is not None and old.article == v1
    assert store.original(a.article_id) == raw2
    assert store.original(a.article_id, version_no=1) == raw1
    assert [v.version_no for v in store.versions(a.article_id)] == [1, 2]


def test_readding_an_old_version_is_unchanged(store: Store, make_article: MakeArticle) -> None:
    v1, raw1 = make_article(TEXT, URL)
    v2, raw2 = make_article(TEXT + " More.", URL)
    store.add(v1, raw1)
    store.add(v2, raw2)
    again = store.add(v1, raw1)
    assert (again.status, again.version_no) == ("unchanged", 1)
    stored = store.get(again.article_id)
    assert stored is not None and stored.version_no == 2


def test_whitespace_only_change_is_unchanged(store: Store, make_article: MakeArticle) -> None:
    article, raw = make_article(TEXT, URL)
    store.add(article, raw)
    spaced = dataclasses.replace(article, text=TEXT.replace(" ", "  "))
    assert store.add(spaced, raw).status == "unchanged"


def test_same_text_from_two_sources_is_one_article(store: Store, make_article: MakeArticle) -> None:
    # No URL: the key is the text hash, so a copy from another source is the same article.
    a, raw_a = make_article(TEXT, None, source="folder/a.txt", original=TEXT.encode())
    b, raw_b = make_article(TEXT, None, source="feed.jsonl#3", original=b"{'text': '...'}")
    first, second = store.add(a, raw_a), store.add(b, raw_b)
    assert second.status == "unchanged" and second.article_id == first.article_id
    assert store.count() == 1


def test_same_url_from_two_sources_is_one_article(store: Store, make_article: MakeArticle) -> None:
    a, raw_a = make_article(TEXT, URL, source="page.html")
    variant = URL.replace("news.example.org", "NEWS.Example.ORG") + "#comments"
    b, raw_b = make_article(TEXT, variant, source="crawl.warc.gz#7", original=b"<html>other wrapper</html>")
    first, second = store.add(a, raw_a), store.add(b, raw_b)
    assert (first.status, second.status) == ("new", "unchanged")
    assert second.article_id == first.article_id
    assert store.original(first.article_id) == raw_a


def test_changed_text_without_url_is_another_article(store: Store, make_article: MakeArticle) -> None:
    a, raw_a = make_article(TEXT, None)
    b, raw_b = make_article(TEXT + " Ferries resume.", None)
    assert store.add(a, raw_a).status == "new"
    assert store.add(b, raw_b).status == "new"
    assert store.count() == 2


def test_document_shared_by_versions_is_stored_once(store: Store, make_article: MakeArticle) -> None:
    raw = b"<html>one page, extracted twice</html>"
    v1, _ = make_article(TEXT, URL, original=raw)
    v2, _ = make_article(TEXT + " A later extractor kept this line.", URL, original=raw)
    store.add(v1, raw)
    assert store.add(v2, raw).status == "new_version"
    assert _rows(store, "documents") == 1
    assert store.original(v1.id, version_no=1) == store.original(v1.id, version_no=2) == raw


def test_original_bytes_must_match_the_article(store: Store, make_article: MakeArticle) -> None:
    article, raw = make_article(TEXT, URL)
    with pytest.raises(StoreError, match="original_sha256"):
        store.add(article, raw + b"tampered")
    assert store.count() == 0


def test_documents_are_compressed(store: Store, make_article: MakeArticle) -> None:
    raw = ("<p>" + TEXT + "</p>\n").encode() * 200
    article, _ = make_article(TEXT, URL, original=raw)
    store.add(article, raw)
    with store._engine.connect() as conn:
        size = conn.scalar(select(func.length(schema.documents.c.content)))
    assert size is not None and size < len(raw) / 5
    assert store.knows(article.original_sha256)
    assert not store.knows("0" * 64)
