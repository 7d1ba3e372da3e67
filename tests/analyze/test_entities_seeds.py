"""On the seed articles (../shared/seeds), entities, their types and roles reach their floors.

Scored with the shared scorer (../shared/tools/score.py) on an entities-only analysis;
skipped when ../shared is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

from storyline.analyze.pipeline import analyze_article
from storyline.analyze.record import article_record
from storyline.extract import extract
from storyline.model import RawDocument

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
FLOORS = {"entities": 0.90, "entity_types": 0.90, "roles": 0.80}


def test_seed_entities_reach_their_floors(entities_nlp, tmp_path, seed_scorer):
    score = seed_scorer
    gold = json.loads((SHARED / "seeds" / "gold.json").read_text(encoding="utf-8"))
    out = tmp_path / "analysis.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for name in gold["articles"]:
            path = SHARED / "seeds" / name
            article = extract(RawDocument(source=str(path), content=path.read_bytes()))
            record = article_record(article, analyze_article(article, entities_nlp))
            f.write(json.dumps(record) + "\n")
    result = score.score(gold, score.load_analysis(str(out)), None)
    for measure, floor in FLOORS.items():
        assert result[measure] >= floor, (measure, result[measure])
