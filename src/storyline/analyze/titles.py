"""Title words (lexicons/titles_en.toml): courtesy titles, ranks, heads of office, portfolios.

The lexicon is English grammar, not knowledge of any story: which words precede a name
("Mr", "Maj Gen"), which nouns head an office ("minister", "spokesman") and which words
qualify one ("Foreign", "National Security").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from spacy.tokens import Token

from storyline.analyze.gazetteer import fold

TITLES_PATH = Path(__file__).with_name("lexicons") / "titles_en.toml"
_SPLIT = re.compile(r"[\s\-]+")


def word_key(text: str) -> str:
    """Return the lexicon key of one word: folded, without a trailing full stop."""
    return fold(text).rstrip(".")


@dataclass(frozen=True, slots=True)
class TitleLexicon:
    """Sets of folded title words, one per kind."""

    courtesy: frozenset[str]
    honorifics: frozenset[str]
    honorific_prefixes: frozenset[str]
    heads: frozenset[str]
    portfolio: frozenset[str]
    definite: frozenset[str]
    compounds: frozenset[tuple[str, str]] = frozenset()
    male: frozenset[str] = frozenset()
    female: frozenset[str] = frozenset()
    postnominals: frozenset[str] = frozenset()

    def is_postnominal(self, tok: Token) -> bool:
        """Return True for honours and offices written after a name ("QC", "OBE", "MP")."""
        return tok.is_upper and word_key(tok.text) in self.postnominals

    def is_courtesy(self, tok: Token) -> bool:
        """Return True for a courtesy title token ("Mr", "Dr.")."""
        return tok.text[:1].isupper() and word_key(tok.text) in self.courtesy

    def gender(self, tok: Token) -> str:
        """Return "m" or "f" for a courtesy title that says so ("Mr", "Ms"), else ""."""
        key = word_key(tok.text)
        return "m" if key in self.male else "f" if key in self.female else ""

    def is_honorific(self, tok: Token) -> bool:
        """Return True for a token that can stand before a name as part of it ("Mr", "Gen", "Prince")."""
        if not tok.text[:1].isupper():
            return False
        key = word_key(tok.text)
        return key in self.courtesy or key in self.honorifics

    def is_honorific_prefix(self, tok: Token) -> bool:
        """Return True for a word that begins a multi-word rank ("Vice", "Crown", "Lt")."""
        return tok.text[:1].isupper() and word_key(tok.text) in self.honorific_prefixes

    def is_head(self, tok: Token) -> bool:
        """Return True for a noun that heads an office or job ("minister", "spokesman")."""
        return word_key(tok.text) in self.heads

    def is_title_word(self, tok: Token) -> bool:
        """Return True for any word of an office title (head, portfolio, rank)."""
        key = word_key(tok.text)
        return (key in self.heads or key in self.portfolio or key in self.honorifics
                or key in self.honorific_prefixes)

    def is_compound(self, left: Token, right: Token) -> bool:
        """Return True when two words make one office ("Secretary General", "Crown Prince")."""
        return (word_key(left.text), word_key(right.text)) in self.compounds

    def is_portfolio(self, text: str) -> bool:
        """Return True when every word of ``text`` qualifies an office ("National Security")."""
        words = [w for w in _SPLIT.split(fold(text)) if w]
        return bool(words) and all(w in self.portfolio or w in self.heads or w in ("of", "and", "&")
                                  for w in words)


def load_titles(path: Path = TITLES_PATH) -> TitleLexicon:
    """Load the title lexicon from its TOML file."""
    with path.open("rb") as f:
        data = tomllib.load(f)

    def last_words(key: str) -> frozenset[str]:
        out = set()
        for entry in data.get(key, []):
            words = [w for w in _SPLIT.split(fold(entry)) if w]
            if "of" in words:
                words = words[: words.index("of")]
            if words:
                out.add(words[-1].rstrip("."))
        return frozenset(out)

    def all_words(key: str) -> frozenset[str]:
        return frozenset(w.rstrip(".") for e in data.get(key, []) for w in _SPLIT.split(fold(e)) if w)

    compounds = set()
    for key in ("heads", "honorifics"):
        for entry in data.get(key, []):
            words = [w.rstrip(".") for w in _SPLIT.split(fold(entry)) if w]
            compounds.update(pairwise(words))
    honorifics = last_words("honorifics")
    return TitleLexicon(
        courtesy=all_words("courtesy"),
        honorifics=honorifics,
        honorific_prefixes=all_words("honorific_prefixes") | (all_words("honorifics") - honorifics),
        heads=last_words("heads") | honorifics,
        portfolio=all_words("portfolio"),
        definite=last_words("definite"),
        compounds=frozenset(compounds),
        male=all_words("courtesy_male"),
        female=all_words("courtesy_female"),
        postnominals=all_words("postnominals"),
    )
