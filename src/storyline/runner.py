"""One code path from sources through extract to the store, document by document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

from storyline.errors import StorylineError
from storyline.extract import extract
from storyline.model import Article, RawDocument
from storyline.sources import FetchSettings, iter_documents


class ArticleSink(Protocol):
    """Where extracted articles go (the Store satisfies this)."""

    def add(self, article: Article, original: bytes) -> object:
        """Persist one article atomically and report what happened."""
        ...


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one document."""

    document: str
    status: str  # "new" | "new_version" | "unchanged" | "failed"
    article_id: str | None = None
    problem: str | None = None


@dataclass(slots=True)
class IngestSummary:
    """Counts of what an ingest run stored, left unchanged and refused, with reasons."""

    counts: Counter[str] = field(default_factory=Counter)
    failures: list[Outcome] = field(default_factory=list)

    def record(self, outcome: Outcome) -> None:
        """Count one document's outcome."""
        self.counts[outcome.status] += 1
        if outcome.status == "failed":
            self.failures.append(outcome)

    @property
    def failed(self) -> int:
        """Return how many documents failed."""
        return self.counts["failed"]


def extract_all(
    inputs: Sequence[str], *, stdin: BinaryIO | None = None, settings: FetchSettings | None = None
) -> Iterator[tuple[RawDocument, Article] | StorylineError]:
    """Yield (document, article) for each input document, or the error that stopped it."""
    for item in iter_documents(inputs, stdin=stdin, settings=settings):
        if isinstance(item, StorylineError):
            yield item
            continue
        try:
            yield item, extract(item)
        except StorylineError as err:
            yield err
        except Exception as err:  # a library crash on one page must not end the run
            yield StorylineError(item.source, f"extraction failed: {type(err).__name__}: {err}")


def ingest(
    inputs: Sequence[str],
    store: ArticleSink,
    *,
    stdin: BinaryIO | None = None,
    settings: FetchSettings | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> IngestSummary:
    """Read, extract and store every document in ``inputs``; one bad document never stops the rest."""
    summary = IngestSummary()
    for outcome in _outcomes(extract_all(inputs, stdin=stdin, settings=settings), store):
        summary.record(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return summary


def _outcomes(
    items: Iterable[tuple[RawDocument, Article] | StorylineError], store: ArticleSink
) -> Iterator[Outcome]:
    for item in items:
        if isinstance(item, StorylineError):
            yield Outcome(item.document, "failed", problem=item.problem)
            continue
        doc, article = item
        try:
            result = store.add(article, doc.content)
        except StorylineError as err:
            yield Outcome(doc.source, "failed", problem=err.problem)
            continue
        yield Outcome(doc.source, str(getattr(result, "status", "new")), article.id)
