"""The web UI in a real browser (Debian chromium via Playwright) over the analyzed example story.

Each test saves a screenshot to out/screenshots/ — what a person sees — and
fails on any console error, page error or dialog.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.store import open_store

LAPTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def story(story_db: str) -> dict[str, Any]:
    """An article with an attributed quote far enough down to need scrolling, and the store's texts."""
    with open_store(story_db) as store:
        rows = store.articles(limit=1000)
        candidates, texts = [], []
        for row in rows:
            analysis = store.analysis(row.id) or {}
            text = store.get(row.id).article.text  # type: ignore[union-attr]
            texts.append(text)
            for i, quote in enumerate(analysis.get("quotes", [])):
                if quote.get("speaker") and quote["speaker"].get("name"):
                    candidates.append((quote["span"][0], row, i, quote, text))
    _, row, index, quote, text = max(candidates, key=lambda c: c[0])
    return {"row": row, "index": index, "quote": quote, "text": text, "rows": rows, "texts": texts}


class Watched:
    """A page whose console errors, uncaught exceptions and dialogs are recorded."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.problems.append(f"dialog: {dialog.type} {dialog.message}")
        dialog.dismiss()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=LAPTOP)
    watched = Watched(context.new_page())
    yield watched.page
    context.close()
    assert watched.problems == []


@pytest.fixture()
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    watched = Watched(context.new_page())
    yield watched.page
    context.close()
    assert watched.problems == []


def test_list_to_article_to_quote_speaker(page: Any, live_url: str, story: dict, screenshots: Path) -> None:
    row, index, quote = story["row"], story["index"], story["quote"]
    page.goto(live_url + "/")
    items = page.locator("li.article-item")
    assert items.count() == len(story["rows"])
    assert f"of {len(story['rows'])} articles" in page.locator("#count").inner_text()
    page.screenshot(path=str(screenshots / "list-laptop.png"))

    page.locator(f'a.title[href="/articles/{row.id}"]').click()
    page.wait_for_url(f"**/articles/{row.id}")
    assert page.locator("#article-title").inner_text() == row.title
    assert page.locator("#text").evaluate("t => t.textContent") == story["text"]

    piece = page.locator(f'#text .hl[data-f~="q{index}"]').first
    piece.scroll_into_view_if_needed()
    piece.click()
    panel = page.locator("#panel")
    assert panel.locator("#panel-title .kind").text_content() == "Quote"
    fields = dict(
        zip(panel.locator("dt").all_inner_texts(), panel.locator("dd").all_inner_texts(), strict=True)
    )
    assert fields["speaker"] == quote["speaker"]["name"]
    assert fields["text"] == quote["text"]
    assert page.locator(f'#text .hl.sel[data-f~="q{index}"]').count() >= 1
    page.screenshot(path=str(screenshots / "article-quote-laptop.png"))


def test_span_link_highlights_and_scrolls_to_the_span(
    page: Any, live_url: str, story: dict, screenshots: Path
) -> None:
    start, end = story["quote"]["span"]
    page.goto(f"{live_url}/articles/{story['row'].id}#span={start}-{end}")
    marks = page.locator("#text mark.target")
    marks.first.wait_for()
    assert "".join(marks.all_text_contents()) == story["text"][start:end]
    box = marks.first.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= LAPTOP["height"]
    assert page.evaluate("window.scrollY") > 0, "the span is far enough down that the page had to scroll"
    # The span is exactly a quote, so its fact opens in the panel.
    assert page.locator("#panel dd").first.inner_text() == story["quote"]["speaker"]["name"]
    page.screenshot(path=str(screenshots / "article-span-laptop.png"))

    # A span that matches no fact and cuts through words is still marked exactly.
    a, b = start + 3, end + 10
    page.goto(f"{live_url}/articles/{story['row'].id}#span={a}-{b}")
    page.wait_for_function(
        f"document.querySelector('#text mark.target') && "
        f"Array.from(document.querySelectorAll('#text mark.target')).map(m => m.textContent)"
        f".join('').length === {b - a}"
    )
    assert "".join(page.locator("#text mark.target").all_text_contents()) == story["text"][a:b]


def test_search_from_the_header(page: Any, live_url: str, story: dict, screenshots: Path) -> None:
    page.goto(f"{live_url}/articles/{story['row'].id}")
    word = "helicopters"
    page.fill('header .site-search input[name="q"]', word)
    page.press('header .site-search input[name="q"]', "Enter")
    page.wait_for_url("**/?q=helicopters")
    expected = sum(word in text.lower() for text in story["texts"])
    assert page.locator("li.article-item").count() == expected >= 1
    assert all(m.lower() == word for m in page.locator(".snippet mark").all_inner_texts())
    page.screenshot(path=str(screenshots / "search-laptop.png"), full_page=True)


def test_phone_layout_reads_and_opens_the_panel(
    phone: Any, live_url: str, story: dict, screenshots: Path
) -> None:
    phone.goto(f"{live_url}/articles/{story['row'].id}")
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "nothing is wider than the phone's screen"
    assert not phone.locator("#panel").is_visible(), "the panel stays closed until a fact is chosen"
    piece = phone.locator(f'#text .hl[data-f~="q{story["index"]}"]').first
    piece.scroll_into_view_if_needed()
    piece.tap()
    panel = phone.locator("#panel")
    assert panel.is_visible()
    box = panel.bounding_box()
    assert (
        box is not None
        and box["y"] + box["height"] <= PHONE["height"] + 1
        and box["width"] >= PHONE["width"] - 1
    )
    phone.screenshot(path=str(screenshots / "article-quote-phone.png"))
    phone.locator("#panel-close").tap()
    assert not panel.is_visible()
    phone.goto(live_url + "/")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    phone.screenshot(path=str(screenshots / "list-phone.png"))


def test_legend_hides_and_shows_a_kind(page: Any, live_url: str, story: dict) -> None:
    page.goto(f"{live_url}/articles/{story['row'].id}")
    entity = page.locator("#text .hl.k-entity:not(.k-quote):not(.k-figure)").first
    shown = entity.evaluate("e => getComputedStyle(e).backgroundColor")
    page.locator('#legend input[data-kind="entity"]').uncheck()
    assert entity.evaluate("e => getComputedStyle(e).backgroundColor") in ("rgba(0, 0, 0, 0)", "transparent")
    page.locator('#legend input[data-kind="entity"]').check()
    assert entity.evaluate("e => getComputedStyle(e).backgroundColor") == shown


def test_unknown_article_is_a_page_not_a_trace(page: Any, live_url: str) -> None:
    response = page.request.get(f"{live_url}/articles/no-such-article")
    assert response.status == 404 and "text/html" in response.headers["content-type"]
    assert "no such article" in response.text().lower()
