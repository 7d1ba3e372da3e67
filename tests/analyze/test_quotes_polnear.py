"""The PolNeAR quote evaluation: reading brat attributions, scoring, and (slow) the floor on dev."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluate.quotes import PolnearArticle, QuotesReport, evaluate_quotes, read_ann, score_article
from storyline.model import Quote, Speaker

TEXT = ("“The wall will hold,” Mara Velk said. Engineers say the wall is weak. "
        "Tomas Arne called it “a disgrace”.")
ANN = "\n".join([
    "T1\tSource 22 31\tMara Velk",
    "T2\tCue 32 36\tsaid",
    "T3\tContent 0 21\t“The wall will hold,”",
    "T4\tAttribution 32 36\tsaid",
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    "T5\tSource 38 47\tEngineers",
    "T6\tCue 48 51\tsay",
    "T7\tContent 52 68\tthe wall is weak",
    "E2\tAttribution:T6 Content:T7 Cue:T6 Source:T5",
    "T8\tSource 70 80\tTomas Arne",
    "T9\tCue 81 87\tcalled",
    "T10\tContent 88 91;91 103\tit “a disgrace”",
    "E3\tAttribution:T9 Content:T10 Cue:T9 Source:T8",
    "#1\tAnnotatorNotes T1\ta note",
])


def quote(text: str, span: tuple[int, int], speaker: str | None, speaker_span: tuple[int, int] | None,
          kind: str = "direct") -> Quote:
    who = Speaker(speaker, speaker_span) if speaker else None
    return Quote(span, text[span[0]:span[1]], kind, who, "said", 0.9)


def test_quotes_polnear_reads_attributions() -> None:
    atts = read_ann(ANN)
    assert len(atts) == 3
    assert TEXT[slice(*atts[0].source[0])] == "Mara Velk"
    assert atts[2].content == ((88, 91), (91, 103))
    assert "".join(TEXT[s:e] for s, e in atts[2].content) == "it “a disgrace”"


def test_quotes_polnear_scores_quotes_and_speakers() -> None:
    article = PolnearArticle("fictional", TEXT, read_ann(ANN))
    velk = TEXT.index("Mara Velk")
    disgrace = TEXT.index("a disgrace")
    quotes = [
        quote(TEXT, (1, 19), "Mara Velk", (velk, velk + 9)),
        quote(TEXT, (disgrace, disgrace + 10), "Mara Velk", (velk, velk + 9), "partial"),  # wrong speaker
        quote(TEXT, (TEXT.index("the wall is"), TEXT.index("the wall is") + 5), None, None),  # not marked
    ]
    report = QuotesReport("test")
    score_article(article, quotes, report)
    assert report.gold == 2  # the attributions whose content has quote marks
    assert report.found == 2 and report.found_speaker == 1
    assert report.predicted == 3 and report.predicted_ok == 3 and report.predicted_speaker_ok == 1
    assert report.speaker_recall == 0.5
    assert [m.kind for m in report.misses] == ["speaker"]
    assert "PolNeAR test" in report.render()
    listing = report.list_misses()
    assert "Tomas Arne" in listing and "called it" in listing  # the gold speaker and the text around
    assert report.list_misses(("extra",)) == ""


def test_quotes_polnear_speaker_by_name_when_spans_differ() -> None:
    article = PolnearArticle("fictional", TEXT, read_ann(ANN))
    disgrace = TEXT.index("a disgrace")
    quotes = [quote(TEXT, (disgrace, disgrace + 10), "Tomas Arne", (0, 1), "partial")]
    report = QuotesReport("test")
    score_article(article, quotes, report)
    assert report.found_speaker == 1


def test_quotes_polnear_dev_floor(request: pytest.FixtureRequest, datasets_dir: Path) -> None:
    if not request.config.getoption("--run-slow", default=False):
        pytest.skip("slow: run with --run-slow")
    if not (datasets_dir / "polnear").is_dir():
        pytest.skip("../shared/datasets/polnear is not present")
    report = evaluate_quotes(datasets_dir.parent, split="dev")
    assert report.speaker_f1 >= 0.88
    assert report.precision >= 0.95
