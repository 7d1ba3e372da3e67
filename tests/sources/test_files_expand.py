"""Files, folders and globs: what is read, in which order, and what is passed over."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from storyline.errors import SourceError
from storyline.sources import FetchSettings, iter_documents
from storyline.sources.files import expand


def _tree(root: Path) -> None:
    for rel in ["b.html", "a.txt", "sub/c.html", "sub/deeper/d.htm", "a/z.html", ".hidden.html",
                ".git/config.html", "sub/.cache/e.html", "page_files/style.css", "page_files/logo.png"]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<p>Fictional page {rel} for a test.</p>", encoding="utf-8")


def test_files_folder_is_walked_sorted_without_hidden_or_assets(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = [os.path.relpath(p, tmp_path) for p in expand(str(tmp_path))]
    assert found == ["a/z.html", "a.txt", "b.html", "sub/c.html", "sub/deeper/d.htm"]


def test_files_glob_patterns_expand_sorted(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert [os.path.relpath(p, tmp_path) for p in expand(str(tmp_path / "*.html"))] == ["b.html"]
    recursive = [os.path.relpath(p, tmp_path) for p in expand(str(tmp_path / "**" / "*.htm*"))]
    assert recursive == ["a/z.html", "b.html", "sub/c.html", "sub/deeper/d.htm"]


def test_files_named_hidden_file_is_read(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert expand(str(tmp_path / ".hidden.html")) == [str(tmp_path / ".hidden.html")]


@pytest.mark.parametrize(
    ("name", "problem"), [("missing.html", "no such file"), ("*.nothing", "no files match")]
)
def test_files_missing_inputs_are_source_errors(tmp_path: Path, name: str, problem: str) -> None:
    with pytest.raises(SourceError) as caught:
        expand(str(tmp_path / name))
    assert str(caught.value) == f"{tmp_path / name}: {caught.value.problem}"
    assert problem in caught.value.problem


def test_files_iter_documents_order_dedup_and_errors(
    tmp_path: Path, settings: FetchSettings, split: Any
) -> None:
    _tree(tmp_path)
    inputs = [str(tmp_path / "b.html"), str(tmp_path / "nope.html"), str(tmp_path), f"{tmp_path}/./b.html"]
    docs, errors = split(iter_documents(inputs, settings=settings))
    names = [os.path.relpath(d.source, tmp_path) for d in docs]
    # b.html is read once, where it is first named; the folder adds the rest in sorted order.
    assert names == ["b.html", "a/z.html", "a.txt", "sub/c.html", "sub/deeper/d.htm"]
    assert [e.document for e in errors] == [str(tmp_path / "nope.html")]
    again = [d.source for d in iter_documents(inputs, settings=settings) if not isinstance(d, SourceError)]
    assert again == [d.source for d in docs]


def test_files_empty_folder_is_a_source_error(tmp_path: Path, settings: FetchSettings, split: Any) -> None:
    (tmp_path / "empty").mkdir()
    _, errors = split(iter_documents([str(tmp_path / "empty")], settings=settings))
    assert errors and errors[0].document == str(tmp_path / "empty")
