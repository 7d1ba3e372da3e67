"""One assign scores only candidate stories from the inverted index, not every story."""

from __future__ import annotations

from storyline.link import StoryClusterer, StoryDoc, StorySettings

_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


def _word(i: int) -> str:
    out = ""
    for _ in range(3):
        i, r = divmod(i, len(_SYLLABLES))
        out += _SYLLABLES[r]
    return out


def test_assign_scores_at_most_max_candidates(monkeypatch):
    c = StoryClusterer(settings=StorySettings(max_candidates=5))
    # 200 unrelated one-article stories, each with its own words.
    for k in range(200):
        c.assign(StoryDoc(f"s{k}", " ".join(_word(10 * k + j) for j in range(10))))
    assert len(c.stories_by_id) == 200

    scored = []
    original = StoryClusterer._score

    def counting(self, story, *args):
        scored.append(story.id)
        return original(self, story, *args)

    monkeypatch.setattr(StoryClusterer, "_score", counting)
    # Shares words with stories 3 and 4 only: only they can be candidates.
    got = c.assign(StoryDoc("probe", " ".join(_word(30 + j) for j in range(10)) + " " + _word(40)))
    assert set(scored) == {c.member_story["s3"], c.member_story["s4"]}
    assert got.story_id == c.member_story["s3"]



def test_candidates_are_capped_when_a_word_is_everywhere(monkeypatch):
    # 50 stories kept apart by an unreachable threshold, all indexed under one shared word.
    c = StoryClusterer(settings=StorySettings(threshold=10.0, max_candidates=5))
    for k in range(50):
        c.assign(StoryDoc(f"t{k}", f"shared {_word(10 * k)}"))
    scored = []
    original = StoryClusterer._score

    def counting(self, story, *args):
        scored.append(story.id)
        return original(self, story, *args)

    monkeypatch.setattr(StoryClusterer, "_score", counting)
    c.assign(StoryDoc("probe", "shared"))
    assert len(scored) == 5
