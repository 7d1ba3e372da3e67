"""Stances of the project's fictional example story, against the answer key in examples/README.md."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc


@pytest.mark.parametrize(("source", "actor", "topic", "stance"), [
    ("2025-03-04-lorentcourier-marren-visit.html", "Nadia Korvel", "state of emergency", "for"),
    ("2025-03-04-lorentcourier-marren-visit.html", "Dorin Vasek", "nationwide state of emergency", "against"),
    ("2025-03-05-harbourpost-toll-disputed.html", "Ilse Marren", "independent inquiry", "against"),
    ("2025-03-05-meridianwire-toll-un-aid.txt", "Ruth Hale", "independent inquiry", "for"),
    ("valleyvoice-dam-official-arrested.txt", "Ilse Marren", "independent inquiry", "against"),
    ("valleyvoice-dam-official-arrested.txt", "Nadia Korvel", "resignation of tomas hale", "for"),
    ("valleyvoice-feed.rss#item-1", "Ilse Marren", "independent inquiry", "for"),
    ("valleyvoice-feed.rss#item-1", "Tomas Hale", "resignation of tomas hale", "against"),
    ("casmeriatoday-dump.jsonl:1", "Nadia Korvel", "independent inquiry", "for"),
])
def test_stances_of_the_story_are_found(example_docs: dict[str, Doc], source: str, actor: str, topic: str,
                                        stance: str) -> None:
    doc = example_docs[source]
    found = {(s.actor, s.topic, s.stance) for s in doc._.stances}
    assert (actor, topic, stance) in found
    hit = next(s for s in doc._.stances if (s.actor, s.topic, s.stance) == (actor, topic, stance))
    assert doc.text[hit.span[0]:hit.span[1]].strip()


def test_stances_nobody_in_the_story_is_both_for_and_against_in_one_article_but_marren(
        example_docs: dict[str, Doc]) -> None:
    for source, doc in example_docs.items():
        sides: dict[tuple[str, str], set[str]] = {}
        for s in doc._.stances:
            sides.setdefault((s.actor, s.topic), set()).add(s.stance)
        both = {k for k, v in sides.items() if len(v) > 1}
        # Marren's change of course is told in one article (rejected on Wednesday, backs it on Sunday)
        assert both <= {("Ilse Marren", "independent inquiry")}, (source, both)
