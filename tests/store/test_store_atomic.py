"""Atomic adds: a failure or a killed process never leaves half an article behind."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storyline.model import Article
from storyline.store import Store, open_store, search

MakeArticle = Callable[..., tuple[Article, bytes]]

# A child process that adds articles (some as second versions) and reports each commit.
WRITER = r"""
import hashlib, sys
from storyline.model import Article, OffsetMap, Published
from storyline.ids import article_id
from storyline.store import open_store

db, start, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open_store(db) as store:
    for i in range(start, start + count):
        url = f"https://x.example/{i // 2}"
        text = f"Article {i // 2} says words number {i} " + "filler text " * 200
        raw = (f"<p>{text}</p>" * 3).encode()
        a = Article(id=article_id(url, text), source=f"doc{i}", text=text, url=url, title=f"T{i}",
                    published=Published("2024-01-01", "day", "meta"), offsets=OffsetMap(((0, 3, len(text)),)),
                    original_sha256=hashlib.sha256(raw).hexdigest())
        r = store.add(a, raw)
        print(r.status, flush=True)
"""


def _consistent(dump: dict[str, Any]) -> None:
    tables = dump["tables"]
    articles = {a["id"]: a for a in tables["articles"]}
    versions: dict[str, list[dict[str, Any]]] = {}
    for v in tables["article_versions"]:
        versions.setdefault(v["article_id"], []).append(v)
    documents = {d["sha256"] for d in tables["documents"]}
    assert set(versions) == set(articles)
    for aid, a in articles.items():
        nos = sorted(v["version_no"] for v in versions[aid])
        assert nos == list(range(1, a["versions"] + 1)) and a["version_no"] == a["versions"]
        assert all(v["original_sha256"] in documents for v in versions[aid])
    assert documents == {v["original_sha256"] for v in tables["article_versions"]}
    indexed = {row["article_id"]: row["text"] for row in dump["search"]}
    current = {
        v["article_id"]: v["text"]
        for v in tables["article_versions"]
        if v["version_no"] == articles[v["article_id"]]["version_no"]
    }
    assert indexed == current


def test_failure_mid_add_leaves_nothing(
    store: Store, make_article: MakeArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_put(*args: object, **kwargs: object) -> int:
        raise RuntimeError("index failed")

    article, raw = make_article("Words that will never be stored anywhere.", "https://x.example/a")
    monkeypatch.setattr(search, "put", broken_put)
    with pytest.raises(RuntimeError):
        store.add(article, raw)
    monkeypatch.undo()
    dump = store.dump()
    assert store.count() == 0
    assert all(rows == [] for rows in dump["tables"].values())
    assert dump["search"] == []
    assert store.add(article, raw).status == "new"


def test_failure_mid_new_version_keeps_the_old_one(
    store: Store, make_article: MakeArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "https://x.example/a"
    v1, raw1 = make_article("The first text of this article.", url)
    v2, raw2 = make_article("The second text of this article.", url)
    store.add(v1, raw1)
    before = store.dump()
    monkeypatch.setattr(search, "put", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("index failed")))
    with pytest.raises(RuntimeError):
        store.add(v2, raw2)
    monkeypatch.undo()
    assert store.dump() == before
    assert [h.title for h in store.search("first")] == ["A title"]


def _spawn(db: Path, start: int, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(start), str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_leaves_whole_articles_then_resume_matches(tmp_path: Path) -> None:
    killed = tmp_path / "killed.db"
    seen = []
    for delay in (0.0, 0.1):
        proc = _spawn(killed, 0, 300)
        assert proc.stdout is not None
        proc.stdout.readline()  # the store is open and one article is in
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with open_store(str(killed)) as store:
            _consistent(store.dump())
            seen.append(store.count())
    print("articles after each kill:", seen)
    assert seen[-1] < 150, "the writer finished before it was killed"
    # Resume: the full run again on the killed store equals one clean run.
    clean = tmp_path / "clean.db"
    runs = [_spawn(killed, 0, 300), _spawn(clean, 0, 300)]
    assert [p.wait() for p in runs] == [0, 0]
    with open_store(str(killed)) as a, open_store(str(clean)) as b:
        assert a.dump() == b.dump()
        assert a.count() == 150


def test_two_writers_at_once(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    open_store(str(db)).close()
    procs = [_spawn(db, 0, 60), _spawn(db, 0, 60)]
    outputs = [p.communicate() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outputs]
    statuses = [line for out, _ in outputs for line in out.split()]
    assert statuses.count("new") == 30 and statuses.count("new_version") == 30
    with open_store(str(db)) as store:
        dump = store.dump()
        _consistent(dump)
        assert store.count() == 30
        assert json.dumps(dump, sort_keys=True)
