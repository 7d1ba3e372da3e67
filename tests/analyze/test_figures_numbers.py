"""numbers.parse_words: numbers in digits, words and scales, no model needed."""

from __future__ import annotations

import pytest

from storyline.analyze.numbers import NumberWords, parse_digits, parse_words


@pytest.fixture(scope="module")
def words() -> NumberWords:
    return NumberWords.load()


@pytest.mark.parametrize(("tokens", "value", "ordinal"), [
    (["28,800"], 28800, False),
    (["1.4", "million"], 1_400_000, False),
    (["twenty", "-", "three"], 23, False),
    (["two", "hundred", "and", "fifty"], 250, False),
    (["a", "million"], 1_000_000, False),
    (["one", "hundred", "thousand"], 100_000, False),
    (["a", "dozen"], 12, False),
    (["27.4", "m"], 27_400_000, False),
    (["1.5bn"], 1_500_000_000, False),
    (["10k"], 10_000, False),
    (["fourth"], 4, True),
    (["21st"], 21, True),
    (["twenty", "-", "fifth"], 25, True),
    (["twice"], 2, False),
    (["half"], 0.5, False),
    (["three", "quarters"], 0.75, False),
])
def test_parse_words(words: NumberWords, tokens: list[str], value: float, ordinal: bool) -> None:
    found = parse_words(tokens, words)
    assert found is not None
    assert found[0] == pytest.approx(value)
    assert found[1] is ordinal


@pytest.mark.parametrize("tokens", [["1990s"], ["hundreds"], ["m"], ["12", "13"], ["banana"]])
def test_parse_words_rejects(words: NumberWords, tokens: list[str]) -> None:
    assert parse_words(tokens, words) is None


def test_parse_digits() -> None:
    assert parse_digits("1,200.5") == 1200.5
    assert parse_digits("-3") == -3
    assert parse_digits("12,34") is None
    assert parse_digits("4c4vX") is None
