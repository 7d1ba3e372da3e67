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
