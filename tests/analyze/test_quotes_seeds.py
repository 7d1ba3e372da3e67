"""The seed articles: quote recall, speakers and precision as ../shared/tools/score.py measures them."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from storyline.analyze.pipeline import analysis_of, make_doc
from storyline.analyze.quotes import QuotesComponent
from storyline.analyze.record import article_record
from storyline.extract import extract
from storyline.model import RawDocument


def test_quotes_seeds_reach_the_targets(seeds_dir: Path, entities_nlp: Language, seed_scorer) -> None:
    scorer = seed_scorer
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
