"""Shared fixtures for the analysis tests: one spaCy pipeline per test session."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from storyline.analyze.pipeline import build_pipeline
from storyline.model import Entity


@pytest.fixture(scope="session")
def entities_nlp() -> Language:
    """The model with only the entities component (built once: loading takes a few seconds)."""
    return build_pipeline(components=("storyline_entities",))


EntitiesOf = Callable[..., list[Entity]]


@pytest.fixture(scope="session")
def entities_of(entities_nlp: Language) -> EntitiesOf:
    """Return a function: text (and labels to force, as the model could get them wrong) → entities.

    ``labels`` maps a phrase to the label to force on every occurrence; "phrase#2" forces
    only the second occurrence.
    """

    def run(text: str, labels: Mapping[str, str] | None = None) -> list[Entity]:
        doc: Doc = entities_nlp.make_doc(text)
        doc._.article_id = "test-article"
        for name, proc in entities_nlp.pipeline:
            if name == "storyline_entities":
                break
            doc = proc(doc)
        if labels:
            forced = []
            for key, label in labels.items():
                phrase, _, nth = key.partition("#")
                for n, m in enumerate(re.finditer(re.escape(phrase), text), 1):
                    if nth and n != int(nth):
                        continue
                    span = doc.char_span(m.start(), m.end(), label=label)
                    assert span is not None, f"{phrase!r} does not fall on token boundaries"
                    forced.append(span)
            keep = [e for e in doc.ents if not any(e.start < f.end and f.start < e.end for f in forced)]
            doc.ents = filter_spans(forced + keep)
        doc = entities_nlp.get_pipe("storyline_entities")(doc)
        return list(doc._.entities)

    return run


# --- times and figures ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def timefig_nlp() -> Language:
    """The default pipeline (times, figures and the components they read), built once."""
    return build_pipeline()


TimeFigDoc = Callable[..., Doc]


@pytest.fixture(scope="session")
def timefig_doc(timefig_nlp: Language) -> TimeFigDoc:
    """Return a function: text (and publication day, "" for none) → the processed Doc."""
    from storyline.model import Published

    def run(text: str, published: str = "2024-01-10") -> Doc:
        doc = timefig_nlp.make_doc(text)
        doc._.article_id = "test-article"
        doc._.published = Published(published or None, "day" if published else None, "meta")
        return timefig_nlp(doc)

    return run


# --- quotes --------------------------------------------------------------------------------

QuotesOf = Callable[..., list]


@pytest.fixture(scope="session")
def quotes_of(entities_nlp: Language) -> QuotesOf:
    """Return a function: text (entities to set by hand, indirect) → the quotes of the text.

    The spaCy model runs without storyline's entities component; ``entities`` is what the
    quotes component finds on ``doc._.entities`` (None: the component runs alone).
    """
    from storyline.analyze.quotes import QuotesComponent

    components = {False: QuotesComponent(entities_nlp), True: QuotesComponent(entities_nlp, indirect=True)}

    def run(text: str, entities: list[Entity] | None = None, indirect: bool = False) -> list:
        doc: Doc = entities_nlp.make_doc(text)
        doc._.article_id = "test-article"
        for name, proc in entities_nlp.pipeline:
            if name != "storyline_entities":
                doc = proc(doc)
        doc._.entities = entities
        return list(components[indirect](doc)._.quotes)

    return run


@pytest.fixture(scope="session")
def example_docs(timefig_nlp: Language, examples_dir) -> dict[str, Doc]:  # type: ignore[no-untyped-def]
    """The project's fictional example story, extracted and analysed once: source name → Doc."""
    from storyline.analyze.pipeline import make_doc
    from storyline.extract import extract
    from storyline.model import RawDocument
    from storyline.sources import iter_documents

    docs: dict[str, Doc] = {}
    for raw in iter_documents([str(examples_dir / "story")]):
        if not isinstance(raw, RawDocument):
            continue
        article = extract(raw)
        docs[raw.source.replace("\\", "/").rsplit("/", 1)[-1]] = timefig_nlp(make_doc(article, timefig_nlp))
    return docs


# --- events and stances --------------------------------------------------------------------

HandDoc = Callable[..., Doc]


@pytest.fixture(scope="session")
def model_nlp() -> Language:
    """The bare spaCy model (tagger, parser, NER), without storyline's components."""
    return build_pipeline(components=())


@pytest.fixture(scope="session")
def hand_doc(model_nlp: Language) -> HandDoc:
    """Return a function: text and hand-made entities, times, quotes → a parsed Doc carrying them.

    ``entities`` maps a canonical name to ``(type, other mention texts, roles)``, roles being
    ``(title, of)`` pairs; every occurrence of the name and of the other texts is a mention.
    ``times`` maps an expression's text to ``(value, precision)`` or ``(value, precision,
    relation)``; ``quotes`` maps a quoted passage (without its marks) to its speaker's name.
    """
    from storyline.model import Mention, Published, Quote, Role, Speaker, TimeExpr

    def spans(text: str, phrase: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]

    def run(text: str, entities: Mapping[str, tuple] | None = None, times: Mapping[str, tuple] | None = None,
            quotes: Mapping[str, str] | None = None, published: str | None = "2025-03-05") -> Doc:
        doc = model_nlp(text)
        doc._.article_id = "test-article"
        doc._.published = Published(published, "day" if published else None, "meta")
        made: list[Entity] = []
        taken: list[tuple[int, int]] = []
        # longest phrases first, so "Ann Lee" is not also a mention of "Lee"
        phrases = sorted(((p, name) for name, (_t, others, *_r) in (entities or {}).items()
                          for p in [name, *others]), key=lambda x: -len(x[0]))
        found: dict[str, list[Mention]] = {}
        for phrase, name in phrases:
            for s, e in spans(text, phrase):
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                found.setdefault(name, []).append(Mention((s, e), text[s:e]))
        for name, (type_, _others, *rest) in (entities or {}).items():
            roles = tuple(Role(title, of, (0, 0)) for title, of in (rest[0] if rest else ()))
            mentions = tuple(sorted(found.get(name, []), key=lambda m: m.span))
            made.append(Entity(name.lower().replace(" ", "-"), name, type_, mentions, roles))
        doc._.entities = made
        doc._.times = [TimeExpr((s, e), phrase, value, precision, rest[0] if rest else None)
                       for phrase, (value, precision, *rest) in (times or {}).items()
                       for s, e in spans(text, phrase)]
        by_name = {e.name: e for e in made}
        doc._.quotes = [Quote((s, e), passage, "direct",
                              Speaker(who, None, by_name[who].id if who in by_name else None), "said", 1.0)
                        for passage, who in (quotes or {}).items() for s, e in spans(text, passage)]
        return doc

    return run
