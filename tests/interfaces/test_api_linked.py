"""The cross-article endpoints (stories, actors, series) over the linked example story."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest


@pytest.fixture(scope="module")
def client(linked_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=linked_url, timeout=30) as c:
        yield c


def get(client: httpx.Client, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def text_of(client: httpx.Client, article_id: str, cache: dict[str, str]) -> str:
    if article_id not in cache:
        cache[article_id] = get(client, f"/api/articles/{article_id}")["text"]
    return cache[article_id]


def test_story_timeline_entries_point_at_their_sources(client: httpx.Client) -> None:
    stories = get(client, "/api/stories")
    assert stories["total"] >= 1
    story = get(client, f"/api/stories/{stories['items'][0]['id']}")
    members = set(story["story"]["articles"])
    assert {a["id"] for a in story["articles"]} == members
    dates = [e["date"]["value"] for e in story["timeline"] if e["date"]["value"]]
    assert dates == sorted(dates) and dates
    texts: dict[str, str] = {}
    for entry in story["timeline"]:
        for src in entry["sources"]:
            assert src["article"] in members
            start, end = src["span"]
            assert 0 <= start < end <= len(text_of(client, src["article"], texts))


def test_actors_filter_by_name_and_show_their_quotes(client: httpx.Client) -> None:
    everyone = get(client, "/api/actors", limit=500)
    person = next(e for e in everyone["items"] if e["type"] == "PERSON" and len(e["articles"]) > 1)
    surname = person["name"].split()[-1]
    found = get(client, "/api/actors", name=surname)
    assert person["id"] in {e["id"] for e in found["items"]} and found["total"] < everyone["total"]
    actor = get(client, f"/api/actors/{person['id']}")
    assert actor["entity"]["name"] == person["name"]
    assert set(actor["articles"]) == set(person["articles"])
    assert all(q["speaker"]["entity"] == person["id"] for q in actor["quotes"])


def test_series_points_are_dated_and_traced(client: httpx.Client) -> None:
    series = get(client, "/api/series")
    assert series["total"] >= 1
    texts: dict[str, str] = {}
    for item in series["items"]:
        detail = get(client, f"/api/series/{item['id']}")
        points = detail["series"]["points"]
        assert len({p["article"] for p in points}) >= 2
        for p in points:
            start, end = p["span"]
            assert text_of(client, p["article"], texts)[start:end] == p["text"]


@pytest.mark.parametrize("path", ["/api/stories/nope", "/api/actors/nope", "/api/series/nope"])
def test_unknown_ids_are_404_json(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404 and response.json()["error"]


def test_an_unlinked_store_has_empty_lists(live_url: str) -> None:
    with httpx.Client(base_url=live_url) as c:
        for path in ("/api/stories", "/api/actors", "/api/series"):
            assert c.get(path).json()["total"] == 0
        assert c.get("/stories").status_code == 200 and "storyline link" in c.get("/stories").text


def test_quotes_filter_by_story_keeps_only_its_articles(client: httpx.Client) -> None:
    story = get(client, "/api/stories")["items"][0]
    members = set(story["articles"])
    quotes = get(client, "/api/quotes", story=story["id"], limit=500)
    assert quotes["total"] > 0
    assert {q["article"]["id"] for q in quotes["items"]} <= members
    assert get(client, "/api/quotes", story="no-such-story")["total"] == 0


def test_changes_since_a_date_lists_what_is_new(client: httpx.Client) -> None:
    early = get(client, "/api/changes", since="2025-03-01")
    late = get(client, "/api/changes", since="2025-03-10")
    assert early["events"] and len(late["events"]) < len(early["events"])
    assert early["since"] == "2025-03-01" and early["articles"]
    assert client.get("/api/changes", params={"since": "yesterday"}).status_code == 422
