"""Register storyline's spaCy factories in one place (no import-time decorators elsewhere)."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from spacy.language import Language

# factory name → (module, callable, requires, assigns, version)
COMPONENTS: dict[str, tuple[str, str, list[str], list[str], str]] = {
    "storyline_entities": ("storyline.analyze.entities", "EntitiesComponent",
                           ["doc.ents", "token.dep"], ["doc._.entities"], "1"),
    "storyline_times": ("storyline.analyze.times", "TimesComponent",
                        ["doc._.published", "token.tag"], ["doc._.times"], "1"),
    "storyline_quotes": ("storyline.analyze.quotes", "QuotesComponent",
                         ["doc._.entities", "token.dep"], ["doc._.quotes"], "1"),
    "storyline_figures": ("storyline.analyze.figures", "FiguresComponent",
                          ["doc._.entities", "doc._.times"], ["doc._.figures"], "1"),
    "storyline_events": ("storyline.analyze.events", "EventsComponent",
                         ["doc._.entities", "doc._.times"], ["doc._.events"], "1"),
    "storyline_stances": ("storyline.analyze.stances", "StancesComponent",
                          ["doc._.entities", "doc._.quotes"], ["doc._.stances"], "1"),
}
COMPONENT_VERSIONS = {name: f"storyline.{name.removeprefix('storyline_')}.v{spec[4]}"
                      for name, spec in COMPONENTS.items()}


def _factory(module: str, attr: str) -> Any:
    def create(nlp: Language, name: str) -> Any:
        return getattr(importlib.import_module(module), attr)(nlp)

    return create


def register_components() -> None:
    """Register every storyline factory whose module exists (idempotent)."""
    for name, (module, attr, requires, assigns, _version) in COMPONENTS.items():
        if Language.has_factory(name) or importlib.util.find_spec(module) is None:
            continue
        Language.factory(name, requires=requires, assigns=assigns, func=_factory(module, attr))
