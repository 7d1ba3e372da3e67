"""run_benchmarks(quick=True) on a handful of articles per row (skipped without ../shared/datasets)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.evaluate.bench import ROW_TITLES, ROWS, BenchReport, merge_reports, run_benchmarks
from storyline.evaluate.bench_data import datasets_present, replica

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    if not datasets_present(SHARED):
        pytest.skip("../shared/datasets is not available")
    return run_benchmarks(SHARED, tmp_path_factory.mktemp("bench"), quick=True)


def _table(markdown: str) -> list[list[str]]:
    section = markdown.split("## Throughput and memory", 1)[1].split("\n\n", 2)[1]
    return [[c.strip() for c in line.strip("|").split("|")] for line in section.splitlines()[2:]]


def test_markdown_has_every_row(report):
    rows = {cells[0] for cells in _table(report.render_markdown())}
    assert rows == {ROW_TITLES[r] for r in ROWS}


def test_measured_numbers_are_positive(report):
    for line in report.lines:
        m = line.measurement
        if m is None:  # only rows whose baseline tool is missing go unmeasured
            assert "skipped" in line.note
            continue
        assert m.error is None, f"{line.label}: {m.error}"
        assert m.items > 0 and m.words > 0, line.label
        assert m.wall > 0 and m.peak_rss_kb > 0, line.label
    for cells in _table(report.render_markdown()):
        if cells[2] == "–":
            continue
        # articles, words, time, CPU, articles/s, words/s, peak RSS
        for value in (cells[2], cells[3], cells[4], cells[7], cells[8], cells[9]):
            assert float(value.replace(",", "")) > 0, cells


def test_ratio_compares_with_the_baseline(report):
    line = report.line("analyze", "storyline")
    assert line.baseline is not None and line.ratio_wall is not None
    assert line.ratio_wall == pytest.approx(line.measurement.per_second / line.baseline.per_second)


def test_ingest_stores_every_article(report):
    for workers in (1, 2):
        m = report.line("ingest", f"storyline ingest --workers {workers}").measurement
        assert m.extra["counts"].get("new") == m.items
        assert m.extra["store_bytes"] > 0
        # end to end includes linking the store just filled
        assert m.extra["link_seconds"] > 0 and m.extra["link_counts"]["stories"] > 0


def test_link_row_reads_the_cost_at_every_checkpoint(report):
    m = report.line("link").measurement
    assert m.items == report.line("scaling").measurement.items
    points = m.extra["checkpoints"]
    # the scaling checkpoints (4, 8, 16) and the store's quarters (4, 8, 12)
    assert [p["articles"] for p in points] == [4, 8, 12, 16]
    assert all(p["window_cpu_ms"] > 0 and p["store_bytes"] > 0 and p["window"] == 2 for p in points)
    assert "## Linking cost as the store grows" in report.render_markdown()


def test_merge_keeps_the_rows_not_measured_again(report):
    later = "2099-01-01 00:00:00 +0000"
    only_link = replace(report, started=later,
                        lines=[replace(x, measured=later) for x in report.lines if x.row == "link"])
    merged = merge_reports(report, only_link)
    assert [x.row for x in merged.lines] == [x.row for x in report.lines]
    assert merged.line("link") is only_link.line("link")
    text = merged.render_markdown()
    assert f"- {later}: link" in text
    assert f"- {report.started}: extract" in text
    # a reloaded report keeps each line's run
    again = BenchReport.from_json(merged.to_json())
    assert again.line("link").measured == later and again.line("extract").measured == report.started


def test_scaling_reads_every_checkpoint(report):
    m = report.line("scaling").measurement
    points = m.extra["checkpoints"]
    assert [p["articles"] for p in points] == sorted(p["articles"] for p in points)
    assert len(points) == 3
    sizes = [p["store_bytes"] for p in points]
    assert sizes == sorted(sizes) and sizes[0] > 0
    assert re.search(r"## Scaling\n", report.render_markdown())


def test_machine_facts_lead_the_document(report):
    text = report.render_markdown()
    assert text.index("## Machine") < text.index("## Throughput and memory")
    assert "Python" in dict(report.facts)


def test_replicas_are_distinct_articles():
    texts = [("a/1.txt", "Title\n\nBody one."), ("b/2.txt", "Other\n\nBody two.")]
    records = list(replica(texts, 5))
    assert len({r["url"] for r in records}) == 5
    assert len({r["text"] for r in records}) == 5
    assert len({r["published"] for r in records}) == 5


def test_unknown_row_is_refused(tmp_path):
    with pytest.raises(ConfigError):
        run_benchmarks(SHARED, tmp_path, rows=["nope"])
