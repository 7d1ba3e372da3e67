"""Score story clustering on ECB+: B³ against its 43 topics and 86 sub-topics.

``evaluate_stories(shared)`` reads ``datasets/ecbplus/ECBplus.tar.xz`` (982 news texts
as tokens), rebuilds each text from its sentences (the tokenised source URL that opens
the ``ecbplus`` files is left out: it is not article text), and clusters the documents
online with ``storyline.link.stories.cluster``. ECB+ gives no publication dates and no
titles, so only the text signal is exercised (entity and time cues are covered by the
unit tests). Gold clusters are the topic (``1``…``45``) and the sub-topic (topic + ``ecb``
or ``ecbplus``: two different real events of the same kind, e.g. two earthquakes).

Measures: B³ precision, recall and F1 (Bagga & Baldwin 1998) at both levels, the number
of clusters, and documents per second. The default settings were tuned on topics 1-35
(train + dev of the standard split); the report also scores topics 36-45 (test) alone.
"""

from __future__ import annotations

import re
import tarfile
import time
from collections import defaultdict
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from storyline.errors import ConfigError
from storyline.link.stories import StoryDoc, StorySettings, cluster

ECBPLUS = Path("datasets") / "ecbplus" / "ECBplus.tar.xz"
TEST_TOPICS = frozenset(range(36, 46))
_NAME = re.compile(r"(?:^|/)(\d+)_(\d+)(ecb|ecbplus)\.xml$")
# The pinned floors: B³ F1 at topic level must not fall below this on all 982 documents.
FLOORS = {"topic_f1": 0.95}


