"""Figures on the seed articles (../shared/seeds), scored as tools/score.py does: value, qualifier, as-of."""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language

from storyline.analyze.pipeline import analyze_article
from storyline.extract import extract
from storyline.model import Figure, RawDocument


def _matches(f: Figure, gold: dict) -> bool:  # type: ignore[type-arg]
    ok = abs(f.value - float(gold["value"])) < 1e-9 and f.qualifier == gold.get("qualifier", "exact")
    return ok and (not gold.get("as_of") or f.as_of == gold["as_of"])


def test_seed_figures_recall(seeds_dir: Path, timefig_nlp: Language) -> None:
    gold = json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))
    hits = total = 0
    for name, expected in gold["articles"].items():
        path = seeds_dir / name
        article = extract(RawDocument(source=str(path), content=path.read_bytes()))
        figures = analyze_article(article, timefig_nlp).figures
        for g in expected.get("figures", []):
            total += 1
            hits += any(_matches(f, g) for f in figures)
    assert total and hits / total >= 0.85, f"{hits}/{total}"
