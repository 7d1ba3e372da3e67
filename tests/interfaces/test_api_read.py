"""The read endpoints over the analyzed example story, through real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from storyline.store import open_store


@pytest.fixture(scope="module")
def client(live_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_url, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def stored(story_db: str) -> dict[str, Any]:
    """What the store itself says, to compare the API with."""
    with open_store(story_db) as store:
        rows = store.articles(limit=1000)
        return {
            "rows": rows,
            "analyses": {r.id: store.analysis(r.id) for r in rows},
            "texts": {r.id: store.get(r.id).article.text for r in rows},  # type: ignore[union-attr]
        }


def get(client: httpx.Client, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_listing_pages_through_every_article_once(client: httpx.Client, stored: dict[str, Any]) -> None:
    seen: list[str] = []
    offset = 0
    while True:
        page = get(client, "/api/articles", limit=4, offset=offset)
        assert page["total"] == len(stored["rows"])
        seen += [a["id"] for a in page["items"]]
        if not page["items"]:
            break
        offset += 4
    assert seen == [r.id for r in stored["rows"]]


def test_filters_by_outlet_and_date_range(client: httpx.Client, stored: dict[str, Any]) -> None:
    outlet = next(r.outlet for r in stored["rows"] if r.outlet)
    page = get(client, "/api/articles", outlet=outlet)
    assert page["total"] == sum(r.outlet == outlet for r in stored["rows"]) >= 1
    assert {a["outlet"] for a in page["items"]} == {outlet}

    dates = sorted({r.published for r in stored["rows"] if r.published})
    low, high = dates[1], dates[-2]
    page = get(client, "/api/articles", published_from=low, published_to=high, limit=500)
    expected = {r.id for r in stored["rows"] if r.published and low <= r.published <= high}
    assert {a["id"] for a in page["items"]} == expected and page["total"] == len(expected)
    month = get(client, "/api/articles", published_from=dates[0][:7], published_to=dates[0][:7], limit=500)
    assert month["total"] == sum(
        bool(r.published and r.published.startswith(dates[0][:7])) for r in stored["rows"]
    )


def test_full_text_search_ranks_matches_and_marks_snippets(
    client: httpx.Client, stored: dict[str, Any]
) -> None:
    word = "helicopters"
    page = get(client, "/api/articles", q=word)
    expected = {i for i, t in stored["texts"].items() if word in t.lower()}
    assert {a["id"] for a in page["items"]} == expected and expected
    assert all(f"[{word}" in a["snippet"].lower() for a in page["items"])
    scores = [a["score"] for a in page["items"]]
    assert scores == sorted(scores, reverse=True)
    assert all(a["url"] is None or a["url"].startswith("http") for a in page["items"])


def test_entity_filter_keeps_articles_naming_it(client: httpx.Client, stored: dict[str, Any]) -> None:
    person = next(
        e["name"] for a in stored["analyses"].values() for e in a["entities"] if e["type"] == "PERSON"
    )
    page = get(client, "/api/articles", entity=person, limit=500)
    expected = {i for i, a in stored["analyses"].items() if any(e["name"] == person for e in a["entities"])}
    assert expected <= {a["id"] for a in page["items"]}
    assert page["total"] == len(page["items"]) >= 1


def test_article_detail_has_text_metadata_and_spans_into_the_text(
    client: httpx.Client, stored: dict[str, Any]
) -> None:
    row = stored["rows"][0]
    detail = get(client, f"/api/articles/{row.id}")
    assert detail["id"] == row.id and detail["title"] == row.title
    assert detail["text"] == stored["texts"][row.id]
    assert detail["published"]["value"] == row.published
    assert detail["version_no"] == 1 and detail["versions"] == 1
    analysis = detail["analysis"]
    assert analysis == stored["analyses"][row.id]
    for quote in analysis["quotes"]:
        start, end = quote["span"]
        assert detail["text"][start:end] == quote["text"]
    versions = get(client, f"/api/articles/{row.id}/versions")
    assert [v["version_no"] for v in versions] == [1]


def test_quotes_filtered_by_speaker_carry_their_article(client: httpx.Client, stored: dict[str, Any]) -> None:
    everyone = get(client, "/api/quotes", limit=500)
    assert everyone["total"] == sum(len(a["quotes"]) for a in stored["analyses"].values())
    name = next(q["speaker"]["name"] for q in everyone["items"] if q.get("speaker"))
    surname = name.split()[-1]
    page = get(client, "/api/quotes", speaker=surname, limit=500)
    assert 1 <= page["total"] < everyone["total"]
    for quote in page["items"]:
        assert surname.lower() in quote["speaker"]["name"].lower().split()
        text = stored["texts"][quote["article"]["id"]]
        assert text[quote["span"][0] : quote["span"][1]] == quote["text"]
    by_id = get(client, "/api/quotes", speaker=page["items"][0]["speaker"]["entity"])
    assert by_id["total"] >= 1


def test_quotes_date_filter_uses_the_article_date(client: httpx.Client, stored: dict[str, Any]) -> None:
    day = max(r.published for r in stored["rows"] if r.published)
    page = get(client, "/api/quotes", published_from=day, limit=500)
    assert {q["article"]["published"] for q in page["items"]} == {day}


def test_figures_and_entities_per_article(client: httpx.Client, stored: dict[str, Any]) -> None:
    article_id, analysis = next((i, a) for i, a in stored["analyses"].items() if a["figures"])
    figures = get(client, "/api/figures", article=article_id, limit=500)
    assert [f["span"] for f in figures["items"]] == [f["span"] for f in analysis["figures"]]
    entities = get(client, "/api/entities", article=article_id, limit=500)
    assert [e["name"] for e in entities["items"]] == [e["name"] for e in analysis["entities"]]
    assert all(e["article"]["id"] == article_id for e in entities["items"])
    word = analysis["figures"][0]["what"].split()[-1]
    assert all(word in f["what"].split() for f in get(client, "/api/figures", what=word)["items"])
    assert get(client, "/api/entities", article="no-such-article")["total"] == 0


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/articles/no-such-article", 404),
        ("/api/articles/no-such-article/versions", 404),
        ("/api/articles?limit=0", 422),
        ("/api/articles?limit=100000", 422),
        ("/api/articles?offset=-1", 422),
        ("/api/articles?published_from=March", 422),
        ("/api/quotes?published_to=2025-3-5", 422),
        ("/api/nothing-here", 404),
    ],
)
def test_errors_are_json_with_a_message(client: httpx.Client, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert list(body) == ["error"] and body["error"]


def test_control_characters_in_queries_are_harmless(client: httpx.Client) -> None:
    for q in ("\x00", "a\x00b", '"', "*", "AND OR NOT", "(", "\u2028"):
        assert client.get("/api/articles", params={"q": q}).status_code == 200, repr(q)


def test_openapi_schema_lists_the_endpoints(client: httpx.Client) -> None:
    schema = get(client, "/openapi.json")
    paths = schema["paths"]
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/entities",
        "/api/quotes",
        "/api/figures",
    ):
        assert "get" in paths[path]
    ingest = paths["/api/ingest"]["post"]
    assert set(ingest["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert not any(p.startswith("/articles") or p == "/" for p in paths), (
        "HTML pages stay out of the API schema"
    )
