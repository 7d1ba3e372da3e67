"""The TempEval-3 evaluation: TimeML reading, scoring, and the floor on the platinum set."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluate.times import TimesReport, evaluate_times, read_timeml, score_document
from storyline.model import TimeExpr

TIMEML = b"""<?xml version="1.0" ?>
<TimeML>
<DOCID>made_up</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" \
value="2013-03-22">2013-03-22</TIMEX3></DCT>
<TEXT>
The ferry sank <TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3> after <TIMEX3 tid="t2" \
type="DURATION" value="P3D">three days</TIMEX3> at sea; it was built in <TIMEX3 tid="t3" type="DATE" \
value="1999">1999</TIMEX3>.
</TEXT>
</TimeML>"""


def test_read_timeml_offsets_point_at_the_timexes() -> None:
    doc = read_timeml("made_up", TIMEML)
    assert doc.dct == "2013-03-22"
    assert [(doc.text[t.start:t.end], t.type, t.value) for t in doc.timexes] == [
        ("Thursday", "DATE", "2013-03-21"), ("three days", "DURATION", "P3D"), ("1999", "DATE", "1999")]


def test_score_counts_right_wrong_and_out_of_scope() -> None:
    doc = read_timeml("made_up", TIMEML)
    at = doc.text.index
    found = [
        TimeExpr((at("Thursday") - 3, at("Thursday") + 8), "on Thursday", "2013-03-21", "day"),
        TimeExpr((at("three days"), at("three days") + 10), "three days", "P3D", "duration"),
        TimeExpr((at("1999"), at("1999") + 4), "1999", "1998", "year"),
    ]
    report = TimesReport("test")
    score_document(doc, found, report)
    assert (report.gold_dates, report.found, report.correct) == (2, 2, 1)
    assert report.predicted_scored == 2  # the duration overlaps an out-of-scope timex
    assert [m.gold_value for m in report.misses] == ["1999"]
    assert "value accuracy" in report.render()


def test_platinum_value_accuracy(datasets_dir: Path) -> None:
    if not (datasets_dir / "tempeval3" / "te3-platinum.tar.xz").exists():
        pytest.skip("tempeval3 is not present")
    report = evaluate_times(datasets_dir.parent)
    assert report.documents == 20
    assert report.gold_dates == 96
    assert report.accuracy >= 0.85, report.render()
