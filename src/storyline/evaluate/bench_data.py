"""Benchmark inputs, read straight from the archives in ``shared/datasets``.

* ``html_pages``: the 181 article-extraction pages and the 200 htmldate-mediacloud
  pages, as (name, url, html) in a fixed order;
* ``bbc_texts``: the 2,225 BBC News texts, as (name, text), sorted by path;
* ``write_bbc_folder`` lays the BBC texts out as files (what ``storyline ingest``
  reads), ``write_replicated_jsonl`` writes N distinct articles made from them.
"""

from __future__ import annotations

import json
import tarfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from storyline.errors import ConfigError

ARTICLE_EXTRACTION = Path("datasets") / "article-extraction"
HTMLDATE_MEDIACLOUD = Path("datasets") / "htmldate-mediacloud" / "htmldate-mediacloud2020.tar.xz"
BBC_NEWS = Path("datasets") / "bbc-news" / "bbc-fulltext.tar.xz"
# Replicated copies get URLs on a reserved, never-resolved domain (RFC 2606) and dates from here on.
REPLICA_HOST = "https://bench.example"
REPLICA_START = date(2005, 1, 3)

Page = tuple[str, str | None, str]  # (name, url, html)
Text = tuple[str, str]  # (name, text)


def datasets_present(shared: Path) -> bool:
    """Return whether the three benchmark datasets are under ``shared``."""
    needed = (shared / ARTICLE_EXTRACTION / "html", shared / HTMLDATE_MEDIACLOUD, shared / BBC_NEWS)
    return all(p.exists() for p in needed)


def html_pages(shared: Path, limit: int | None = None) -> list[Page]:
    """Return the real HTML pages of both extraction sets; ``limit`` pages from each set."""
    # The same readers as `storyline evaluate extraction`: one place knows the archives' layout.
    from storyline.evaluate.extraction import article_pages, date_pages

    return [
        *((f"article-extraction/{pid}", url, html) for pid, url, html, _ in article_pages(shared, limit)),
        *((f"htmldate-mediacloud/{url}", url, html) for url, html, _ in date_pages(shared, limit)),
    ]


def bbc_texts(shared: Path, limit: int | None = None) -> list[Text]:
    """Return the BBC News articles as (``category/NNN.txt``, text), sorted; ``limit`` spread evenly."""
    archive = shared / BBC_NEWS
    if not archive.is_file():
        raise ConfigError(str(archive), "benchmark dataset not found")
    texts = []
    with tarfile.open(archive, "r:xz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".txt") or member.name.endswith("README.TXT"):
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            name = member.name.split("bbc/", 1)[-1]
            texts.append((name, _decode(handle.read())))
    texts.sort()
    if limit is None or limit >= len(texts):
        return texts
    # Every k-th file, so a small sample still has all five categories.
    step = len(texts) / limit
    return [texts[int(i * step)] for i in range(limit)]


def _decode(data: bytes) -> str:
    # One file of the set is Latin-1 (see its SOURCE.md).
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def write_bbc_folder(texts: list[Text], folder: Path) -> int:
    """Write ``texts`` under ``folder`` as UTF-8 ``.txt`` files (category subfolders); return the count."""
    for name, text in texts:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return len(texts)


def replica(texts: list[Text], n: int) -> Iterator[dict[str, str]]:
    """Yield ``n`` distinct JSON Lines records cycling through ``texts`` (own URL, date, closing line)."""
    for i in range(n):
        copy, k = divmod(i, len(texts))
        name, text = texts[k]
        day = REPLICA_START + timedelta(days=i % 3650)
        # A dated closing line makes every copy's text (and so its bytes) distinct, like a re-run story.
        body = f"{text.rstrip()}\n\nUpdated {day.day} {day:%B %Y}, edition {copy + 1}.\n"
        yield {
            "url": f"{REPLICA_HOST}/{copy + 1}/{name.removesuffix('.txt')}",
            "text": body,
            "published": day.isoformat(),
            "outlet": "bench.example",
        }


def write_replicated_jsonl(texts: list[Text], n: int, path: Path) -> int:
    """Write ``n`` distinct articles made from ``texts`` to ``path`` as JSON Lines; return the word count."""
    words = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for record in replica(texts, n):
            words += len(record["text"].split())
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words


def word_count(text: str) -> int:
    """Return the number of whitespace-separated words in ``text``."""
    return len(text.split())
