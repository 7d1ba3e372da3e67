"""The TimeLine temporal-awareness metric on small hand-made timelines."""

from __future__ import annotations

from storyline.evaluate.timelines import BEFORE, SIMULTANEOUS, reduce_graph, score_timeline
from storyline.evaluate.timelines_data import TimelineLine as L


def _gold() -> list[L]:
    return [
        L(1, "2001-XX-XX", ("10-1-founded",)),
        L(2, "2003-05-XX", ("10-4-bought", "11-2-purchase")),
        L(3, "2004-01-02", ("11-5-sold",)),
        L(0, "XXXX-XX-XX", ("12-1-talks",)),
    ]


def test_identical_timelines_score_one():
    k = score_timeline(_gold(), _gold())
    assert k.gold_total > 0
    assert (k.precision, k.recall, k.f1) == (1.0, 1.0, 1.0)


def test_a_swapped_pair_lowers_precision_and_recall():
    swapped = [
        L(1, "2001-XX-XX", ("10-1-founded",)),
        L(2, "2004-01-02", ("11-5-sold",)),
        L(3, "2003-05-XX", ("10-4-bought", "11-2-purchase")),
    ]
    k = score_timeline(_gold(), swapped)
    assert 0 < k.precision < 1 and 0 < k.recall < 1


def test_a_relation_implied_by_the_gold_closure_counts_as_correct():
    # The gold never links "founded" to "sold" directly; its closure does.
    k = score_timeline(_gold(), [L(1, "2001-XX-XX", ("10-1-founded",)), L(2, "2004-01-02", ("11-5-sold",))])
    assert k.precision == 1.0
    assert 0 < k.recall < 1


def test_unplaced_events_and_unknown_events_do_not_match():
    assert score_timeline(_gold(), [L(0, "XXXX-XX-XX", ("12-1-talks",))]).system_total == 0
    k = score_timeline(_gold(), [L(1, "2001-XX-XX", ("99-0-unknown",))])
    # the date node is shared but the event is not: nothing of the system's is in the gold
    assert k.system_total == 1 and k.prec_matched == 0 and k.rec_matched == 0


def test_wrong_date_of_a_matched_event_is_an_error():
    right = score_timeline(_gold(), [L(1, "2001-XX-XX", ("10-1-founded",))])
    wrong = score_timeline(_gold(), [L(1, "2002-XX-XX", ("10-1-founded",))])
    assert right.prec_matched == 1 and wrong.prec_matched == 0


def test_the_reduced_graph_drops_relations_implied_by_earlier_ones():
    relations = [
        ("a", "b", BEFORE),
        ("b", "c", BEFORE),
        ("a", "c", BEFORE),
        ("c", "d", SIMULTANEOUS),
        ("a", "d", BEFORE),
    ]
    kept, graph = reduce_graph(relations)
    assert kept == [("a", "b", BEFORE), ("b", "c", BEFORE), ("c", "d", SIMULTANEOUS)]
    assert graph.holds("a", "d", BEFORE) is True
    assert graph.holds("d", "a", BEFORE) is False
    assert graph.holds("a", "x", BEFORE) is None


def test_a_contradicted_relation_stays_in_the_reduced_graph_but_not_in_the_closure():
    kept, graph = reduce_graph([("a", "b", BEFORE), ("b", "a", BEFORE)])
    assert len(kept) == 2
    assert graph.holds("a", "b", BEFORE) is True


def test_a_repeated_event_string_takes_the_next_gold_occurrence():
    gold = [L(1, "2001-XX-XX", ("5-2-deal", "5-2-deal")), L(2, "2002-XX-XX", ("6-1-sold",))]
    assert score_timeline(gold, gold).f1 == 1.0
    once = score_timeline(gold, [L(1, "2001-XX-XX", ("5-2-deal",)), L(2, "2002-XX-XX", ("6-1-sold",))])
    assert once.precision == 1.0 and once.recall < 1.0


def test_micro_average_sums_counts():
    a = score_timeline(_gold(), _gold())
    b = score_timeline(_gold(), [])
    total = type(a)()
    total.add(a)
    total.add(b)
    assert total.gold_total == a.gold_total + b.gold_total
    assert total.recall == 0.5 and total.precision == 1.0
