"""The word-overlap ceiling at topic level, on made-up sub-topics with known overlaps."""

from __future__ import annotations

from storyline.evaluate.ecbplus import EcbDoc
from storyline.evaluate.story_ceiling import topic_ceiling

# Two events of one kind share the kind's words and differ in names; topic 3 pairs two events
# with no word in common, as some ECB+ topics do.
EVENTS = {
    (1, "1ecb"): "river flood water rain levee evacuated Marden",
    (1, "1ecbplus"): "river flood water rain levee evacuated Tolver",
    (2, "2ecb"): "election ballot vote count polls turnout Arvo",
    (2, "2ecbplus"): "election ballot vote count polls turnout Senna",
    (3, "3ecb"): "museum painting stolen thieves gallery",
    (3, "3ecbplus"): "vaccine trial patients dose clinic",
}


def docs(events: dict[tuple[int, str], str]) -> list[EcbDoc]:
    return [EcbDoc(f"{sub}_{i}", topic, sub, f"{text} {text.split()[i]}.")
            for (topic, sub), text in events.items() for i in range(3)]


def test_kind_words_join_sub_topics_and_disjoint_ones_stay_apart() -> None:
    c = topic_ceiling(docs(EVENTS))
    assert c.groups == 4  # topics 1 and 2 whole; topic 3 in its two halves
    assert c.all.precision == 1.0
    assert c.all.recall == (12 * 1.0 + 6 * 0.5) / 18
    assert c.test is None  # no topic of the test split (36-45)


def test_sub_topics_sharing_their_kind_reach_one() -> None:
    c = topic_ceiling(docs({k: v for k, v in EVENTS.items() if k[0] != 3}))
    assert (c.groups, c.all.f1) == (2, 1.0)
