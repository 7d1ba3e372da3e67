"""What the analysis pipeline is made of: model, components in order, and their options.

A ``PipelineSpec`` is a frozen value, so it can be sent to worker processes and used as a
cache key. ``load_spec(path)`` reads it from the ``[analyze]`` table of a TOML file::

    [analyze]
    model = "en_core_web_sm"               # any installed spaCy pipeline
    imports = ["my_package.components"]    # modules that register more spaCy factories
    components = ["entities", "times", "quotes", "figures", "events", "stances",
                  "my_component"]          # order; short names mean storyline_<name>

    [analyze.quotes]                       # one table per component: its spaCy config
    indirect = true

Leaving a key out keeps the default. Every problem is a ``ConfigError`` naming the file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from storyline.errors import ConfigError

DEFAULT_COMPONENTS = (
    "storyline_entities",
    "storyline_times",
    "storyline_quotes",
    "storyline_figures",
    "storyline_events",
    "storyline_stances",
)
_KEYS = frozenset({"model", "imports", "components"})

# Options as nested tuples: hashable, so a spec is a cache key and pickles to workers.
Options = tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]


@dataclass(frozen=True, slots=True)
class PipelineSpec:
    """Which spaCy model to load and which components to add, in order, with their options."""

    model: str | None = None
    components: tuple[str, ...] = DEFAULT_COMPONENTS
    options: Options = ()
    imports: tuple[str, ...] = ()
    source: str = field(default="defaults", compare=False)  # where it was read from, for errors

    def options_for(self, component: str) -> dict[str, Any]:
        """Return the options given for ``component`` (its spaCy config), as a dict."""
        for name, pairs in self.options:
            if name == component:
                return {k: _thaw(v) for k, v in pairs}
        return {}

    def with_model(self, model: str | None) -> PipelineSpec:
        """Return this spec with ``model`` instead (``None`` keeps the current one)."""
        return self if model is None else replace(self, model=model)


def load_spec(path: str | Path) -> PipelineSpec:
    """Read a ``PipelineSpec`` from the ``[analyze]`` table of the TOML file at ``path``."""
    where = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(where, f"cannot read the configuration: {err.strerror or err}") from err
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(where, f"not valid TOML: {err}") from err
    table = data.get("analyze", {})
    if not isinstance(table, dict):
        raise ConfigError(where, "[analyze] must be a table")
    return spec_from_mapping(table, where)


def spec_from_mapping(table: Mapping[str, Any], where: str = "configuration") -> PipelineSpec:
    """Build a ``PipelineSpec`` from the contents of an ``[analyze]`` table."""
    model = table.get("model")
    if model is not None and (not isinstance(model, str) or not model):
        raise ConfigError(where, "analyze.model must be the name of a spaCy pipeline")
    imports = _names(table.get("imports", []), "analyze.imports", where)
    components = tuple(
        component_name(n) for n in _names(table.get("components", list(DEFAULT_COMPONENTS)),
                                           "analyze.components", where)
    )
    if len(set(components)) != len(components):
        raise ConfigError(where, "analyze.components names a component twice")
    options = []
    for key, value in table.items():
        if key in _KEYS:
            continue
        if not isinstance(value, dict):
            raise ConfigError(where, f"unknown key analyze.{key} (expected model, imports, components "
                                     "or a table of component options)")
        name = component_name(key)
        if name not in components:
            raise ConfigError(where, f"options for {key!r}, which is not in analyze.components")
        options.append((name, tuple(sorted((k, _freeze(v)) for k, v in value.items()))))
    return PipelineSpec(model, components, tuple(sorted(options)), imports, where)


def component_name(name: str) -> str:
    """Return the spaCy factory name of a component: short storyline names get their prefix."""
    return f"storyline_{name}" if f"storyline_{name}" in DEFAULT_COMPONENTS else name


def _names(value: Any, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(where, f"{key} must be a list of names")
    return tuple(value)


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return ("__table__", tuple(sorted((k, _freeze(v)) for k, v in value.items())))
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "__table__":
        return {k: _thaw(v) for k, v in value[1]}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value
