"""Online story clustering: each new article joins the best existing story or starts one.

``StoryClusterer().assign(doc)`` scores the article against a few candidate stories
and returns a ``StoryAssignment``. The design follows single-pass news clustering as in
Event Registry (TF-IDF centroids, a similarity threshold, recent stories only) and
Miranda et al. (2018, "Multilingual Clustering of Streaming News": several similarity
features plus a timestamp feature, combined linearly against a threshold):

* text: cosine of the article's TF-IDF vector (title + text, lower-cased words, no stop
  words, sublinear counts) and the story centroid, with IDF from running document counts;
* entities: weighted Jaccard of the article's canonical entity names and the story's
  (each story entity weighted by the share of members that name it);
* time: a decay factor on the days between the article's date and the story's span.

``score = (cosine + entity_weight * jaccard) * decay``; an article joins the best story
when the score reaches ``threshold``. Candidates come from an inverted index of each
story's heaviest terms and its entities, so one assign costs O(candidate stories), not
O(articles). Same input order, same stories: ties go to the older story and story ids
are digests of their first member's id.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from storyline.ids import digest
from storyline.link.clusters import StoryIndex, StoryState
from storyline.link.vectors import (
    DocumentFrequencies,
    cosine,
    load_stopwords,
    term_frequencies,
    top_terms,
    unit,
)

STATE_VERSION = "storyline.stories.v1"


@dataclass(frozen=True, slots=True)
class StoryDoc:
    """What story clustering reads of one article."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    entities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryAssignment:
    """Where one article went: its story, whether that story is new, the winning score.

    ``merged`` names stories that this article's arrival folded into ``story_id`` (their
    members now belong to it): an article can bridge two stories that began apart.
    """

    doc_id: str
    story_id: str
    new: bool
    similarity: float
    merged: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """A read-only view of one story: members in arrival order, title and time span."""

    id: str
    title: str
    members: tuple[str, ...]
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class StorySettings:
    """The knobs of story clustering; the defaults are tuned on ECB+ topics 1-35 (see evaluate/stories.py)."""

    threshold: float = 0.2
    entity_weight: float = 0.5
    decay_days: float = 7.0
    decay_floor: float = 0.5
    title_weight: float = 2.0
    name_weight: float = 1.0
    centroid_terms: int = 400
    index_terms: int = 30
    query_terms: int = 20
    index_entities: int = 30
    max_candidates: int = 50
    merge_threshold: float = 0.5
    small_story_discount: float = 0.0
    merge_candidates: int = 10
    reweigh_growth: float = 1.25

    def to_dict(self) -> dict[str, Any]:
        """Return the settings as plain data."""
        return {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]