@dataclass(frozen=True, slots=True)
class BCubed:
    """B³ precision, recall and F1 of a clustering against gold labels."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def b_cubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> BCubed:
    """Return B³ of ``predicted`` cluster labels against ``gold`` labels over the items of ``gold``."""
    items = list(gold)
    if not items:
        return BCubed(0.0, 0.0)
    if missing := [i for i in items if i not in predicted]:
        raise ValueError(f"{len(missing)} items have no predicted cluster, e.g. {missing[0]!r}")
    pred_size: dict[Hashable, int] = defaultdict(int)
    gold_size: dict[Hashable, int] = defaultdict(int)
    both: dict[tuple[Hashable, Hashable], int] = defaultdict(int)
    for i in items:
        pred_size[predicted[i]] += 1
        gold_size[gold[i]] += 1
        both[(predicted[i], gold[i])] += 1
    precision = sum(both[(predicted[i], gold[i])] / pred_size[predicted[i]] for i in items) / len(items)
    recall = sum(both[(predicted[i], gold[i])] / gold_size[gold[i]] for i in items) / len(items)
    return BCubed(precision, recall)


@dataclass(frozen=True, slots=True)
class EcbDoc:
    """One ECB+ document: its name, topic, sub-topic and plain text."""

    name: str
    topic: int
    subtopic: str
    text: str


@dataclass(frozen=True, slots=True)
class StoriesRow:
    """Scores of one set of documents."""

    documents: str
    count: int
    topic: BCubed
    subtopic: BCubed
    clusters: int
    topics: int
    subtopics: int


@dataclass
class StoriesReport:
    """B³ of story clustering on ECB+, at topic and sub-topic level, with speed."""

    settings: StorySettings
    rows: list[StoriesRow] = field(default_factory=list)
    seconds: float = 0.0
    documents: int = 0

    @property
    def docs_per_second(self) -> float:
        """Return clustering throughput (documents per second of assign)."""
        return self.documents / self.seconds if self.seconds else 0.0

    def row(self, documents: str) -> StoriesRow:
        """Return the row of one document set ("all" or "test")."""
        return next(r for r in self.rows if r.documents == documents)

    def failures(self, floors: Mapping[str, float] = FLOORS) -> list[str]:
        """Return one line per pinned floor the run fell below."""
        found = {"topic_f1": self.row("all").topic.f1, "subtopic_f1": self.row("all").subtopic.f1}
        return [f"{k} {found[k]:.4f} < {v}" for k, v in floors.items() if k in found and found[k] < v]

    def render(self) -> str:
        """Return the report as a plain-text table."""
        s = self.settings
        lines = [
            "Story clustering: ECB+ (online, documents in id order, text only: no dates or titles in ECB+)",
            f"settings: threshold {s.threshold}, entity weight {s.entity_weight}, "
            f"decay {s.decay_days} days (floor {s.decay_floor}), centroid {s.centroid_terms} terms",
            f"{'documents':<18} {'level':<10} {'B3 P':>7} {'B3 R':>7} {'B3 F1':>7} {'gold':>5} {'clusters':>9}",
        ]
        for r in self.rows:
            name = f"{r.documents} ({r.count})"
            for level, score, gold in (("topic", r.topic, r.topics), ("sub-topic", r.subtopic, r.subtopics)):
                lines.append(f"{name:<18} {level:<10} {score.precision:>7.4f} {score.recall:>7.4f} "
                             f"{score.f1:>7.4f} {gold:>5} {r.clusters:>9}")
        lines.append(f"{self.documents} documents clustered in {self.seconds:.2f} s "
                     f"({self.docs_per_second:.0f} docs/s)")
        return "\n".join(lines)


def evaluate_stories(shared: Path, limit: int | None = None,
                     settings: StorySettings | None = None) -> StoriesReport:
    """Cluster the ECB+ documents and score them against topics and sub-topics; ``limit`` documents (id order)."""
    settings = settings or StorySettings()
    docs = sorted(ecb_documents(shared), key=lambda d: d.name)
    if limit is not None:
        docs = docs[:limit]
    started = time.perf_counter()
    assignments = cluster((StoryDoc(d.name, d.text) for d in docs), settings)
    seconds = time.perf_counter() - started
    predicted = {a.doc_id: a.story_id for a in assignments}
    report = StoriesReport(settings, seconds=seconds, documents=len(docs))
    report.rows.append(_row("all", docs, predicted))
    test = [d for d in docs if d.topic in TEST_TOPICS]
    if test:
        report.rows.append(_row("test 36-45", test, predicted))
    return report


def _row(name: str, docs: Sequence[EcbDoc], predicted: Mapping[str, str]) -> StoriesRow:
    """Score one set of documents (clusters are counted within the set)."""
    pred = {d.name: predicted[d.name] for d in docs}
    return StoriesRow(
        documents=name, count=len(docs),
        topic=b_cubed(pred, {d.name: d.topic for d in docs}),
        subtopic=b_cubed(pred, {d.name: d.subtopic for d in docs}),
        clusters=len(set(pred.values())),
        topics=len({d.topic for d in docs}), subtopics=len({d.subtopic for d in docs}),
    )


def ecb_documents(shared: Path) -> Iterator[EcbDoc]:
    """Yield every ECB+ document of ``shared/datasets/ecbplus`` with its text rebuilt from tokens."""
    path = shared / ECBPLUS
    if not path.is_file():
        raise ConfigError(str(path), "ECB+ archive not found")
    with tarfile.open(path, "r:xz") as tar:
        for member in tar:
            match = _NAME.search(member.name)
            handle = tar.extractfile(member) if match and member.isfile() else None
            if match is None or handle is None:
                continue
            topic, kind = int(match.group(1)), match.group(3)
            text = _document_text(ElementTree.parse(handle).getroot())
            yield EcbDoc(Path(member.name).stem, topic, f"{topic}{kind}", text)


def _document_text(root: ElementTree.Element) -> str:
    """Join the tokens of each sentence; drop a first sentence that is a tokenised URL."""
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in root.iter("token"):
        sentences[int(token.get("sentence", "0"))].append(token.text or "")
    lines = [" ".join(sentences[k]) for k in sorted(sentences)]
    if lines and lines[0].startswith("http"):
        lines = lines[1:]
    return "\n".join(lines)
