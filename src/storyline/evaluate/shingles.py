"""Shingle-overlap scores for extracted text: the article-extraction-benchmark metric.

A text becomes a bag of 4-token shingles over ``\\w+`` tokens; each document
scores normalised TP/FP/FN so that long and short articles weigh the same;
precision and recall are macro-averaged over documents and F1 is taken of the
averages. "Accuracy" is the share of documents whose token sequences match exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Return the ``\\w+`` tokens of ``text`` (Unicode word characters)."""
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Return the bag of ``n``-token shingles; fewer than ``n`` tokens give one shorter shingle."""
    toks = tokens(text)
    if not toks:
        return Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)))


@dataclass(frozen=True, slots=True)
class Overlap:
    """One document's normalised true positives, false positives and false negatives."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float | None:
        """Return TP / (TP + FP), 1 for a perfect match, None when undefined."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else None

    @property
    def recall(self) -> float | None:
        """Return TP / (TP + FN), 1 for a perfect match, None when undefined."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else None


def overlap(gold: str, predicted: str, n: int = 4) -> Overlap:
    """Score one predicted text against its gold text."""
    g, p = shingles(gold, n), shingles(predicted, n)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    exact = tokens(gold) == tokens(predicted)
    if total == 0:
        return Overlap(0.0, 0.0, 0.0, exact)
    return Overlap(tp / total, fp / total, fn / total, exact)


@dataclass(frozen=True, slots=True)
class ShingleScore:
    """Macro precision and recall over documents, F1 of those, and exact-match accuracy."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    documents: int


def macro_score(overlaps: Iterable[Overlap]) -> ShingleScore:
    """Average per-document overlaps into one score."""
    items = list(overlaps)
    ps = [o.precision for o in items if o.precision is not None]
    rs = [o.recall for o in items if o.recall is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    acc = sum(o.exact for o in items) / len(items) if items else 0.0
    return ShingleScore(p, r, f1, acc, len(items))