@dataclass
class StoryClusterer:
    """Online clusterer of articles into stories; its state is plain data (``to_dict``/``from_dict``).

    >>> c = StoryClusterer()
    >>> a = c.assign(StoryDoc("a1", "Floods hit the river valley; thousands evacuated."))
    >>> a.new
    True
    """

    settings: StorySettings = field(default_factory=StorySettings)
    frequencies: DocumentFrequencies = field(default_factory=DocumentFrequencies)
    stories_by_id: dict[str, StoryState] = field(default_factory=dict)
    index: StoryIndex = field(default_factory=StoryIndex)
    member_story: dict[str, str] = field(default_factory=dict)
    next_seq: int = 0
    stopwords: frozenset[str] = field(default_factory=load_stopwords, repr=False)

    def assign(self, doc: StoryDoc) -> StoryAssignment:
        """Put ``doc`` in the best-matching story, or a new one; an id seen before keeps its story."""
        tf = term_frequencies(doc.title, doc.text, self.stopwords, self.settings.title_weight,
                              self.settings.name_weight)
        entities = _entity_set(doc)
        known = self.member_story.get(doc.id)
        if known is None:
            self.frequencies.add(tf)
        query = self.frequencies.weigh(tf)
        query_norm = math.sqrt(sum(w * w for w in query.values())) or 1.0
        if known is not None:
            score = self._score(self.stories_by_id[known], query, query_norm, entities, doc.published)
            return StoryAssignment(doc.id, known, False, score)
        best: tuple[float, int, StoryState] | None = None
        for story in self._candidates(query, entities):
            score = self._score(story, query, query_norm, entities, doc.published)
            if best is None or (score, -story.seq) > (best[0], -best[1]):
                best = (score, story.seq, story)
        if best is not None and best[0] >= self._threshold(best[2]):
            story, new, score = best[2], False, best[0]
        else:
            story = StoryState(id=digest("story", doc.id), seq=self.next_seq)
            self.next_seq += 1
            self.stories_by_id[story.id] = story
            new, score = True, best[0] if best else 0.0
        self._join(story, doc, tf, entities)
        merged = self._merge_into(story)
        return StoryAssignment(doc.id, story.id if story.id in self.stories_by_id else self.member_story[doc.id],
                               new, score, merged)

    def stories(self) -> list[Story]:
        """Return every story in creation order, with its title and time span."""
        return [self.story(s.id) for s in sorted(self.stories_by_id.values(), key=lambda s: s.seq)]

    def story(self, story_id: str) -> Story:
        """Return the read-only view of one story."""
        s = self.stories_by_id[story_id]
        return Story(s.id, self._title(s), tuple(s.members), s.start, s.end)

    def to_dict(self) -> dict[str, Any]:
        """Return the whole state as JSON-ready plain data."""
        return {
            "version": STATE_VERSION,
            "settings": self.settings.to_dict(),
            "documents": self.frequencies.documents,
            "next_seq": self.next_seq,
            "frequencies": dict(self.frequencies.counts),
            "stories": [s.to_dict() for s in sorted(self.stories_by_id.values(), key=lambda s: s.seq)],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoryClusterer:
        """Return a clusterer that continues from the state ``to_dict`` returned."""
        settings = StorySettings(**data["settings"])
        freq = DocumentFrequencies(int(data["documents"]), {k: int(v) for k, v in data["frequencies"].items()})
        clusterer = cls(settings=settings, frequencies=freq, next_seq=int(data["next_seq"]))
        for raw in data["stories"]:
            story = StoryState.from_dict(raw)
            clusterer.stories_by_id[story.id] = story
            keys, story.keys = story.keys, []
            clusterer.index.file(story, keys)
            for member in story.members:
                clusterer.member_story[member] = story.id
        return clusterer

    def _candidates(self, weights: dict[str, float], entities: frozenset[str],
                    limit: int | None = None) -> list[StoryState]:
        """Return the stories that share the most IDF weight of index keys with the article."""
        hits: dict[str, float] = {}
        for term in top_terms(weights, self.settings.query_terms):
            w = weights[term]
            for sid in self.index.stories("t:" + term):
                hits[sid] = hits.get(sid, 0.0) + w
        for name in sorted(entities):
            for sid in self.index.stories("e:" + name):
                hits[sid] = hits.get(sid, 0.0) + 1.0
        stories = self.stories_by_id
        chosen = heapq.nsmallest(limit or self.settings.max_candidates, hits.items(),
                                 key=lambda kv: (-kv[1], stories[kv[0]].seq))
        return [stories[sid] for sid, _ in chosen]

    def _score(self, story: StoryState, query: dict[str, float], query_norm: float,
               entities: frozenset[str], published: date | None) -> float:
        """Return the combined similarity of an article (IDF-weighted ``query``) to a story."""
        s = self.settings
        if story.weighed_at * s.reweigh_growth < self.frequencies.documents:
            self._weigh(story)
        weights = story.weights
        dot = sum(w * weights[t] for t, w in query.items() if t in weights)
        text = dot / (query_norm * story.norm) if dot else 0.0
        score = text + s.entity_weight * _weighted_jaccard(entities, story)
        gap = story.days_from(published)
        if gap:
            score *= s.decay_floor + (1.0 - s.decay_floor) * math.exp(-gap / s.decay_days)
        return score

    def _weigh(self, story: StoryState) -> None:
        """Recompute the story's IDF-weighted centroid and its length with the current IDF."""
        story.weights = self.frequencies.weigh(story.terms)
        story.norm = math.sqrt(sum(w * w for w in story.weights.values()))
        story.weighed_at = self.frequencies.documents

    def _join(self, story: StoryState, doc: StoryDoc, tf: dict[str, float], entities: frozenset[str]) -> None:
        """Add ``doc`` to ``story``: centroid, entities, span, members; then refile the story."""
        for term, w in unit(tf).items():
            story.terms[term] = story.terms.get(term, 0.0) + w
        story.size += 1
        for name in entities:
            story.entities[name] = story.entities.get(name, 0) + 1
        story.entity_total += len(entities)
        if doc.published is not None:
            story.start = min(story.start, doc.published) if story.start else doc.published
            story.end = max(story.end, doc.published) if story.end else doc.published
        story.members.append(doc.id)
        if doc.title:
            story.titles[doc.id] = doc.title
        self.member_story[doc.id] = story.id
        self._refresh(story)

    def _refresh(self, story: StoryState) -> None:
        """Reweigh a changed story, bound its centroid and refile it under its heaviest terms and entities."""
        self._weigh(story)
        if len(story.terms) > self.settings.centroid_terms:
            # Keep the centroid bounded: the lightest terms barely move a cosine.
            keep = top_terms(story.weights, self.settings.centroid_terms)
            story.terms = {t: story.terms[t] for t in keep}
            self._weigh(story)
        keys = ["t:" + t for t in top_terms(story.weights, self.settings.index_terms)]
        keys += ["e:" + e for e in top_terms(story.entities, self.settings.index_entities)]
        self.index.file(story, keys)

    def _threshold(self, story: StoryState) -> float:
        """Return the score an article needs to join ``story``: lower for small stories.

        An article's cosine to a centroid of few members is lower than to one of many (a
        centroid averages away each member's idiosyncratic words), so one fixed bar would
        split young stories and let big ones swallow near neighbours.
        """
        s = self.settings
        return s.threshold * (1.0 - s.small_story_discount / story.size)

    def _merge_into(self, story: StoryState) -> tuple[str, ...]:
        """Fold into ``story`` (or it into an older one) every story its grown centroid now matches."""
        merged: list[str] = []
        while True:
            other = self._merge_partner(story)
            if other is None:
                return tuple(merged)
            keep, gone = (story, other) if story.seq < other.seq else (other, story)
            self._absorb(keep, gone)
            merged.append(gone.id)
            story = keep

    def _merge_partner(self, story: StoryState) -> StoryState | None:
        """Return the best other story whose similarity to ``story`` reaches ``merge_threshold``."""
        s = self.settings
        if story.weighed_at * s.reweigh_growth < self.frequencies.documents:
            self._weigh(story)
        best: tuple[float, int, StoryState] | None = None
        for other in self._candidates(story.weights, frozenset(story.entities), s.merge_candidates + 1):
            if other.id == story.id:
                continue
            if other.weighed_at * s.reweigh_growth < self.frequencies.documents:
                self._weigh(other)
            score = cosine(story.weights, other.weights) + s.entity_weight * _story_jaccard(story, other)
            gap = _span_gap(story, other)
            if gap:
                score *= s.decay_floor + (1.0 - s.decay_floor) * math.exp(-gap / s.decay_days)
            if score >= s.merge_threshold and (best is None or (score, -other.seq) > (best[0], -best[1])):
                best = (score, other.seq, other)
        return best[2] if best else None

    def _absorb(self, keep: StoryState, gone: StoryState) -> None:
        """Move every member and count of ``gone`` into ``keep`` and forget ``gone``."""
        for term, w in gone.terms.items():
            keep.terms[term] = keep.terms.get(term, 0.0) + w
        for name, n in gone.entities.items():
            keep.entities[name] = keep.entities.get(name, 0) + n
        keep.entity_total += gone.entity_total
        keep.size += gone.size
        starts = [d for d in (keep.start, gone.start) if d is not None]
        ends = [d for d in (keep.end, gone.end) if d is not None]
        keep.start, keep.end = (min(starts) if starts else None), (max(ends) if ends else None)
        keep.members.extend(gone.members)
        keep.titles.update(gone.titles)
        for member in gone.members:
            self.member_story[member] = keep.id
        self.index.file(gone, ())
        del self.stories_by_id[gone.id]
        self._refresh(keep)

    def _title(self, story: StoryState) -> str:
        """Return the title of the member closest to the centroid, else the centroid's top terms."""
        centroid = story.weights
        best: tuple[float, str] | None = None
        for member, title in story.titles.items():
            tf = term_frequencies(title, "", self.stopwords)
            score = cosine(self.frequencies.weigh(tf), centroid)
            if best is None or score > best[0]:
                best = (score, title)
        if best is not None:
            return best[1]
        return ", ".join(top_terms(centroid, 5))


def cluster(docs: Iterable[StoryDoc], settings: StorySettings | None = None) -> list[StoryAssignment]:
    """Cluster ``docs`` with a fresh clusterer, fed by published date then id; assignments in that order."""
    clusterer = StoryClusterer(settings=settings or StorySettings())
    return [clusterer.assign(doc) for doc in _in_order(docs)]


def _in_order(docs: Iterable[StoryDoc]) -> Iterator[StoryDoc]:
    """Yield ``docs`` dated first by date then id, then the undated by id."""
    yield from sorted(docs, key=lambda d: (d.published is None, d.published or date.min, d.id))


def _entity_set(doc: StoryDoc) -> frozenset[str]:
    """Return the article's entity names, case-folded and de-duplicated."""
    return frozenset(" ".join(e.split()).casefold() for e in doc.entities if e.strip())


def _weighted_jaccard(entities: frozenset[str], story: StoryState) -> float:
    """Return the weighted Jaccard of the article's entities (weight 1) and the story's (member share)."""
    if not entities or not story.entities:
        return 0.0
    shared = sum(story.entities.get(e, 0) for e in entities) / story.size
    return shared / (len(entities) + story.entity_mass() - shared)


def _story_jaccard(a: StoryState, b: StoryState) -> float:
    """Return the weighted Jaccard of two stories' entities, each weighted by its member share."""
    if not a.entities or not b.entities:
        return 0.0
    shared = sum(min(n / a.size, b.entities[e] / b.size) for e, n in a.entities.items() if e in b.entities)
    return shared / (a.entity_mass() + b.entity_mass() - shared)


def _span_gap(a: StoryState, b: StoryState) -> int | None:
    """Return the days between two stories' spans (0 when they overlap), None if either is undated."""
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return None
    return max((b.start - a.end).days, (a.start - b.end).days, 0)
