"""The seed articles: quote recall, speakers and precision as ../shared/tools/score.py measures them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from spacy.language import Language

from storyline.analyze.pipeline import analysis_of, make_doc
from storyline.analyze.quotes import QuotesComponent
from storyline.analyze.record import article_record
from storyline.extract import extract
from storyline.model import RawDocument


def _scorer(seeds_dir: Path):  # type: ignore[no-untyped-def]
    path = seeds_dir.parent / "tools" / "score.py"
    if not path.exists():
        pytest.skip("../shared/tools/score.py is not present")
    spec = importlib.util.spec_from_file_location("seed_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_quotes_seeds_reach_the_targets(seeds_dir: Path, entities_nlp: Language) -> None:
    scorer = _scorer(seeds_dir)
    quotes = QuotesComponent(entities_nlp)
    records = {}
    for path in sorted(seeds_dir.glob("0*.txt")):
        article = extract(RawDocument(source=str(path), content=path.read_bytes()))
        doc = quotes(entities_nlp(make_doc(article, entities_nlp)))
        record = article_record(article, analysis_of(doc, entities_nlp))
        for ent in record["entities"]:  # score.py joins role fields as strings
            for role in ent.get("roles") or []:
                role["of"] = role.get("of") or ""
        records[path.name] = record
    gold = scorer.json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))
    result = scorer.score(gold, records, None)
    assert result["quotes.recall"] >= 0.95
    assert result["speakers"] >= 0.95
    assert result["quotes.precision"] >= 0.90
