"""Counts that measure nothing a reader would chart are not figures: "one man", "a second time"."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

TimeFigDoc = Callable[..., Doc]


@pytest.mark.parametrize(("sentence", "number"), [
    ('"One man in a cell does not bring anybody back," she said.', "One"),
    ("She did not want two investigations tripping over each other.", "two"),
    ("The river burst its banks a second time on Friday.", "second"),
    ("He gave three reasons for the delay.", "three"),
    ('"Solar is the future," said one trader in the market.', "one"),
])
def test_casual_counts_are_not_figures(timefig_doc: TimeFigDoc, sentence: str, number: str) -> None:
    doc = timefig_doc(sentence)
    assert number not in [f.text for f in doc._.figures]


@pytest.mark.parametrize(("sentence", "number"), [
    ("One person was killed and two were injured in the blast.", "One"),
    ('"We have two helicopters for a valley that needs ten," she said.', "two"),
    ("Only one hospital is still open in the city.", "one"),
    ("The minister made her second visit to the region on Monday.", "second"),
    ("Police have opened 14 investigations into the fraud.", "14"),
])
def test_real_counts_stay_figures(timefig_doc: TimeFigDoc, sentence: str, number: str) -> None:
    doc = timefig_doc(sentence)
    assert any(number in f.text for f in doc._.figures), [f.text for f in doc._.figures]
