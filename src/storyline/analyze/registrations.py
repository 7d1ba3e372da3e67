"""Register storyline's spaCy factories in one place (no import-time decorators elsewhere)."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import typing
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


def _factory(module: str, attr: str) -> tuple[Any, dict[str, Any]]:
    """Return a factory for the component class and its default config (its keyword options).

    The factory's signature lists the class's options, so spaCy validates a component's
    config (unknown keys, wrong types) as it does for its own components.
    """
    cls = getattr(importlib.import_module(module), attr)

    def create(nlp: Language, name: str, **options: Any) -> Any:
        return cls(nlp, **options)

    hints = typing.get_type_hints(cls.__init__)  # real types, so spaCy can check option values
    own = [p.replace(annotation=hints.get(p.name, Any))
           for p in list(inspect.signature(cls.__init__).parameters.values())[2:]]  # after self, nlp
    fixed = [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=t)
             for n, t in (("nlp", Language), ("name", str))]
    create.__signature__ = inspect.Signature(fixed + own)  # type: ignore[attr-defined]
    return create, {p.name: p.default for p in own}


def register_components() -> None:
    """Register every storyline factory whose module exists (idempotent)."""
    for name, (module, attr, requires, assigns, _version) in COMPONENTS.items():
        if Language.has_factory(name) or importlib.util.find_spec(module) is None:
            continue
        func, defaults = _factory(module, attr)
        Language.factory(name, requires=requires, assigns=assigns, default_config=defaults, func=func)
