"""Quoted passages found by their marks alone (no parsing)."""

from __future__ import annotations

import pytest

from storyline.analyze.quote_marks import find_quoted


def inner(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quoted(text)]


@pytest.mark.parametrize("open_, close", [("“", "”"), ('"', '"'), ("„", "“"), ("«", "»")])
def test_quote_marks_every_style(open_: str, close: str) -> None:
    text = f"The mayor said {open_}we hold the line{close} and left. {open_}No more,{close} she added."
    assert inner(text) == ["we hold the line", "No more,"]


def test_quote_marks_nested_single_quotes_stay_inside() -> None:
    text = "“They kept telling us ‘stay calm’ while the wall cracked,” said Arne."
    assert inner(text) == ["They kept telling us ‘stay calm’ while the wall cracked,"]


def test_quote_marks_nested_curly_inside_straight() -> None:
    text = '"The form asked: “Do you own a boat?” I said no." Then we left.'
    assert inner(text) == ["The form asked: “Do you own a boat?” I said no."]


def test_quote_marks_nested_same_marks() -> None:
    text = "“I would rather live in what he calls “hell” than leave,” Ana said."
    assert inner(text) == ["I would rather live in what he calls “hell” than leave,"]


def test_quote_marks_run_over_paragraphs_when_the_next_one_reopens() -> None:
    text = "“We worked until the pumps failed.\n\n“By dawn the wall was gone,” Arne said.\n\nNext."
    quoted = find_quoted(text)
    assert len(quoted) == 1
    assert text[quoted[0].start:quoted[0].end].startswith("We worked")
    assert text[quoted[0].start:quoted[0].end].endswith("gone,")
    assert quoted[0].paragraphs == 2 and quoted[0].closed


def test_quote_marks_unclosed_passage_ends_with_its_paragraph() -> None:
    text = '"The levee will hold.\n\nThe council met on Monday.'
    quoted = find_quoted(text)
    assert [text[q.start:q.end] for q in quoted] == ["The levee will hold."]
    assert not quoted[0].closed


def test_quote_marks_closing_mark_opening_a_paragraph() -> None:
    text = "”Fear. I am afraid.” ― Edwin Marr\n“Next one.”― Ana Ruiz"
    assert inner(text) == ["Fear. I am afraid.", "Next one."]


def test_quote_marks_apostrophes_and_inches_are_not_quotes() -> None:
    text = "Don't say it's 5'10\" tall. The council's plan failed."
    assert inner(text) == []


def test_quote_marks_single_quotes_when_a_text_has_no_double_marks() -> None:
    text = "Mayor calls flood ‘a disaster’ as Jones’ farm is cut off"
    assert inner(text) == ["a disaster"]


def test_quote_marks_two_apostrophes_as_double_marks() -> None:
    text = "''We finally may see growth,'' the economist wrote. It's ''possible.''\n\n''Next.''"
    assert inner(text) == ["We finally may see growth,", "possible.", "Next."]
