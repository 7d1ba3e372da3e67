"""The full-text index over each article's current title and text.

SQLite: an FTS5 table ``articles_fts`` (unicode61 tokens, diacritics folded),
ranked with bm25 (title weighted above text). PostgreSQL would use a tsvector
column with a GIN index; its branch is marked below and refuses for now, so a
store never silently lacks search.

User queries never reach FTS5 syntax raw: ``fts5_query`` turns them into
quoted terms, so operators, stray quotes and brackets are plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from storyline.errors import StoreError

# Title hits count twice as much as text hits (article_id is unindexed: 0).
BM25_WEIGHTS = (0.0, 2.0, 1.0)
SNIPPET_TOKENS = 16
_TERM = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(frozen=True, slots=True)
class FtsRow:
    """One match from the index: article id, bm25 score (lower is better), snippet."""

    article_id: str
    bm25: float
    snippet: str


def fts5_query(query: str) -> str | None:
    """Return a safe FTS5 MATCH expression for free text, or None when it has no words.

    Every term becomes a quoted string (all terms must match); ``"two words"``
    stays a phrase; a trailing ``*`` on a bare word is a prefix search. Nothing
    else in the input is FTS5 syntax, so no query can raise a syntax error.
    """
    parts: list[str] = []
    # Control characters (NUL above all) end an SQLite string early: they are never words.
    query = "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in query)
    for m in _TERM.finditer(query):
        phrase, word = m.group(1), m.group(2)
        term = phrase if phrase is not None else word
        prefix = phrase is None and term.endswith("*")
        term = term.rstrip("*") if prefix else term
        if not any(ch.isalnum() for ch in term):
            continue
        quoted = '"' + term.replace('"', '""') + '"'
        parts.append(quoted + "*" if prefix else quoted)
    return " ".join(parts) if parts else None


def create_index(conn: Connection, name: str) -> None:
    """Create the full-text index (called from a migration)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "article_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')"
        )
        return
    # PostgreSQL goes here: ALTER TABLE articles ADD COLUMN search tsvector,
    # CREATE INDEX ... USING gin (search), kept current in put().
    raise StoreError(name, f"full-text search is not implemented for {conn.dialect.name} yet")


def put(conn: Connection, article_id: str, rowid: int | None, title: str | None, body: str) -> int:
    """Index ``title`` and ``body`` as the current text of an article; return its index row id."""
    if conn.dialect.name != "sqlite":
        raise StoreError(article_id, f"full-text search is not implemented for {conn.dialect.name} yet")
    params = {"article_id": article_id, "title": title or "", "text": body}
    if rowid is None:
        result = conn.execute(
            text("INSERT INTO articles_fts (article_id, title, text) VALUES (:article_id, :title, :text)"),
            params,
        )
        new_rowid = result.lastrowid
        if new_rowid is None:
            raise StoreError(article_id, "full-text index gave no row id")
        return int(new_rowid)
    # Reuse the row id so articles.search_rowid stays valid.
    conn.execute(text("DELETE FROM articles_fts WHERE rowid = :rowid"), {"rowid": rowid})
    conn.execute(
        text(
            "INSERT INTO articles_fts (rowid, article_id, title, text) "
            "VALUES (:rowid, :article_id, :title, :text)"
        ),
        {**params, "rowid": rowid},
    )
    return rowid


def match(conn: Connection, expression: str, limit: int, marks: tuple[str, str]) -> list[FtsRow]:
    """Return the best ``limit`` matches for an FTS5 expression from ``fts5_query``."""
    if conn.dialect.name != "sqlite":
        raise StoreError("search", f"full-text search is not implemented for {conn.dialect.name} yet")
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    # Rank every match but build snippets only for the rows returned:
    # snippet() is the expensive part when a common word matches thousands.
    sql = text(
        f"SELECT article_id, bm25(articles_fts, {weights}) AS score, "
        f"snippet(articles_fts, -1, :open, :close, :ellipsis, {SNIPPET_TOKENS}) AS snip "
        "FROM articles_fts WHERE articles_fts MATCH :q AND rowid IN ("
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q "
        f"ORDER BY bm25(articles_fts, {weights}), article_id LIMIT :limit) "
        "ORDER BY score, article_id"
    )
    rows = conn.execute(
        sql, {"q": expression, "open": marks[0], "close": marks[1], "ellipsis": "…", "limit": limit}
    )
    return [FtsRow(r.article_id, float(r.score), r.snip) for r in rows]


def index_rows(conn: Connection) -> list[dict[str, str]]:
    """Return every indexed (article_id, title, text), sorted by article id, for dumps."""
    if conn.dialect.name != "sqlite":
        return []
    rows = conn.execute(text("SELECT article_id, title, text FROM articles_fts ORDER BY article_id"))
    return [{"article_id": r.article_id, "title": r.title, "text": r.text} for r in rows]
