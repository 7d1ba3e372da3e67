"""Story, actor and figure-series pages in the real browser, over the linked example story.

Every source link leads to the article with the cited span marked; the
series chart is drawn on the server (one mark per dated report, each a link).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest


@pytest.fixture(scope="module")
def world(linked_url: str) -> dict[str, Any]:
    with httpx.Client(base_url=linked_url, timeout=30) as c:
        story = c.get("/api/stories").json()["items"][0]
        series = max(c.get("/api/series").json()["items"], key=lambda s: len(s["points"]))
        actors = c.get("/api/actors", params={"limit": 500}).json()["items"]
        actor = max(actors, key=lambda e: len(e["articles"]))
        return {"story": story, "series": series, "actor": actor}


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (problems.append(d.message), d.dismiss()))
    yield page
    context.close()
    assert problems == []


def marked_text(page: Any) -> str:
    page.locator("#text mark.target").first.wait_for()
    return "".join(page.locator("#text mark.target").all_text_contents())


def test_story_timeline_source_opens_the_article_at_its_span(
    page: Any, linked_url: str, world: dict, screenshots: Path
) -> None:
    page.goto(f"{linked_url}/stories")
    page.locator(f'a[href="/stories/{world["story"]["id"]}"]').click()
    assert page.locator("#story-title").inner_text() == world["story"]["title"]
    entries = page.locator("ol.timeline > li")
    assert entries.count() >= 1
    page.screenshot(path=str(screenshots / "story-laptop.png"))
    link = page.locator("ol.timeline ul.sources a").first
    href = link.get_attribute("href")
    article_id, span = href.removeprefix("/articles/").split("#span=")
    start, end = (int(x) for x in span.split("-"))
    link.click()
    page.wait_for_url(f"**/articles/{article_id}*")
    text = page.locator("#text").evaluate("t => t.textContent")
    assert marked_text(page) == text[start:end]


def test_series_chart_marks_link_to_their_reports(
    page: Any, linked_url: str, world: dict, screenshots: Path
) -> None:
    series = world["series"]
    page.goto(f"{linked_url}/series/{series['id']}")
    marks = page.locator("svg.chart a.mark")
    assert 2 <= marks.count() <= len(series["points"])
    assert page.locator("table.points tbody tr").count() == len(series["points"])
    page.screenshot(path=str(screenshots / "series-laptop.png"), full_page=True)
    href = marks.first.get_attribute("href")
    point = next(
        p for p in series["points"] if href == f"/articles/{p['article']}#span={p['span'][0]}-{p['span'][1]}"
    )
    marks.first.click()
    page.wait_for_url(f"**/articles/{point['article']}*")
    assert marked_text(page) == point["text"]


def test_actor_page_lists_roles_quotes_and_articles(
    page: Any, linked_url: str, world: dict, screenshots: Path
) -> None:
    actor = world["actor"]
    page.goto(f"{linked_url}/actors?name={actor['name'].split()[-1]}")
    page.locator(f'a[href="/actors/{actor["id"]}"]').click()
    assert page.locator("#actor-name").inner_text() == actor["name"]
    listed = page.locator("h2:has-text('Articles') + ol li").count()
    assert listed == len(actor["articles"])
    page.screenshot(path=str(screenshots / "actor-laptop.png"))


def test_linked_pages_fit_a_phone(browser: Any, linked_url: str, world: dict, screenshots: Path) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, device_scale_factor=2
    )
    page = context.new_page()
    for path, name in (
        (f"/series/{world['series']['id']}", "series"),
        (f"/stories/{world['story']['id']}", "story"),
    ):
        page.goto(linked_url + path)
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, path
        page.screenshot(path=str(screenshots / f"{name}-phone.png"))
    context.close()


def test_highlighted_entity_links_to_its_actor_page(page: Any, linked_url: str, world: dict) -> None:
    actor = world["actor"]
    page.goto(f"{linked_url}/articles/{actor['articles'][0]}")
    mention = next(m for m in actor["mentions"] if m["article"] == actor["articles"][0])
    piece = page.locator(f'#text .hl.k-entity[data-s="{mention["span"][0]}"]').first
    piece.click()
    link = page.locator("#panel-actor a")
    assert link.get_attribute("href") == f"/actors/{actor['id']}"
    link.click()
    page.wait_for_url(f"**/actors/{actor['id']}")
    assert page.locator("#actor-name").inner_text() == actor["name"]
