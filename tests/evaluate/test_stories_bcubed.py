"""B³ precision and recall on hand-computed examples."""

from __future__ import annotations

import pytest

from storyline.evaluate.ecbplus import b_cubed

GOLD = {"a": "G1", "b": "G1", "c": "G1", "d": "G2", "e": "G2"}


def test_b_cubed_hand_computed():
    predicted = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 2}
    score = b_cubed(predicted, GOLD)
    # precision: a, b 2/2; c 1/3; d, e 2/3 -> 11/15. recall: a, b 2/3; c 1/3; d, e 2/2 -> 11/15.
    assert score.precision == pytest.approx(11 / 15)
    assert score.recall == pytest.approx(11 / 15)
    assert score.f1 == pytest.approx(11 / 15)


def test_b_cubed_one_cluster_and_all_singletons():
    lumped = b_cubed(dict.fromkeys(GOLD, 0), GOLD)
    assert lumped.recall == 1.0
    assert lumped.precision == pytest.approx((3 * 3 + 2 * 2) / 25)
    split = b_cubed({k: k for k in GOLD}, GOLD)
    assert split.precision == 1.0
    assert split.recall == pytest.approx((3 * (1 / 3) + 2 * (1 / 2)) / 5)
    assert split.f1 == pytest.approx(2 * 0.4 / 1.4)


def test_b_cubed_perfect_and_label_names_do_not_matter():
    assert b_cubed({k: v + "x" for k, v in GOLD.items()}, GOLD).f1 == 1.0


def test_b_cubed_needs_a_prediction_for_every_gold_item():
    with pytest.raises(ValueError):
        b_cubed({"a": 1}, GOLD)
