"""Sparse term vectors for story clustering: word tokens, sublinear term frequency, running IDF.

Vectors are plain ``dict[str, float]`` so a clusterer's state is plain data. A document's
vector is built once from its own words (``term_frequencies``); inverse document
frequencies come from running counts (``DocumentFrequencies``) and are applied on top
(``weigh``), so stored term frequencies never go stale as the counts grow: only their
IDF-weighted copies are refreshed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

# Letters only (digits, dates and scores say little about which story an article is
# about and differ between outlets); an inner apostrophe keeps "o'brien" whole.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_MIN_LENGTH = 2
# Between two words, one of these means the second opens a sentence (or a line).
_BREAK = re.compile(r"[.!?:;\n]")


def load_stopwords() -> frozenset[str]:
    """Return spaCy's English stop words, lower-cased, plus possessive and clitic leftovers."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = {w.lower().replace("’", "'") for w in STOP_WORDS}
    return frozenset(words | {"s", "t", "ll", "re", "ve", "d", "m"})


def tokens(text: str, stopwords: frozenset[str]) -> list[str]:
    """Return the lower-cased word tokens of ``text`` that are not stop words."""
    return [word for word, _ in _words(text, stopwords)]


def _words(text: str, stopwords: frozenset[str]) -> Iterator[tuple[str, bool]]:
    """Yield (lower-cased word, looks like a name) for each non-stop word of ``text``.

    A word looks like a name when it is capitalised but does not open a sentence or line:
    proper names are what tell two stories of the same kind apart (two earthquakes, two
    rehab stays), so they weigh more.
    """
    previous_end = 0
    for match in _WORD.finditer(text):
        start, raw = match.start(), match.group()
        opens = previous_end == 0 or _BREAK.search(text, previous_end, start) is not None
        previous_end = match.end()
        word = raw.lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) >= _MIN_LENGTH and word not in stopwords:
            yield word, raw[0].isupper() and not opens


def term_frequencies(title: str | None, text: str, stopwords: frozenset[str],
                     title_weight: float = 2.0, name_weight: float = 1.0) -> dict[str, float]:
    """Return sublinear term frequencies (1 + ln count) of title + text.

    A title word counts ``title_weight`` times; a capitalised word inside a sentence of the
    text counts ``name_weight`` times.
    """
    counts: dict[str, float] = {}
    for word, name in _words(text, stopwords):
        counts[word] = counts.get(word, 0.0) + (name_weight if name else 1.0)
    if title:
        for word in tokens(title, stopwords):
            counts[word] = counts.get(word, 0.0) + title_weight
    return {w: 1.0 + math.log(c) if c >= 1.0 else c for w, c in counts.items()}


def unit(vector: Mapping[str, float]) -> dict[str, float]:
    """Return ``vector`` scaled to length 1 (an empty vector stays empty)."""
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else {}


@dataclass
class DocumentFrequencies:
    """Running document counts per term: the IDF of a term is ln((1 + N) / (1 + df)) + 1."""

    documents: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, terms: Iterable[str]) -> None:
        """Count one more document containing each of ``terms`` (distinct)."""
        self.documents += 1
        for term in terms:
            self.counts[term] = self.counts.get(term, 0) + 1

    def idf(self, term: str) -> float:
        """Return the smoothed inverse document frequency of ``term``."""
        return math.log(1 + self.documents) + 1.0 - math.log(1 + self.counts.get(term, 0))

    def weigh(self, vector: Mapping[str, float]) -> dict[str, float]:
        """Return ``vector`` with each weight multiplied by its term's IDF."""
        base, counts, log = math.log(1 + self.documents) + 1.0, self.counts, math.log
        return {t: w * (base - log(1 + counts.get(t, 0))) for t, w in vector.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Return the cosine similarity of two sparse vectors (0 when either is empty)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    if not dot:
        return 0.0
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb)


def top_terms(vector: Mapping[str, float], n: int) -> list[str]:
    """Return the ``n`` heaviest terms of ``vector``, heaviest first, ties by term."""
    return [t for t, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]
