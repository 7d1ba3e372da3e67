"""evaluate_extraction on the first pages of each dataset (skipped without ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluate import evaluate_extraction

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="module")
def report():
    if not (SHARED / "datasets" / "article-extraction").is_dir() or not (
        SHARED / "datasets" / "htmldate-mediacloud"
    ).is_dir():
        pytest.skip("../shared/datasets is not available")
    return evaluate_extraction(SHARED, limit=4)


def test_report_scores_storyline_and_baselines(report):
    systems = [r.system for r in report.body]
    assert systems[0] == "storyline"
    assert any(s.startswith("trafilatura") and "defaults" in s for s in systems)
    assert any("stored output" in s for s in systems)
    assert report.body_pages == 4
    for row in report.body:
        assert 0.0 <= row.score.precision <= 1.0 and 0.0 <= row.score.recall <= 1.0
        assert row.score.documents == 4
    # on any four news pages storyline finds most of the article
    assert report.row("storyline").score.f1 > 0.8


def test_report_scores_dates(report):
    assert report.dates[0].system == "storyline"
    assert any(r.system.startswith("htmldate") for r in report.dates)
    for row in report.dates:
        assert row.dated + row.undated == 4
        assert 0 <= row.correct <= row.dated


def test_report_renders_a_table(report):
    text = report.render()
    assert "storyline" in text and "F1" in text and "accuracy" in text
    assert f"{report.row('storyline').score.f1:.4f}" in text


def test_failures_against_floors(report):
    assert report.failures({"body_f1": 1.01}) and not report.failures({"body_f1": 0.0, "date_accuracy": 0.0})
