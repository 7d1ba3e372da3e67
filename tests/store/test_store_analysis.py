"""Analyses are stored with their article version, atomically, and replaced when versions change."""

from __future__ import annotations

import pytest

from storyline.errors import StoreError
from storyline.store import Store

TEXT = "The harbour council approved the new ferry route on Tuesday after a long debate."


def analysis(model: str = "m-1", quotes: int = 1) -> dict:
    return {"entities": [{"id": "e1", "name": "Port Alder", "type": "GPE", "mentions": [], "roles": []}],
            "quotes": [{"span": [0, 3], "text": "The"}] * quotes, "versions": {"model": model}}


def test_analysis_is_stored_with_the_new_article(store: Store, make_article) -> None:
    art, raw = make_article(TEXT, "https://example.org/a")
    res = store.add(art, raw, analysis())
    assert store.analysis(res.article_id) == analysis()


def test_same_versions_keep_the_analysis_new_versions_replace_it(store: Store, make_article) -> None:
    art, raw = make_article(TEXT, "https://example.org/a")
    res = store.add(art, raw, analysis(quotes=1))
    again = store.add(art, raw, analysis(quotes=2))
    assert again.status == "unchanged"
    assert len(store.analysis(res.article_id)["quotes"]) == 1
    store.add(art, raw, analysis(model="m-2", quotes=2))
    stored = store.analysis(res.article_id)
    assert stored["versions"] == {"model": "m-2"} and len(stored["quotes"]) == 2


def test_each_version_keeps_its_own_analysis(store: Store, make_article) -> None:
    first, raw1 = make_article(TEXT, "https://example.org/a")
    second, raw2 = make_article(TEXT + " It opens in May.", "https://example.org/a")
    res = store.add(first, raw1, analysis(quotes=1))
    store.add(second, raw2, analysis(quotes=3))
    assert len(store.analysis(res.article_id, version_no=1)["quotes"]) == 1
    assert len(store.analysis(res.article_id)["quotes"]) == 3


def test_an_analysis_that_cannot_be_stored_leaves_no_article(store: Store, make_article) -> None:
    art, raw = make_article(TEXT, "https://example.org/a")
    with pytest.raises((StoreError, TypeError, ValueError)):
        store.add(art, raw, {"versions": {"model": object()}})
    assert store.count() == 0
    assert store.dump()["tables"]["article_versions"] == []
