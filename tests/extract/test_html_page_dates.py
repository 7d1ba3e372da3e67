"""Publication dates of HTML pages: value, precision and how they were found."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from trafilatura.utils import load_html

from storyline.extract.html_dates import parse_markup_date, publication_date, structured_date, url_date
from storyline.model import Published

PARAGRAPH = (
    "<p>The town council met on a grey afternoon to discuss the harbour, the ferry timetable and the "
    "long-delayed repairs to the old footbridge, which several members said could not wait another year.</p>"
)


def page(head: str = "", body: str = "") -> str:
    return (
        f"<html><head><title>A story</title>{head}</head>"
        f"<body><article>{PARAGRAPH}{body}</article></body></html>"
    )


def found(html: str, url: str | None = None) -> Published:
    return publication_date(load_html(html), html, url)


def test_ld_json_date_is_meta_and_kept_as_written():
    ld = '{"@type": "NewsArticle", "datePublished": "2020-06-29T00:16:15+03:00"}'
    html = page(f'<script type="application/ld+json">{ld}</script>')
    assert found(html) == Published("2020-06-29", "day", "meta")


def test_ld_json_date_of_a_non_article_is_ignored():
    ld = '{"@type": "VideoObject", "uploadDate": "2019-02-03", "datePublished": "2019-02-03"}'
    assert structured_date(load_html(page(f'<script type="application/ld+json">{ld}</script>'))) is None


def test_meta_published_time_is_meta():
    html = page('<meta property="article:published_time" content="2021-11-05T18:00:00Z">')
    assert found(html) == Published("2021-11-05", "day", "meta")


def test_date_only_in_url_is_url():
    url = "https://news.example/2021/05/06/council-meets"
    assert found(page(), url) == Published("2021-05-06", "day", "url")


def test_date_printed_on_the_page_is_printed():
    html = page(body='<p class="date">Published 12 March 2022</p>')
    assert found(html, "https://news.example/council-meets") == Published("2022-03-12", "day", "printed")


def test_bare_copyright_year_keeps_year_precision():
    html = page(body="<footer><p>© 2019 The Example Gazette</p></footer>")
    # htmldate answers 1 January for a lone year; storyline does not claim the day.
    assert found(html, "https://news.example/council-meets") == Published("2019", "year", "inferred")


def test_a_real_new_year_date_keeps_its_day():
    html = page(body='<p class="date">Published 2019-01-01</p>')
    assert found(html, "https://news.example/council-meets") == Published("2019-01-01", "day", "printed")


def test_no_date_at_all():
    assert found(page(), "https://news.example/council-meets") == Published()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-06-29T00:16:15+03:00", "2020-06-29"),
        ("2020-12-05T23:15:0Z", "2020-12-05"),
        ("Fri, 01 May 2020 23:00:00 -0400", "2020-05-01"),
        ("1588372904", "2020-05-01"),
        ("2020-02-30", None),
        ("1850-01-01", None),
        ("soon", None),
        ("", None),
    ],
)
def test_parse_markup_date(value, expected):
    assert parse_markup_date(value) == expected


def test_parse_markup_date_refuses_the_future():
    later = (datetime.now(UTC) + timedelta(days=30)).date().isoformat()
    assert parse_markup_date(later) is None


def test_url_date():
    assert url_date("https://a.example/2020/07/08/story_1.html") == "2020-07-08"
    assert url_date("https://a.example/news/20200708-story") == "2020-07-08"
    assert url_date("https://a.example/story/1281836879789404160") is None
    assert url_date(None) is None
