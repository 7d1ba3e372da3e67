"""The MEANTIME name metric on a hand-computed example: exact, no-article and lenient, causes."""

from __future__ import annotations

import pytest

from storyline.evaluate.names import CatDoc, GoldMention, NamesReport, Predicted, score_document

TOKENS = ("Veltra", "buys", "Qorx", "plant",
          "The", "Brannoch", "Council", "said", "Ada", "Lind", "visited", "the", "Kestrel", "Republic", ".",
          "Tamsin", "Orr", "spoke", ".")
SENTENCES = (0,) * 4 + (2,) * 11 + (6,) * 4
DOC = CatDoc("doc", TOKENS, SENTENCES, (
    GoldMention(0, 1, "NAM", "ORG"),       # Veltra
    GoldMention(2, 3, "PRE.NAM", "ORG"),   # Qorx (pre-modifier: neither required nor penalised)
    GoldMention(4, 7, "NAM", "ORG"),       # The Brannoch Council
    GoldMention(8, 10, "NAM", "PER"),      # Ada Lind
    GoldMention(11, 14, "NAM", "LOC"),     # the Kestrel Republic
))
FOUND = [
    Predicted(0, 1, "ORG"),     # exact
    Predicted(2, 3, "ORG"),     # over the pre-modifier only: ignored
    Predicted(5, 7, "ORG"),     # Brannoch Council: overlap, exact once the article is dropped
    Predicted(8, 9, "PER"),     # Ada: overlap only
    Predicted(9, 10, "LOC"),    # Lind as a place: false LOC
    Predicted(12, 14, "ORG"),   # Kestrel Republic as ORG: false ORG, the LOC is missed
    Predicted(15, 17, "PER"),   # sentence 6 is not annotated: not scored
    Predicted(4, 7, "NORP"),    # a label outside PER/ORG/LOC: not scored
]


@pytest.fixture()
def report() -> NamesReport:
    r = NamesReport(documents=1)
    score_document(DOC, FOUND, r.systems["storyline"])
    return r


def test_counts_per_type(report):
    by = report.systems["storyline"].by_type
    org, per, loc = by["ORG"], by["PER"], by["LOC"]
    assert (org.gold, org.predicted, org.exact, org.exact_no_article, org.gold_found, org.predicted_right) \
        == (2, 3, 1, 2, 2, 2)
    assert (per.gold, per.predicted, per.exact, per.exact_no_article, per.gold_found, per.predicted_right) \
        == (1, 1, 0, 0, 1, 1)
    assert (loc.gold, loc.predicted, loc.exact, loc.gold_found, loc.predicted_right) == (1, 1, 0, 0, 0)
    assert report.systems["storyline"].ignored == 1


def test_micro_scores(report):
    micro = report.systems["storyline"].micro()
    assert micro.exact_prf() == pytest.approx((1 / 5, 1 / 4, 2 / 9))
    assert micro.no_article_prf() == pytest.approx((2 / 5, 2 / 4, 4 / 9))
    assert micro.lenient_prf() == pytest.approx((3 / 5, 3 / 4, 2 / 3))


def test_error_causes(report):
    causes = sorted(e.cause for e in report.systems["storyline"].errors)
    assert causes == [
        "boundary ORG: gold includes the article",
        "boundary PER: gold longer (title, apposition, modifier)",
        "false LOC: gold says PER",
        "false ORG: gold says LOC",
        "missed LOC: tagged ORG",
    ]
    missed = report.systems["storyline"].missed
    assert list(missed) == [("doc", 11, 14)] and missed[("doc", 11, 14)].gold == "the Kestrel Republic [LOC]"


def test_unaligned_span_is_not_exact():
    r = NamesReport()
    score_document(DOC, [Predicted(0, 1, "ORG", aligned=False)], r.systems["storyline"])
    org = r.systems["storyline"].by_type["ORG"]
    assert (org.exact, org.gold_found) == (0, 1)


def test_failures_and_render(report):
    assert report.failures({"exact_f1": 0.0, "lenient_f1": 0.5}) == []
    failed = report.failures({"lenient_f1": 0.9, "loc_lenient_f1": 0.1})
    assert len(failed) == 2 and "lenient_f1" in failed[0]
    text = report.render()
    assert "0.667" in text and "missed LOC: tagged ORG" in text
