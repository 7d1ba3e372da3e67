"""Store.dump: a canonical snapshot that ignores volatile columns and sees every change."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.model import Article
from storyline.store import migrations, open_store
from storyline.store.schema import VOLATILE_COLUMNS

MakeArticle = Callable[..., tuple[Article, bytes]]


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _keys(v)
    elif isinstance(value, list):
        for v in value:
            yield from _keys(v)


def _build(path: Path, make_article: MakeArticle, extra: str = "") -> dict[str, Any]:
    with open_store(str(path)) as store:
        for i in range(3):
            article, raw = make_article(f"Report {i} on the harbour works.{extra}", f"https://x.example/{i}")
            store.add(article, raw)
        article, raw = make_article("Report 1 on the harbour works, corrected.", "https://x.example/1")
        store.add(article, raw)
        return store.dump()


def test_dump_ignores_volatile_columns(
    tmp_path: Path, make_article: MakeArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations, "now", lambda: "2001-01-01T00:00:00Z")
    first = _build(tmp_path / "a.db", make_article)
    monkeypatch.setattr(migrations, "now", lambda: "2099-12-31T23:59:59Z")
    second = _build(tmp_path / "b.db", make_article)
    assert first == second
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert not VOLATILE_COLUMNS & set(_keys(first))


def test_dump_sees_content_changes(tmp_path: Path, make_article: MakeArticle) -> None:
    assert _build(tmp_path / "a.db", make_article) != _build(tmp_path / "b.db", make_article, " Extra.")


def test_dump_holds_every_table_and_the_index(tmp_path: Path, make_article: MakeArticle) -> None:
    dump = _build(tmp_path / "a.db", make_article)
    assert dump["migrations"] == [m.name for m in migrations.MIGRATIONS]
    tables = dump["tables"]
    assert (len(tables["articles"]), len(tables["article_versions"]), len(tables["documents"])) == (3, 4, 4)
    assert len(dump["search"]) == 3
    # Document bytes are represented by the hash of their decompressed content.
    assert all(d["content"] == d["sha256"] for d in tables["documents"])
