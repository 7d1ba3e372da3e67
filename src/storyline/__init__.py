"""storyline: raw news articles in, sourced facts out — every fact traced to its characters.

>>> import storyline
>>> with storyline.open_store("storyline.db") as store:
...     summary = storyline.ingest(["examples/story"], store)
...     storyline.search  # doctest: +SKIP

The names below are the public API; they are imported on first use so that
``import storyline`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.analyze.pipeline import analyze_article, analyze_articles, build_pipeline
    from storyline.analyze.record import article_record
    from storyline.errors import ConfigError, ExtractError, SourceError, StoreError, StorylineError
    from storyline.extract import extract
    from storyline.model import Analysis, Article, OffsetMap, Published, RawDocument
    from storyline.runner import IngestSummary, Outcome, ingest, prepare
    from storyline.sources import FetchSettings, iter_documents
    from storyline.store import Store, open_store

_EXPORTS = {
    "Analysis": "storyline.model",
    "Article": "storyline.model",
    "ConfigError": "storyline.errors",
    "ExtractError": "storyline.errors",
    "FetchSettings": "storyline.sources",
    "IngestSummary": "storyline.runner",
    "OffsetMap": "storyline.model",
    "Outcome": "storyline.runner",
    "Published": "storyline.model",
    "RawDocument": "storyline.model",
    "SourceError": "storyline.errors",
    "Store": "storyline.store",
    "StoreError": "storyline.errors",
    "StorylineError": "storyline.errors",
    "analyze_article": "storyline.analyze.pipeline",
    "analyze_articles": "storyline.analyze.pipeline",
    "article_record": "storyline.analyze.record",
    "build_pipeline": "storyline.analyze.pipeline",
    "extract": "storyline.extract",
    "ingest": "storyline.runner",
    "iter_documents": "storyline.sources",
    "open_store": "storyline.store",
    "prepare": "storyline.runner",
}

__all__ = [
    "Analysis",
    "Article",
    "ConfigError",
    "ExtractError",
    "FetchSettings",
    "IngestSummary",
    "OffsetMap",
    "Outcome",
    "Published",
    "RawDocument",
    "SourceError",
    "Store",
    "StoreError",
    "StorylineError",
    "analyze_article",
    "analyze_articles",
    "article_record",
    "build_pipeline",
    "extract",
    "ingest",
    "iter_documents",
    "open_store",
    "prepare",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'storyline' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
