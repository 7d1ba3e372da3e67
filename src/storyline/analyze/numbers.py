"""Read numbers written in digits, words and scales: "28,800", "1.4 million", "twenty-three", "half".

The word tables live in ``lexicons/figures_en.toml``; ``NumberWords.load()`` reads them
once (a component keeps the result), and ``parse_words`` turns a short run of
tokens into a value. Nothing here needs spaCy: callers hand over lower-cased token texts.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

LEXICON_PATH = Path(__file__).with_name("lexicons") / "figures_en.toml"

# "28,800", "1.4", "1,200.50", ".5"; a currency sign or a scale suffix may be glued on
_DIGITS = re.compile(r"^(?P<sign>[-+−])?(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)$")
_SUFFIXED = re.compile(r"^(?P<num>\d+(?:[.,]\d+)?)(?P<suffix>k|m|mn|mln|bn|b|tn|st|nd|rd|th|s)$")


@dataclass(frozen=True)
class NumberWords:
    """The number vocabulary of one language (read-only)."""

    cardinals: MappingProxyType[str, int]
    ordinals: MappingProxyType[str, int]
    scales: MappingProxyType[str, int]
    fractions: MappingProxyType[str, float]
    multiplicatives: MappingProxyType[str, int]
    raw: MappingProxyType[str, Any]

    @classmethod
    def load(cls, path: Path = LEXICON_PATH) -> NumberWords:
        """Return the vocabulary read from the figures lexicon (cached: the file is read-only data)."""
        return _load(path)

    def is_number_word(self, word: str) -> bool:
        """Return True when ``word`` (lower-case) is a cardinal or scale word."""
        return word in self.cardinals or word in self.scales


@lru_cache(maxsize=4)
def _load(path: Path) -> NumberWords:
    with path.open("rb") as f:
        data = tomllib.load(f)
    return NumberWords(
        cardinals=MappingProxyType(dict(data["cardinals"])),
        ordinals=MappingProxyType(dict(data["ordinals"])),
        scales=MappingProxyType(dict(data["scales"])),
        fractions=MappingProxyType(dict(data["fractions"])),
        multiplicatives=MappingProxyType(dict(data["multiplicatives"])),
        raw=MappingProxyType(data),
    )


def parse_digits(text: str) -> float | None:
    """Return the value of one token written in digits ("28,800", "1.4", "-3"), else None."""
    m = _DIGITS.match(text.strip())
    if not m:
        return None
    value = float(m.group("num").replace(",", ""))
    return -value if m.group("sign") in ("-", "−") else value


def parse_suffixed(text: str, words: NumberWords) -> tuple[float, bool] | None:
    """Return (value, is_ordinal) for "3bn", "10k", "4th", "21st"; None otherwise."""
    m = _SUFFIXED.match(text.lower())
    if not m:
        return None
    suffix = m.group("suffix")
    number = float(m.group("num").replace(",", "."))
    if suffix in ("st", "nd", "rd", "th"):
        return number, True
    if suffix == "s":  # "1990s", "20s": a decade or an age band, never a count
        return None
    return number * words.scales[suffix], False


def parse_words(tokens: list[str], words: NumberWords) -> tuple[float, bool] | None:
    """Return (value, is_ordinal) for a run of lower-cased number tokens, or None.

    Reads "1.4 million", "twenty - three", "two hundred and fifty", "a million",
    "three quarters", "4th", "fourth", "half". Tokens that are not part of a number
    make the whole run unreadable (None): the caller picks the run.
    """
    toks = [t for t in tokens if t not in ("-", "–", "and")]
    if not toks:
        return None
    if len(toks) == 1:
        single = _single(toks[0], words)
        if single is not None:
            return single
    total = 0.0
    current: float | None = None
    ordinal = False
    for i, tok in enumerate(toks):
        digits = parse_digits(tok)
        if tok in ("a", "an") and i == 0 and len(toks) > 1:
            current = 1.0
        elif digits is not None:
            if current is not None:
                return None
            current = digits
        elif tok in words.cardinals:
            current = (current or 0.0) + words.cardinals[tok]
        elif (tok in words.fractions and i == len(toks) - 1 and current is not None and current < 20
              and (current == 1 or tok.endswith("s"))):
            # "a third", "two thirds", "three quarters" (but "twenty-fifth" is an ordinal)
            current = current * words.fractions[tok]
        elif tok in words.ordinals and i == len(toks) - 1:
            current = (current or 0.0) + words.ordinals[tok]
            ordinal = True
        elif tok in words.scales and (len(tok) > 2 or (i > 0 and parse_digits(toks[i - 1]) is not None)):
            # "m", "bn", "k" only right after digits ("$27.4 m" as the tokenizer splits "$27.4m")
            scale = words.scales[tok]
            base = current if current is not None else (1.0 if i == 0 else None)
            if base is None:
                return None
            if scale == 100:
                current = base * scale
            else:
                total += base * scale
                current = None
        elif tok.endswith(("ths", "th")) and tok.removesuffix("s") in words.ordinals and i == len(toks) - 1:
            # "hundredths", "millionth" after a count
            current = (current or 1.0) * words.ordinals[tok.removesuffix("s")]
            ordinal = True
        else:
            suffixed = parse_suffixed(tok, words)
            if suffixed is None or current is not None:
                return None
            current, ordinal = suffixed
    return total + (current or 0.0), ordinal


def _single(tok: str, words: NumberWords) -> tuple[float, bool] | None:
    digits = parse_digits(tok)
    if digits is not None:
        return digits, False
    if tok in words.cardinals:
        return float(words.cardinals[tok]), False
    if tok in words.ordinals:
        return float(words.ordinals[tok]), True
    if tok in words.multiplicatives:
        return float(words.multiplicatives[tok]), False
    if tok in words.fractions:
        return float(words.fractions[tok]), False
    if "-" in tok:
        # "twenty-three" kept as one token by some tokenizers
        return parse_words(tok.split("-"), words)
    return parse_suffixed(tok, words)
