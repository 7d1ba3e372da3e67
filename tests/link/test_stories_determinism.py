"""Same input order, same stories and ids; the state survives a JSON round trip."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from storyline.errors import StoreError
from storyline.ids import digest
from storyline.link import StoryClusterer, StoryDoc, cluster

_TOPICS = {
    "harbour": "harbour strike dockers cranes wages union ships idle port Velmora",
    "election": "election ballots turnout candidate mayor polls count Ardent council",
    "festival": "festival lanterns parade music square crowds fireworks Solvig night",
}


def _stream() -> list[StoryDoc]:
    docs = []
    for i in range(12):
        topic = list(_TOPICS)[i % 3]
        words = _TOPICS[topic].split()
        text = " ".join(words[(i + j) % len(words)] for j in range(8)) + f". Report {i} on the {topic}."
        docs.append(StoryDoc(f"{topic}-{i:02d}", text, published=date(2031, 5, 1) + timedelta(days=i // 3)))
    return docs


def test_same_order_gives_same_stories_and_ids():
    first = cluster(_stream())
    second = cluster(_stream())
    assert first == second
    assert len({a.story_id for a in first}) == 3


def test_story_id_is_the_digest_of_its_first_member():
    for a in cluster(_stream()):
        if a.new:
            assert a.story_id == digest("story", a.doc_id)


def test_batch_feeds_by_date_then_id():
    docs = _stream()
    assert [a.doc_id for a in cluster(reversed(docs))] == [
        d.id for d in sorted(docs, key=lambda d: (d.published, d.id))
    ]


def test_state_round_trip_continues_identically():
    docs = _stream()
    whole = StoryClusterer()
    expected = [whole.assign(d) for d in docs]

    half = StoryClusterer()
    got = [half.assign(d) for d in docs[:6]]
    restored = StoryClusterer.from_dict(json.loads(json.dumps(half.to_dict())))
    got += [restored.assign(d) for d in docs[6:]]
    assert got == expected
    assert restored.to_dict() == whole.to_dict()


def test_state_of_another_version_is_refused():
    state = StoryClusterer().to_dict()
    state["version"] = "storyline.stories.v0"
    with pytest.raises(StoreError):
        StoryClusterer.from_dict(state)


def test_empty_article_starts_its_own_story():
    c = StoryClusterer()
    c.assign(StoryDoc("a", "Harbour strike in Velmora as dockers walk out."))
    empty = c.assign(StoryDoc("b", ""))
    assert empty.new and empty.similarity == 0.0
