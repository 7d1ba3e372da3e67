"""The TimeLine evaluation end to end on the first documents of corpus 1 (skipped without ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluate.timelines import score_corpus
from storyline.evaluate.timelines_data import DATASET, read_corpus

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="module")
def corpus():
    if not (SHARED / DATASET).is_file():
        pytest.skip("../shared/datasets/semeval2015-timeline is not available")
    return read_corpus(SHARED, 1, limit=3)


def test_reader_gives_documents_targets_and_gold(corpus):
    assert len(corpus.docs) == 3
    assert all(d.dct and d.tokens for d in corpus.docs)
    assert all(corpus.gold_of(t).lines for t in corpus.targets)
    assert len(corpus.gold) == len(corpus.targets)
    # every gold event names a sentence of its document by id
    by_id = {d.docid: d for d in corpus.docs}
    for tl in corpus.gold.values():
        for ln in tl.lines:
            for ev in ln.events:
                docid, sentence, _ = ev.split("-", 2)
                if docid in by_id:
                    assert int(sentence) in {t.sentence for t in by_id[docid].tokens}


def test_scoring_a_few_documents_runs_and_stays_consistent(corpus, tmp_path):
    result = score_corpus(corpus, str(tmp_path))
    k = result.counts
    assert set(result.per_entity) == set(corpus.targets)
    assert k.gold_total > 0
    assert 0 <= k.prec_matched <= k.system_total and 0 <= k.rec_matched <= k.gold_total
    assert result.found_in_timeline <= result.found_any <= result.gold_mentions
    assert result.date_correct <= result.found_in_timeline
