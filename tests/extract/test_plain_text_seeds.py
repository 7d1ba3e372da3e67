"""The seed articles (read from ../shared/seeds at test time): dates, titles, furniture gone, quotes kept."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from storyline.extract import extract
from storyline.model import Article, RawDocument

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
QUOTE_CHARS = "\"'“”‘’«»„‟‹›`"


def norm(s: str | None) -> str:
    """Normalise as the shared scorer does: fold case and accents, drop quote marks, squeeze spaces."""
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.translate({ord(c): None for c in QUOTE_CHARS})
    s = s.replace("…", "...").replace("—", "-").replace("–", "-")
    return re.sub(r"\s+", " ", s).strip().lower()


@pytest.fixture(scope="module")
def seeds() -> tuple[dict, dict[str, Article]]:
    gold_path = SEEDS / "gold.json"
    if not gold_path.is_file():
        pytest.skip("../shared/seeds is not available")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    articles = {}
    for name in gold["articles"]:
        path = SEEDS / name
        articles[name] = extract(RawDocument(source=str(path), content=path.read_bytes()))
    return gold, articles


def test_seed_publication_dates(seeds: tuple[dict, dict[str, Article]]) -> None:
    gold, articles = seeds
    for name, g in gold["articles"].items():
        want = g.get("published", {})
        if want.get("value"):
            ok = {want["value"], *want.get("value_acceptable", [])}
            assert articles[name].published.value in ok, name
            assert articles[name].published.how in ("printed", "inferred", "url"), name


def test_seed_titles(seeds: tuple[dict, dict[str, Article]]) -> None:
    gold, articles = seeds
    for name, g in gold["articles"].items():
        if g.get("title"):
            assert norm(articles[name].title) == norm(g["title"]), name
            assert norm(g["title"]) not in norm(articles[name].text.split("\n\n")[0]), name


def test_seed_furniture_is_gone(seeds: tuple[dict, dict[str, Article]]) -> None:
    gold, articles = seeds
    for name, g in gold["articles"].items():
        text = norm(articles[name].text)
        assert text, name
        for piece in g.get("boilerplate_removed", []):
            assert norm(piece) not in text, (name, piece)


def test_seed_quotes_survive(seeds: tuple[dict, dict[str, Article]]) -> None:
    gold, articles = seeds
    for name, g in gold["articles"].items():
        text = norm(articles[name].text)
        for quote in g.get("quotes", []):
            assert norm(quote["text"]) in text, (name, quote["text"])


def test_seed_bylines(seeds: tuple[dict, dict[str, Article]]) -> None:
    gold, articles = seeds
    for name, g in gold["articles"].items():
        if g.get("byline"):
            assert [norm(b) for b in articles[name].byline] == [norm(b) for b in g["byline"]], name


def test_seed_offsets_round_trip(seeds: tuple[dict, dict[str, Article]]) -> None:
    _, articles = seeds
    for name, article in articles.items():
        original = (SEEDS / name).read_text(encoding="utf-8")
        for clean_start, orig_start, length in article.offsets.runs:
            piece = article.text[clean_start : clean_start + length]
            if "&" not in original[orig_start : orig_start + length]:
                assert piece == original[orig_start : orig_start + length], name
