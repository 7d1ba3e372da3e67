"""Store errors: one line, naming the database, for every way opening or writing can fail."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.errors import StoreError
from storyline.model import Article
from storyline.store import open_store

MakeArticle = Callable[..., tuple[Article, bytes]]


def _error(db: str) -> StoreError:
    with pytest.raises(StoreError) as info:
        open_store(db).close()
    return info.value


def test_not_a_database_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are notes, not a database\n" * 50)
    err = _error(str(path))
    assert str(err) == f"{path}: not a SQLite database (file is not a database)"
    assert "\n" not in str(err)
    assert path.read_text().startswith("these are notes")


def test_missing_folder(tmp_path: Path) -> None:
    err = _error(str(tmp_path / "nowhere" / "x.db"))
    assert "does not exist" in str(err) and "\n" not in str(err)


def test_folder_instead_of_file(tmp_path: Path) -> None:
    assert "folder" in _error(str(tmp_path)).problem


def test_missing_folder_in_url(tmp_path: Path) -> None:
    err = _error(f"sqlite:///{tmp_path}/nowhere/x.db")
    assert err.problem.startswith("cannot open the database file")


def test_missing_driver_names_the_url_without_password() -> None:
    err = _error("nosuchdb://user:secret@localhost/x")
    assert "secret" not in str(err) and "\n" not in str(err)


def test_read_only_database_refuses_writes(tmp_path: Path, make_article: MakeArticle) -> None:
    path = tmp_path / "ro.db"
    open_store(str(path)).close()
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    article, raw = make_article("Words that a read-only store cannot keep.", "https://x.example/ro")
    with open_store(url) as store:
        assert store.count() == 0
        with pytest.raises(StoreError) as info:
            store.add(article, raw)
    assert info.value.problem.startswith("the database is read-only")
    assert "\n" not in str(info.value)


def test_closed_store_refuses(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "x.db"))
    store.close()
    store.close()  # closing twice is harmless
    with pytest.raises(StoreError, match="closed"):
        store.count()


def test_memory_store_works(make_article: MakeArticle) -> None:
    article, raw = make_article("An in-memory store keeps this text.", None)
    with open_store(":memory:") as store:
        assert store.add(article, raw).status == "new"
        assert store.count() == 1 and store.search("memory")
