"""store: idempotent, transactional persistence (SQLite by default, SQLAlchemy Core).

``open_store(db)`` opens a file path or an SQLAlchemy URL, applies pending
migrations and returns a ``Store``: ``add`` articles with their original
bytes, then ``get``, list, ``search``, and ``dump`` them.
"""

from __future__ import annotations

from storyline.store.records import AddResult, AddStatus, ArticleRow, SearchHit, StoredArticle, VersionRow
from storyline.store.store import Store, open_store

__all__ = [
    "AddResult",
    "AddStatus",
    "ArticleRow",
    "SearchHit",
    "Store",
    "StoredArticle",
    "VersionRow",
    "open_store",
]
