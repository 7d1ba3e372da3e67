"""The whole analysis record of every example article, compared with a golden file a person has read.

When the output changes on purpose, run ``pytest tests/test_golden_examples.py --update-golden``,
read ``git diff tests/golden/``, and commit the golden file with the change that caused it.
"""

from __future__ import annotations

import json
from pathlib import Path

from storyline.analyze.record import article_record
from storyline.runner import Prepared, prepare

GOLDEN = Path(__file__).resolve().parent / "golden" / "examples.jsonl"
# Fields that name the machine or library build rather than what was found in the text.
VOLATILE = ("versions",)


def _records(examples_dir: Path) -> list[dict]:
    root = examples_dir.parent
    out = []
    for item in prepare([str(examples_dir / "story")]):
        assert isinstance(item, Prepared), item
        record = article_record(item.article)
        record.update(item.analysis or {})
        # Sources are paths as given; keep them relative so the file is the same on every checkout.
        record["source"] = Path(record["source"]).relative_to(root).as_posix()
        for key in VOLATILE:
            record.pop(key, None)
        out.append(record)
    return out


def test_examples_match_the_golden_analysis(examples_dir: Path, update_golden: bool) -> None:
    records = _records(examples_dir)
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    if update_golden:
        GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert GOLDEN.exists(), "no golden file: run with --update-golden and read what it wrote"
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(expected), "a different number of example articles"
    for got, want in zip(lines, expected, strict=True):
        g, w = json.loads(got), json.loads(want)
        for key in sorted(set(g) | set(w)):
            assert g.get(key) == w.get(key), f"{g['source']}: field {key!r} differs from tests/golden"
