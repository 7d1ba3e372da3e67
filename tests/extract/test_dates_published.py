"""Publication dates: printed lines, URL dates, and inference from a named weekday."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.extract.dates import (
    date_from_links,
    first_weekday_on_or_after,
    named_weekday,
    parse_date_value,
    parse_printed_date,
    url_date,
)
from storyline.extract.plain_text import extract_plain_text
from storyline.model import RawDocument


def run(text: str, **kw: str) -> tuple[str | None, str | None, str | None]:
    ex = extract_plain_text(text, RawDocument(source="fixture.txt", content=text.encode(), **kw))
    return ex.published.value, ex.published.precision, ex.published.how


@pytest.mark.parametrize(("text", "expected"), [
    ("January 10, 2024, 9:35 AM", ("2024-01-10", "day")),
    ("Wednesday, 6 Feb. 2024 14:05 GMT", ("2024-02-06", "day")),
    ("3rd of March 2023", ("2023-03-03", "day")),
    ("2023-11-30T08:00:00Z", ("2023-11-30", "day")),
    ("March 2023", ("2023-03", "month")),
    ("February 30, 2024", None),
    ("January 10, 2024 the council met", None),
    ("Officials met on January 10, 2024", None),
])
def test_parse_printed_date_is_strict(text: str, expected: tuple[str, str] | None) -> None:
    assert parse_printed_date(text) == expected


def test_parse_date_value_keeps_iso_precision() -> None:
    assert parse_date_value("2024-02") == ("2024-02", "month")
    assert parse_date_value("2024-02-17") == ("2024-02-17", "day")


@pytest.mark.parametrize(("url", "expected"), [
    ("https://a.example/world/2024/02/15/some-story/", ("2024-02-15", "day")),
    ("https://a.example/news/2023-12-01-harbour", ("2023-12-01", "day")),
    ("https://a.example/2022/07/", ("2022-07", "month")),
    ("https://a.example/2024/13/45/bad", None),
    ("https://2024-01-01.a.example/story", None),
])
def test_url_date(url: str, expected: tuple[str, str] | None) -> None:
    assert url_date(url) == expected


def test_named_weekday_prefers_on_phrase_and_skips_future() -> None:
    assert named_weekday("Talks resume next Monday; the minister spoke on Thursday.") == 3
    assert named_weekday("The vote will be held on Friday. Protesters gathered on Sunday.") == 6
    assert named_weekday("Markets fell sharply on Tuesday.") == 1
    assert named_weekday("No day is named here.") is None


def test_first_weekday_on_or_after() -> None:
    start = date(2023, 5, 3)  # a Wednesday
    assert first_weekday_on_or_after(start, 2) == start
    assert first_weekday_on_or_after(start, 5) == date(2023, 5, 6)
    assert first_weekday_on_or_after(start, 0) == date(2023, 5, 8)


def test_date_from_links_inferred_and_url() -> None:
    urls = ["https://a.example/2023/04/28/old", "https://a.example/2023/05/03/newest"]
    assert date_from_links(urls, "They met on Saturday.").as_dict() == {
        "value": "2023-05-06", "precision": "day", "how": "inferred"}
    assert date_from_links(urls, "They met.").as_dict() == {
        "value": "2023-05-03", "precision": "day", "how": "url"}
    assert date_from_links([], "They met on Saturday.").value is None


def test_printed_published_line_beats_updated_line() -> None:
    text = "Port votes\n\nPublished: 2 March 2023\n\nThe port voted.\n\nUpdated: March 4, 2023, 9:35 AM"
    assert run(text) == ("2023-03-02", "day", "printed")


def test_bare_date_line_under_title_is_printed() -> None:
    text = "Port votes\n\nMarch 2, 2023\n\nThe port voted on Thursday."
    assert run(text) == ("2023-03-02", "day", "printed")


def test_date_mentioned_in_a_sentence_is_not_printed() -> None:
    assert run("Port votes\n\nThe port voted on March 2, 2023, officials said.") == (None, None, None)


def test_inferred_from_links_and_weekday() -> None:
    text = (
        'Dock workers <a href="https://alder.example/ports/2023/05/01/strike-begins">struck</a> again '
        'on Saturday, <a href="https://alder.example/ports/2023/05/03/talks-fail">after talks failed</a>.'
    )
    assert run(text) == ("2023-05-06", "day", "inferred")


def test_url_date_without_weekday() -> None:
    text = 'Dock workers <a href="https://alder.example/ports/2023/05/03/talks">struck</a> again, unions said'
    assert run(text) == ("2023-05-03", "day", "url")


def test_document_url_date_beats_link_inference() -> None:
    text = 'Workers <a href="https://alder.example/2023/05/03/talks">struck</a> on Saturday, unions said'
    assert run(text, url="https://alder.example/2023/05/09/strike") == ("2023-05-09", "day", "url")


def test_source_date_is_left_to_the_caller() -> None:
    text = 'Workers <a href="https://alder.example/2023/05/03/talks">struck</a> on Saturday, unions said'
    assert run(text, published="2023-05-07") == (None, None, None)
