"""The read-only data linking needs: measure words, and the analyze stage's gazetteer and lexicons.

``load_link_data()`` gathers, once per process, what every link step reads: the gazetteer
(countries, codes, demonyms, places: "US" and "the United States" are one key), the
acronyms of international bodies ("UN" → "United Nations"), the title words ("Mr" says a
man), the stance topic prepositions, a lemmatizer and ``lexicons/measures_en.toml``. The
link stage adds no lists of names of its own.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from storyline.analyze.entity_types import TypeLexicon, load_type_lexicon
from storyline.analyze.figure_words import FigureWords
from storyline.analyze.gazetteer import Gazetteer, fold, load_gazetteer
from storyline.analyze.stance_lexicon import load_stance_lexicon
from storyline.analyze.titles import TitleLexicon, load_titles
from storyline.link.lemmas import Lemmatizer, load_lemmatizer

MEASURES_PATH = Path(__file__).with_name("lexicons") / "measures_en.toml"
_WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d+")


@dataclass(frozen=True, slots=True)
class MeasureWords:
    """Word sets of ``measures_en.toml``."""

    people: frozenset[str]
    generic: frozenset[str]
    units: frozenset[str]
    equivalents: MappingProxyType[str, str]
    cumulative: frozenset[str]
    per_actor: frozenset[str]
    destinations: frozenset[str]
    spellings: MappingProxyType[str, str]


@dataclass(frozen=True, slots=True)
class LinkData:
    """Everything the link stage reads besides the store (all read-only)."""

    gazetteer: Gazetteer
    types: TypeLexicon
    titles: TitleLexicon
    lemmas: Lemmatizer
    measures: MeasureWords
    currencies: frozenset[str]
    place_prepositions: frozenset[str]

    def words(self, text: str) -> list[str]:
        """Return the words of ``text`` as written (letters, digits, inner apostrophes and hyphens)."""
        return _WORD.findall(text or "")

    def spelling(self, word: str) -> str:
        """Return the one spelling of a folded word that has British and American forms."""
        return self.measures.spellings.get(word, word)

    def place_key(self, text: str | None) -> str | None:
        """Return a comparable key for a place ("the US" and "United States" → "united states")."""
        if not text or not text.strip():
            return None
        country = self.gazetteer.country_name(text)
        if country:
            return fold(country)
        key = fold(text.strip())
        return key[4:] if key.startswith("the ") else key


def load_measure_words(path: Path = MEASURES_PATH) -> MeasureWords:
    """Read ``measures_en.toml``."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    equivalents = {word: measure for measure, words in data["equivalents"].items() for word in words}
    return MeasureWords(
        people=frozenset(data["people"]),
        generic=frozenset(data["generic"]),
        units=frozenset(data["units"]),
        equivalents=MappingProxyType(equivalents),
        cumulative=frozenset(data["measures"]["cumulative"]),
        per_actor=frozenset(data["measures"]["per_actor"]),
        destinations=frozenset(data["measures"]["destinations"]),
        spellings=MappingProxyType(dict(data["spellings"])),
    )


@lru_cache(maxsize=1)
def load_link_data() -> LinkData:
    """Return the link stage's read-only data, built on first use (about a second: the gazetteer)."""
    types = load_type_lexicon()
    figure_words = FigureWords.load()
    currencies = {fold(k) for k in figure_words.currencies} | {
        v.lower() for v in figure_words.currencies.values()
    }
    places = frozenset(load_stance_lexicon().place_prepositions)
    return LinkData(
        gazetteer=load_gazetteer(types.demonyms),
        types=types,
        titles=load_titles(),
        lemmas=load_lemmatizer(),
        measures=load_measure_words(),
        currencies=frozenset(currencies),
        place_prepositions=places,
    )
