"""Term vectors for story clustering: tokens, name weighting, running IDF, cosine."""

from __future__ import annotations

import math

import pytest

from storyline.link.vectors import (
    DocumentFrequencies,
    cosine,
    load_stopwords,
    term_frequencies,
    tokens,
    top_terms,
)


@pytest.fixture(scope="module")
def stopwords():
    return load_stopwords()


def test_tokens_are_lower_cased_words_without_stop_words_or_digits(stopwords):
    assert tokens("The Mayor's 3 boats were in the HARBOUR.", stopwords) == ["mayor", "boats", "harbour"]


def test_capitalised_words_inside_a_sentence_weigh_as_names(stopwords):
    tf = term_frequencies(None, "Boats reached Quell. Boats left quell", stopwords, name_weight=3.0)
    # "Quell" (capitalised mid-sentence) counts 3, "quell" 1: 1 + ln 4; "Boats" opens both sentences.
    assert tf["quell"] == pytest.approx(1 + math.log(4))
    assert tf["boats"] == pytest.approx(1 + math.log(2))


def test_title_words_count_more(stopwords):
    tf = term_frequencies("Harbour strike", "the strike goes on", stopwords, title_weight=2.0)
    assert tf["strike"] == pytest.approx(1 + math.log(3))
    assert tf["harbour"] == pytest.approx(1 + math.log(2))


def test_idf_follows_running_counts():
    df = DocumentFrequencies()
    df.add(["strike", "harbour"])
    df.add(["strike"])
    assert df.idf("strike") == pytest.approx(math.log(3 / 3) + 1)
    assert df.idf("harbour") == pytest.approx(math.log(3 / 2) + 1)
    assert df.idf("unseen") > df.idf("harbour") > df.idf("strike")
    assert df.weigh({"harbour": 2.0}) == {"harbour": pytest.approx(2 * df.idf("harbour"))}


def test_cosine_and_top_terms():
    assert cosine({"a": 1.0}, {"a": 2.0}) == pytest.approx(1.0)
    assert cosine({"a": 1.0}, {"b": 1.0}) == 0.0
    assert cosine({}, {"a": 1.0}) == 0.0
    assert cosine({"a": 1.0, "b": 1.0}, {"a": 1.0}) == pytest.approx(1 / math.sqrt(2))
    assert top_terms({"b": 1.0, "a": 1.0, "c": 3.0}, 2) == ["c", "a"]
