"""The seed articles served as a user would see them: one story, its timeline and stance map,
the death-toll series chart, and quotes with their speakers (skipped without ../shared/seeds)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest


@pytest.fixture(scope="module")
def seeds_url(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory, live_server: Any) -> Iterator[str]:
    from storyline.interfaces.api import create_app
    from storyline.link.linker import link_pending
    from storyline.runner import ingest
    from storyline.store import open_store

    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    with open_store(db) as store:
        assert ingest(sorted(str(p) for p in seeds_dir.glob("0*.txt")), store).failed == 0
        assert not link_pending(store).failed
    with live_server(create_app(db)) as server:
        yield server.url


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    yield page
    context.close()
    assert problems == []


def _gold(seeds_dir: Path) -> dict:
    return json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))["across_articles"]


def test_one_story_with_its_timeline_in_order_and_the_ceasefire_stance_map(
    page: Any, seeds_url: str, seeds_dir: Path, screenshots: Path
) -> None:
    stories = httpx.get(f"{seeds_url}/api/stories", timeout=30).json()["items"]
    assert len(stories) == 1 and len(stories[0]["articles"]) == 3
    page.goto(f"{seeds_url}/stories")
    page.locator(f'a[href="/stories/{stories[0]["id"]}"]').click()
    dates = [d[:10] for d in page.locator("ol.timeline > li > span.when").all_inner_texts()]
    assert dates == sorted(dates)
    for wanted in ("2023-10-07", "2024-01-09", "2024-02-17"):
        assert wanted in dates
    row = page.locator('#stance-map tr[data-topic="ceasefire"]')
    gold = _gold(seeds_dir)["stance_map"]
    for side in ("for", "against"):
        names = row.locator(f"td.{side} a.actor").all_inner_texts()
        assert set(gold[side]) <= set(names), (side, names)
    page.screenshot(path=str(screenshots / "seeds-story.png"), full_page=True)


def test_death_toll_series_chart_has_its_two_sourced_points(
    page: Any, seeds_url: str, screenshots: Path
) -> None:
    series = httpx.get(f"{seeds_url}/api/series", params={"limit": 500}, timeout=30).json()["items"]
    toll = next(
        s
        for s in series
        if {(p["as_of"], p["value"]) for p in s["points"]} >= {("2024-01-10", 23000), ("2024-02-17", 28800)}
    )
    page.goto(f"{seeds_url}/series/{toll['id']}")
    marks = page.locator("svg.chart a.mark")
    assert marks.count() == 2
    hrefs = [marks.nth(i).get_attribute("href") for i in range(2)]
    assert all(re.fullmatch(r"/articles/\w+#span=\d+-\d+", h) for h in hrefs)
    assert "None" not in page.locator("table.points").inner_text()
    page.screenshot(path=str(screenshots / "seeds-series.png"), full_page=True)


def test_article_view_highlights_quotes_with_their_speakers(
    page: Any, seeds_url: str, screenshots: Path
) -> None:
    articles = httpx.get(f"{seeds_url}/api/articles", timeout=30).json()["items"]
    article = next(a for a in articles if a["published"] == "2024-01-10")
    page.goto(f"{seeds_url}/articles/{article['id']}")
    assert page.locator("#text .hl.k-quote").count() >= 10
    speakers = set(page.locator("#text .q-end").evaluate_all("els => els.map(e => e.dataset.who)"))
    assert {"Antony Blinken", "John Kirby", "Pat Ryder"} <= speakers
    page.screenshot(path=str(screenshots / "seeds-article.png"), full_page=True)
