"""What word overlap alone can reach at ECB+ topic level, given the gold sub-topics.

``topic_ceiling(docs)`` hands the clustering its hardest part for free: each gold sub-topic
(one real event) becomes one TF-IDF centroid, built the way the story clusterer builds its
own (``term_frequencies`` with the preset's weights, IDF over all documents). The centroids
are then merged by average link (Lance-Williams update), and the merge height is chosen where
topic-level B³ F1 is best on the tuning topics (1-35). An online clusterer that must also find
the sub-topics, using the same words, is not expected to beat this number; it shows how much
of the distance to a goal is the representation and how much is the clustering.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyline.evaluate.ecbplus import TEST_TOPICS, BCubed, EcbDoc, b_cubed
from storyline.link.stories import TOPIC_SETTINGS, StorySettings
from storyline.link.vectors import DocumentFrequencies, cosine, load_stopwords, term_frequencies, unit


@dataclass(frozen=True, slots=True)
class Ceiling:
    """Topic-level B³ of merging the gold sub-topics' centroids at one threshold."""

    threshold: float
    tuning: BCubed  # topics outside TEST_TOPICS, where the threshold was chosen
    all: BCubed
    test: BCubed | None  # TEST_TOPICS alone, when there are any
    groups: int  # topic groups the merge left, over all documents


def topic_ceiling(docs: Sequence[EcbDoc], settings: StorySettings = TOPIC_SETTINGS) -> Ceiling:
    """Return the topic-level B³ of average-link merging of gold sub-topic centroids (threshold tuned)."""
    stop = load_stopwords()
    tfs = [term_frequencies(None, d.text, stop, settings.title_weight, settings.name_weight) for d in docs]
    frequencies = DocumentFrequencies()
    for tf in tfs:
        frequencies.add(tf)
    centroids: dict[str, dict[str, float]] = {}
    for d, tf in zip(docs, tfs, strict=True):
        centroid = centroids.setdefault(d.subtopic, {})
        for term, w in unit(frequencies.weigh(tf)).items():
            centroid[term] = centroid.get(term, 0.0) + w
    merges = _average_link({k: centroids[k] for k in sorted(centroids)})
    tuning = [d for d in docs if d.topic not in TEST_TOPICS]
    test = [d for d in docs if d.topic in TEST_TOPICS]
    best: tuple[float, float, dict[str, str]] | None = None
    for height, groups in merges:
        f1 = _topic_b3(tuning, groups).f1 if tuning else 0.0
        if best is None or f1 > best[0]:
            best = (f1, height, groups)
    assert best is not None  # merges always holds the unmerged partition
    _, height, groups = best
    return Ceiling(
        threshold=height,
        tuning=_topic_b3(tuning, groups),
        all=_topic_b3(docs, groups),
        test=_topic_b3(test, groups) if test else None,
        groups=len(set(groups.values())),
    )


def _average_link(vectors: Mapping[str, Mapping[str, float]]) -> list[tuple[float, dict[str, str]]]:
    """Return (height, group of each key) before any merge (height inf) and after each merge."""
    keys = list(vectors)
    size = dict.fromkeys(keys, 1)
    sim = {a: {b: cosine(vectors[a], vectors[b]) for b in keys if b != a} for a in keys}
    group = {k: k for k in keys}
    out = [(float("inf"), dict(group))]
    while len(sim) > 1:
        s, a, b = max((s, a, b) for a, row in sim.items() for b, s in row.items() if a < b)
        if s <= 0.0:
            break  # no word in common is no evidence: a merge here would follow key order
        for c in sim:
            if c not in (a, b):
                # Lance-Williams: the mean similarity of the merged group to c, weighted by size.
                merged = (size[a] * sim[a][c] + size[b] * sim[b][c]) / (size[a] + size[b])
                sim[a][c] = sim[c][a] = merged
        for c in sim:
            sim[c].pop(b, None)
        del sim[b]
        sim[a].pop(a, None)
        size[a] += size.pop(b)
        group = {k: a if g == b else g for k, g in group.items()}
        out.append((s, dict(group)))
    return out


def _topic_b3(docs: Sequence[EcbDoc], groups: Mapping[str, str]) -> BCubed:
    return b_cubed({d.name: groups[d.subtopic] for d in docs}, {d.name: d.topic for d in docs})
