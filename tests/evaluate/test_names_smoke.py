"""evaluate_names on the first MEANTIME documents (skipped without ../shared/datasets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluate.names import ARCHIVE, SYSTEMS, TYPES, evaluate_names

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="module")
def report():
    if not (SHARED / ARCHIVE).is_file():
        pytest.skip("../shared/datasets/meantime is not available")
    return evaluate_names(SHARED, limit=3)


def test_both_systems_scored_on_the_same_gold(report):
    assert report.documents == 3 and 0 < report.annotated_tokens < report.tokens
    assert tuple(report.systems) == SYSTEMS
    ours, base = (report.systems[s] for s in SYSTEMS)
    for t in TYPES:
        assert ours.by_type[t].gold == base.by_type[t].gold
    assert ours.micro().gold > 10
    for s in report.systems.values():
        micro = s.micro()
        assert micro.exact <= micro.exact_no_article <= micro.gold_found <= micro.gold
        assert micro.predicted_right <= micro.predicted
        assert s.seconds > 0


def test_names_are_found(report):
    # any three news articles: most of their organisation and person names overlap a prediction
    for s in report.systems.values():
        assert s.micro().lenient_prf()[1] > 0.6


def test_render_and_failures(report):
    text = report.render()
    assert "storyline" in text and "en_core_web_sm" in text and "lenient" in text
    assert f"{report.systems['storyline'].micro().lenient_prf()[2]:.3f}" in text
    assert report.failures({"lenient_f1": 1.01}) and not report.failures({"lenient_f1": 0.0})
