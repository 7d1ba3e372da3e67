"""ECB+ as storyline's evaluations read it: documents with topic and sub-topic, and B³.

``ecb_documents(shared)`` reads ``datasets/ecbplus/ECBplus.tar.xz`` (982 news texts as
tokens) and rebuilds each text from its sentences (the tokenised source URL that opens the
``ecbplus`` files is left out: it is not article text). Gold clusters are the topic
(``1``…``45``) and the sub-topic (topic + ``ecb`` or ``ecbplus``: two different real events
of the same kind). ``b_cubed`` scores a clustering against either (Bagga & Baldwin 1998).
"""

from __future__ import annotations

import re
import tarfile
from collections import defaultdict
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from storyline.errors import ConfigError

ECBPLUS = Path("datasets") / "ecbplus" / "ECBplus.tar.xz"
# The test topics of the standard split (Cybulska & Vossen 2015): settings are tuned on the rest.
TEST_TOPICS = frozenset(range(36, 46))
_NAME = re.compile(r"(?:^|/)(\d+)_(\d+)(ecb|ecbplus)\.xml$")


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
