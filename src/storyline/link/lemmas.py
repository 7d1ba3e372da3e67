"""English lemmas for short phrases, from the rule tables of the installed spaCy model.

Linking compares noun phrases written by different outlets ("people killed", "deaths",
"Palestinians killed"), so it needs lemmas but not a parse. ``load_lemmatizer()`` reads the
model's lemmatizer tables (exceptions, suffix rules, word index: a few milliseconds) instead
of loading the whole pipeline; when the tables cannot be found it falls back to stripping
regular English endings, which is weaker but never fails.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

_POS = ("noun", "verb")
_FALLBACK_RULES = {
    "noun": (("ies", "y"), ("ses", "s"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"), ("s", "")),
    "verb": (("ied", "y"), ("ing", ""), ("ed", ""), ("ed", "e"), ("ies", "y"), ("es", ""), ("s", "")),
}


@dataclass(frozen=True, slots=True)
class Lemmatizer:
    """Rule lemmatizer: exceptions, then suffix rules whose result is a known word."""

    exceptions: Mapping[str, Mapping[str, Sequence[str]]]
    rules: Mapping[str, Sequence[Sequence[str]]]
    index: Mapping[str, frozenset[str]]

    def lemma(self, word: str, pos: str) -> str:
        """Return the lemma of ``word`` read as ``pos`` ("noun" or "verb"), lower-cased."""
        string = word.lower()
        known = self.index.get(pos, frozenset())
        exceptions = self.exceptions.get(pos, {})
        if exceptions.get(string):
            return str(exceptions[string][0])
        forms: list[str] = []
        unknown: list[str] = []
        for old, new in self.rules.get(pos, ()):
            if string.endswith(old) and len(string) > len(old):
                form = string[: len(string) - len(old)] + new
                (forms if form in known or not known else unknown).append(form)
        if forms:
            return forms[0]
        if string in known:
            return string
        return unknown[0] if unknown and not known else string

    def lemma_any(self, word: str) -> str:
        """Return the noun lemma of ``word``, or its verb lemma when it is no noun form ("killed")."""
        noun = self.lemma(word, "noun")
        if noun != word.lower():
            return noun
        known_nouns = self.index.get("noun", frozenset())
        if known_nouns and word.lower() in known_nouns:
            return noun
        return self.lemma(word, "verb")


@lru_cache(maxsize=2)
def load_lemmatizer(model: str | None = None) -> Lemmatizer:
    """Return the lemmatizer of the installed English model (read-only, built once per process)."""
    tables = _model_tables(model)
    if tables is None:
        return Lemmatizer(MappingProxyType({}), MappingProxyType(dict(_FALLBACK_RULES)), MappingProxyType({}))
    exc, rules, index = tables
    return Lemmatizer(
        MappingProxyType({pos: MappingProxyType(dict(v)) for pos, v in exc.items()}),
        MappingProxyType({pos: tuple(tuple(r) for r in v) for pos, v in rules.items()}),
        MappingProxyType({pos: frozenset(v) for pos, v in index.items()}),
    )


def _model_tables(model: str | None) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]] | None:
    """Return the (exceptions, rules, index) tables of the model's lemmatizer, or None."""
    try:
        import spacy.util
        from spacy.lookups import Lookups

        from storyline.analyze.pipeline import resolve_model

        root = Path(spacy.util.get_package_path(resolve_model(model)))
    except Exception:
        return None
    for folder in sorted(root.glob("*/lemmatizer/lookups")) + sorted(root.glob("lemmatizer/lookups")):
        try:
            lookups = Lookups().from_disk(folder)
            # Tables hash their keys: ask for each part of speech by name.
            exc, rules, index = (lookups.get_table(t) for t in ("lemma_exc", "lemma_rules", "lemma_index"))
            return (
                {pos: exc.get(pos, {}) for pos in _POS},
                {pos: rules.get(pos, []) for pos in _POS},
                {pos: index.get(pos, []) for pos in _POS},
            )
        except (OSError, KeyError, ValueError):
            continue
    return None
