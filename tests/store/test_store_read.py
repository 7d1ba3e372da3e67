"""Store reads: listing order and paging, counts, versions, unknown ids."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storyline.model import Article
from storyline.store import Store, open_store

MakeArticle = Callable[..., tuple[Article, bytes]]


def _fill(store: Store, make_article: MakeArticle) -> dict[str, str]:
    dated = {
        "a": ("https://x.example/a", "2024-01-09", "alpha.example"),
        "b": ("https://x.example/b", "2024-01-11", "beta.example"),
        "c": ("https://x.example/c", None, "alpha.example"),
        "d": ("https://x.example/d", "2024-01-11", "alpha.example"),
        "e": ("https://x.example/e", "2023-12", "beta.example"),
    }
    ids = {}
    for name, (url, published, outlet) in dated.items():
        article, raw = make_article(
            f"Story {name} has several words in it.",
            url,
            published=published,
            outlet=outlet,
            title=f"Story {name}",
        )
        ids[name] = store.add(article, raw).article_id
    return ids


def test_articles_newest_first_undated_last(store: Store, make_article: MakeArticle) -> None:
    ids = _fill(store, make_article)
    rows = store.articles()
    published = [r.published for r in rows]
    assert published[-1] is None
    dated = [p for p in published if p is not None]
    assert dated == sorted(dated, reverse=True)
    # Two articles share 2024-01-11: ties go by id, so the order is stable.
    tied = [r.id for r in rows if r.published == "2024-01-11"]
    assert tied == sorted([ids["b"], ids["d"]])
    assert store.count() == len(rows) == 5


def test_articles_paging_and_outlet(store: Store, make_article: MakeArticle) -> None:
    _fill(store, make_article)
    everything = [r.id for r in store.articles(limit=100)]
    pages = [r.id for off in range(0, 5, 2) for r in store.articles(limit=2, offset=off)]
    assert pages == everything
    alpha = store.articles(outlet="alpha.example")
    assert {r.outlet for r in alpha} == {"alpha.example"} and len(alpha) == 3
    assert store.articles(outlet="nobody.example") == []


def test_listing_is_identical_across_insert_orders(tmp_path: Path, make_article: MakeArticle) -> None:
    listings = []
    for name, order in (("one.db", "abcde"), ("two.db", "edcba")):
        with open_store(str(tmp_path / name)) as s:
            for ch in order:
                article, raw = make_article(
                    f"Story {ch} text body here.",
                    f"https://x.example/{ch}",
                    published="2024-01-01" if ch in "bd" else "2024-02-02",
                )
                s.add(article, raw)
            listings.append(s.articles())
    assert listings[0] == listings[1]


def test_unknown_ids_give_none_and_empty(store: Store) -> None:
    assert store.get("nope") is None
    assert store.original("nope") is None
    assert store.versions("nope") == []


def test_unknown_version_gives_none(store: Store, make_article: MakeArticle) -> None:
    article, raw = make_article("Some words for one version only.", "https://x.example/v")
    aid = store.add(article, raw).article_id
    assert store.get(aid, version_no=2) is None
    assert store.original(aid, version_no=2) is None
