"""Online story clustering: each new article joins the best existing story or starts one.

``StoryClusterer().assign(doc)`` scores the article against a few candidate stories
and returns a ``StoryAssignment``. The design follows single-pass news clustering as in
Event Registry (TF-IDF centroids updated as articles join, a similarity threshold) and
Miranda et al. (2018, "Multilingual Clustering of Streaming News": several similarity
features plus a timestamp feature, combined linearly against a threshold):

* text: cosine of the article's TF-IDF vector (title + text, lower-cased words, no stop
  words, sublinear counts, capitalised words inside sentences weighted up as likely
  names) and the story centroid, with IDF from running document counts;
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
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any

from storyline.errors import StoreError
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
    """Where one article went: its story, whether that story is new, and the best story's score."""

    doc_id: str
    story_id: str
    new: bool
    similarity: float


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
    """The knobs of story clustering.

    ``threshold``, ``name_weight`` and ``entity_weight`` were tuned for event-level stories
    (ECB+ sub-topics) on ECB+ topics 1-35; ``decay_days``/``decay_floor`` cannot be tuned
    there (ECB+ has no dates) and are set for a news stream: a story quiet for a week needs
    about 1.25x the score to take a new article, one quiet for a month twice the score.
    """

    threshold: float = 0.22  # score an article needs to join a story
    entity_weight: float = 0.4  # weight of the entity Jaccard added to the text cosine
    decay_days: float = 7.0  # time scale of the decay on days outside the story's span
    decay_floor: float = 0.5  # the decay factor never falls below this
    title_weight: float = 2.0  # a title word counts this many times
    name_weight: float = 3.0  # a capitalised word inside a sentence counts this many times
    small_story_discount: float = 0.0  # threshold * (1 - discount / size): easier to join small stories
    centroid_terms: int = 400  # terms kept per story centroid
    index_terms: int = 30  # heaviest centroid terms a story is indexed under
    index_entities: int = 30  # most frequent entities a story is indexed under
    query_terms: int = 20  # heaviest article terms looked up in the index
    max_candidates: int = 50  # stories scored per article
    reweigh_growth: float = 1.25  # reweigh a centroid once the collection grew by this factor

    def to_dict(self) -> dict[str, Any]:
        """Return the settings as plain data."""
        return asdict(self)


# Coarser stories, closer to ECB+ topics (one kind of event, e.g. celebrities entering
# rehab) than to single events: a lower bar, lower still for young stories.
TOPIC_SETTINGS = StorySettings(threshold=0.16, small_story_discount=0.4)


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
        published = _day(doc.published)
        known = self.member_story.get(doc.id)
        if known is None:
            self.frequencies.add(tf)
        query = self.frequencies.weigh(tf)
        query_norm = math.sqrt(sum(w * w for w in query.values())) or 1.0
        if known is not None:
            score = self._score(self.stories_by_id[known], query, query_norm, entities, published)
            return StoryAssignment(doc.id, known, False, score)
        best: tuple[float, int, StoryState] | None = None
        for story in self._candidates(query, entities):
            score = self._score(story, query, query_norm, entities, published)
            if best is None or (score, -story.seq) > (best[0], -best[1]):
                best = (score, story.seq, story)
        if best is not None and best[0] >= self._threshold(best[2]):
            story, new, score = best[2], False, best[0]
        else:
            story = StoryState(id=digest("story", doc.id), seq=self.next_seq)
            self.next_seq += 1
            self.stories_by_id[story.id] = story
            new, score = True, best[0] if best else 0.0
        self._join(story, doc, tf, entities, published)
        return StoryAssignment(doc.id, story.id, new, score)

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
        if data.get("version") != STATE_VERSION:
            raise StoreError("stories", f"state version {data.get('version')!r} is not {STATE_VERSION!r}")
        # A knob dropped since the state was written no longer means anything: skip it.
        known = {f.name for f in fields(StorySettings)}
        settings = StorySettings(**{k: v for k, v in data["settings"].items() if k in known})
        counts = {k: int(v) for k, v in data["frequencies"].items()}
        freq = DocumentFrequencies(int(data["documents"]), counts)
        clusterer = cls(settings=settings, frequencies=freq, next_seq=int(data["next_seq"]))
        for raw in data["stories"]:
            story = StoryState.from_dict(raw)
            clusterer.stories_by_id[story.id] = story
            keys, story.keys = story.keys, []
            clusterer.index.file(story, keys)
            for member in story.members:
                clusterer.member_story[member] = story.id
        return clusterer

    def _candidates(self, weights: dict[str, float], entities: frozenset[str]) -> list[StoryState]:
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
        chosen = heapq.nsmallest(self.settings.max_candidates, hits.items(),
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

    def _join(self, story: StoryState, doc: StoryDoc, tf: dict[str, float], entities: frozenset[str],
              published: date | None) -> None:
        """Add ``doc`` to ``story``: centroid, entities, span, members; then refile the story."""
        for term, w in unit(tf).items():
            story.terms[term] = story.terms.get(term, 0.0) + w
        story.size += 1
        for name in entities:
            story.entities[name] = story.entities.get(name, 0) + 1
        story.entity_total += len(entities)
        if published is not None:
            story.start = min(story.start, published) if story.start else published
            story.end = max(story.end, published) if story.end else published
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

    def _title(self, story: StoryState) -> str:
        """Return the title of the member closest to the centroid, else the centroid's top terms."""
        centroid = story.weights
        best: tuple[float, str] | None = None
        for title in story.titles.values():
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
    yield from sorted(docs, key=lambda d: (d.published is None, _day(d.published) or date.min, d.id))


def _day(value: date | None) -> date | None:
    """Return ``value`` as a plain date (a datetime keeps only its day)."""
    return value.date() if isinstance(value, datetime) else value


def _entity_set(doc: StoryDoc) -> frozenset[str]:
    """Return the article's entity names, case-folded and de-duplicated."""
    return frozenset(" ".join(e.split()).casefold() for e in doc.entities if e.strip())


def _weighted_jaccard(entities: frozenset[str], story: StoryState) -> float:
    """Return the weighted Jaccard of the article's entities (weight 1) and the story's (member share)."""
    if not entities or not story.entities:
        return 0.0
    shared = sum(story.entities.get(e, 0) for e in entities) / story.size
    return shared / (len(entities) + story.entity_mass() - shared)

