"""Numbers that are not figures: dates, years, clock times, phone numbers, ages, list numbers, names."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

TimeFigDoc = Callable[..., Doc]


@pytest.mark.parametrize("sentence", [
    "The bridge collapsed on 12 March 2023 at 9:35 AM.",
    "The inquiry opened on March 12 and closed on April 3, 2019.",
    "In 2019 the port was rebuilt.",
    "The first message came at twenty past five.",
    "Relatives can call the hotline on 0800 212 4470 or +44 20 7946 0000.",
    "Maria Lopez, 45, said she had waited for hours.",
    "A 45-year-old fisherman was rescued.",
    "The Security Council passed Resolution 2334 and grounded Flight 370.",
    "1. Skip to content\n2. Skip to main menu",
    "The two leaders met in the capital.",
    "This is not the first time he has criticised the plan.",
    "Thousands of people marched through the city.",
    "The deal took six months to negotiate.",
])
def test_not_figures(timefig_doc: TimeFigDoc, sentence: str) -> None:
    doc = timefig_doc(sentence)
    assert [f.text for f in doc._.figures] == []


def test_figures_beside_a_date_are_kept(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("On March 12, 2023, 14 people were injured at 9:35 AM in the square.")
    assert [(f.text, f.value) for f in doc._.figures] == [("14", 14)]


def test_metres_are_not_millions(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("She won the 60m hurdles, while the club raised £3m.")
    values = {f.text: (f.value, f.what) for f in doc._.figures}
    assert values["60m"] == (60, "metres")
    assert values["£3m"] == (3_000_000, "GBP")
