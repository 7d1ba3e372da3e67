"""On the seed articles (../shared/seeds), events and stances reach their floors with the full pipeline.

Scored with the shared scorer (../shared/tools/score.py); skipped when ../shared is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

from storyline.analyze.pipeline import analyze_article
from storyline.analyze.record import article_record
from storyline.extract import extract
from storyline.model import RawDocument

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
FLOORS = {"events": 0.70, "stances": 0.75}


def test_seed_events_and_stances_reach_their_floors(timefig_nlp, tmp_path, seed_scorer):
    score = seed_scorer
    gold = json.loads((SHARED / "seeds" / "gold.json").read_text(encoding="utf-8"))
    out = tmp_path / "analysis.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for name in gold["articles"]:
            path = SHARED / "seeds" / name
            article = extract(RawDocument(source=str(path), content=path.read_bytes()))
            f.write(json.dumps(article_record(article, analyze_article(article, timefig_nlp))) + "\n")
    result = score.score(gold, score.load_analysis(str(out)), None)
    for measure, floor in FLOORS.items():
        assert result[measure] >= floor, (measure, result[measure])
