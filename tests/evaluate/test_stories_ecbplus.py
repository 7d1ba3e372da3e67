"""evaluate_stories on the first ECB+ documents (skipped without ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluate.ecbplus import ECBPLUS, ecb_documents
from storyline.evaluate.stories import evaluate_stories

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="module")
def report():
    if not (SHARED / ECBPLUS).is_file():
        pytest.skip("../shared/datasets/ecbplus is not available")
    return evaluate_stories(SHARED, limit=60)


def test_documents_are_rebuilt_without_the_url_line():
    if not (SHARED / ECBPLUS).is_file():
        pytest.skip("../shared/datasets/ecbplus is not available")
    docs = list(ecb_documents(SHARED))
    assert len(docs) == 982
    assert len({d.topic for d in docs}) == 43 and len({d.subtopic for d in docs}) == 86
    assert not any(d.text.startswith("http") for d in docs)
    assert all(d.text.strip() for d in docs)


def test_report_scores_both_runs_at_both_levels(report):
    assert [r.name for r in report.runs] == ["stories", "topics"]
    for run in ("stories", "topics"):
        row = report.row(run)
        assert row.count == 60
        for score in (row.topic, row.subtopic):
            assert 0.0 <= score.precision <= 1.0 and 0.0 <= score.recall <= 1.0
        # the first 60 documents in id order are two well-separated topics
        assert row.topic.precision > 0.9
    assert report.scaling == []  # only timed on a full run


def test_report_renders_a_table(report):
    text = report.render()
    assert "B3 F1" in text and "sub-topic" in text and "docs per CPU second" in text
    assert f"{report.row('stories').subtopic.f1:.4f}" in text


def test_failures_against_floors(report):
    assert report.failures({"topics_topic_f1": 1.01})
    assert not report.failures({"topics_topic_f1": 0.0, "stories_subtopic_f1": 0.0})
