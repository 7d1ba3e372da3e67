"""The article-extraction benchmark metric on hand-made texts."""

from __future__ import annotations

import pytest

from storyline.evaluate.shingles import macro_score, overlap, shingles, tokens


def test_tokens_are_unicode_words():
    assert tokens("Ça va? Très bien, 2 fois—oui.") == ["Ça", "va", "Très", "bien", "2", "fois", "oui"]


def test_short_text_gives_one_shorter_shingle_and_empty_none():
    assert shingles("just two") == {("just", "two"): 1}
    assert shingles("  ,. ") == {}


def test_shingles_count_multiplicity():
    assert shingles("x x x x x") == {("x", "x", "x", "x"): 2}


def test_identical_texts_score_one():
    o = overlap("One two three four five.", "One two, three four five")
    assert (o.precision, o.recall, o.exact) == (1.0, 1.0, True)
    assert macro_score([o]).f1 == 1.0


def test_disjoint_texts_score_zero():
    o = overlap("one two three four", "five six seven eight")
    assert (o.tp, o.fp, o.fn) == (0.0, 0.5, 0.5)
    s = macro_score([o])
    assert (s.precision, s.recall, s.f1, s.accuracy) == (0.0, 0.0, 0.0, 0.0)


def test_partial_overlap_by_hand():
    # gold shingles: abcd, bcde; predicted: abcd, bcdz -> TP 1, FP 1, FN 1, each 1/3.
    o = overlap("a b c d e", "a b c d z")
    assert o.tp == pytest.approx(1 / 3) and o.fp == pytest.approx(1 / 3) and o.fn == pytest.approx(1 / 3)
    assert o.precision == pytest.approx(0.5) and o.recall == pytest.approx(0.5)
    assert not o.exact


def test_macro_average_then_f1_of_averages():
    half = overlap("a b c d e", "a b c d")  # P 1, R 1/2
    full = overlap("p q r s", "p q r s")  # P 1, R 1
    s = macro_score([half, full])
    assert s.precision == pytest.approx(1.0)
    assert s.recall == pytest.approx(0.75)
    assert s.f1 == pytest.approx(2 * 0.75 / 1.75)
    assert s.accuracy == pytest.approx(0.5)


def test_empty_prediction_has_no_precision_and_zero_recall():
    o = overlap("a b c d e", "")
    assert o.precision is None and o.recall == 0.0
    s = macro_score([o, overlap("a b c d", "a b c d")])
    assert s.precision == 1.0 and s.recall == 0.5
