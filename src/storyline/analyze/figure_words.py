"""The vocabulary of reported figures: qualifiers, currencies, percent words, toll, state and report words.

Read once from ``lexicons/figures_en.toml`` by ``FigureWords.load()``; the number words
themselves are in ``numbers.NumberWords`` (same file).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from storyline.analyze.numbers import LEXICON_PATH, NumberWords


@dataclass(frozen=True)
class FigureWords:
    """Read-only word lists for the figures component."""

    numbers: NumberWords
    qualifiers: MappingProxyType[tuple[str, ...], str]
    longest_qualifier: int
    currencies: MappingProxyType[str, str]
    percent: tuple[tuple[str, ...], ...]
    toll_verbs: MappingProxyType[str, str]  # lemma → participle ("kill" → "killed")
    state_words: frozenset[str]
    state_links: frozenset[str]
    casual_nouns: frozenset[str]
    report_verbs: frozenset[str]
    source_nouns: frozenset[str]
    metre_events: frozenset[str]

    @classmethod
    def load(cls, path: Path = LEXICON_PATH) -> FigureWords:
        """Return the figure vocabulary (cached: read-only data)."""
        return _load(path)

    def qualifier_before(self, words: list[str]) -> tuple[str, int] | None:
        """Return (qualifier, word count) for the longest qualifier phrase ending ``words``, if any."""
        for n in range(min(self.longest_qualifier, len(words)), 0, -1):
            found = self.qualifiers.get(tuple(words[-n:]))
            if found is not None:
                return found, n
        return None


@lru_cache(maxsize=4)
def _load(path: Path) -> FigureWords:
    with path.open("rb") as f:
        data = tomllib.load(f)
    qualifiers = {tuple(k.split()): v for k, v in data["qualifiers"].items()}
    return FigureWords(
        numbers=NumberWords.load(path),
        qualifiers=MappingProxyType(qualifiers),
        longest_qualifier=max(len(k) for k in qualifiers),
        currencies=MappingProxyType(dict(data["currencies"])),
        percent=tuple(tuple(p.split()) for p in data["words"]["percent_words"]),
        toll_verbs=MappingProxyType(dict(data["toll_verbs"])),
        state_words=frozenset(data["words"]["state_words"]),
        state_links=frozenset(data["words"]["state_links"]),
        casual_nouns=frozenset(data["words"]["casual_nouns"]),
        report_verbs=frozenset(data["words"]["report_verbs"]),
        source_nouns=frozenset(data["words"]["source_nouns"]),
        metre_events=frozenset(data["words"]["metre_events"]),
    )
