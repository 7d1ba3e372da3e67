"""Full-text search: words, phrases, prefixes, ranking, and hostile input that must not raise."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storyline.model import Article
from storyline.store import Store
from storyline.store.search import fts5_query

MakeArticle = Callable[..., tuple[Article, bytes]]

HOSTILE = [
    '"',
    "AND",
    "foo AND",
    "foo*",
    "NEAR(",
    "NEAR(a b",
    "(",
    ")",
    "a OR",
    "NOT",
    "*",
    "^x",
    ":",
    "col:x",
    '"unbalanced',
    "''",
    "-",
    "+x",
    "{a b}",
    "x AND (y OR",
    "\\",
    "%_",
    "🙂",
    "",
]


@pytest.fixture
def filled(store: Store, make_article: MakeArticle) -> Store:
    texts = {
        "port": ("Harbour cranes", "Dock workers repaired the harbour cranes before the storm season."),
        "vote": ("Council vote", "The council voted on the harbour budget and on school meals."),
        "cafe": ("Café culture", "A new café opened near the station, serving crêpes."),
    }
    for slug, (title, text) in texts.items():
        article, raw = make_article(text, f"https://x.example/{slug}", title=title)
        store.add(article, raw)
    return store


def test_search_finds_words(filled: Store) -> None:
    hits = filled.search("harbour")
    assert {h.title for h in hits} == {"Harbour cranes", "Council vote"}
    assert all("[" in h.snippet and "]" in h.snippet for h in hits)
    assert [h.title for h in filled.search("school meals")] == ["Council vote"]


def test_search_ranks_title_matches_first(filled: Store) -> None:
    hits = filled.search("harbour")
    assert hits[0].title == "Harbour cranes"
    assert hits[0].score >= hits[1].score


def test_search_folds_diacritics_and_case(filled: Store) -> None:
    assert [h.title for h in filled.search("CAFE")] == ["Café culture"]
    assert [h.title for h in filled.search("crepes")] == ["Café culture"]


def test_search_phrase_and_prefix(filled: Store) -> None:
    assert [h.title for h in filled.search('"harbour budget"')] == ["Council vote"]
    assert filled.search('"budget harbour"') == []
    assert {h.title for h in filled.search("repair*")} == {"Harbour cranes"}


def test_search_marks_and_limit(filled: Store) -> None:
    hits = filled.search("harbour", limit=1, marks=("<b>", "</b>"))
    assert len(hits) == 1 and "<b>" in hits[0].snippet
    assert filled.search("harbour", limit=0) == []


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_do_not_raise(filled: Store, query: str) -> None:
    assert isinstance(filled.search(query), list)


def test_operators_are_plain_words(filled: Store) -> None:
    # "AND" is searched as the word "and", which one text contains.
    assert [h.title for h in filled.search("harbour AND")] == ["Council vote"]
    assert filled.search("harbour NOT") == []


def test_fts5_query_quotes_every_term() -> None:
    assert fts5_query('say "hi there" x*') == '"say" "hi there" "x"*'
    assert fts5_query('a"b') == '"a""b"'
    assert fts5_query("*** ( )") is None


def test_search_sees_only_the_current_version(store: Store, make_article: MakeArticle) -> None:
    url = "https://x.example/story"
    v1, raw1 = make_article("The bridge closed for inspection today.", url)
    v2, raw2 = make_article("The bridge reopened after the inspection.", url)
    aid = store.add(v1, raw1).article_id
    store.add(v2, raw2)
    assert store.search("closed") == []
    assert [h.id for h in store.search("reopened")] == [aid]
    assert len(store.search("bridge")) == 1


def test_control_characters_in_a_query_are_not_an_error(store, make_article) -> None:
    art, raw = make_article("The ferry council met on Tuesday.", "https://example.org/ferry")
    store.add(art, raw)
    assert [h.id for h in store.search("ferry\x00council\x07")] == [art.id]
