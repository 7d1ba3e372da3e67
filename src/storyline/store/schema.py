"""The store's tables as they stand after every migration (SQLAlchemy Core).

These ``Table`` objects are what queries use. They are *not* what creates the
database: each migration in ``migrations.py`` carries its own frozen DDL, and a
test checks that a freshly migrated database matches the tables here. When the
schema changes, add a migration and update this file; never edit an old one.

Portable types only (Text, Integer, LargeBinary) so the same queries run on
SQLite and PostgreSQL. JSON columns hold text written with sorted keys, so the
stored bytes are deterministic on every backend. The full-text index is
dialect-specific and lives in ``search.py``.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("name", Text, primary_key=True),
    Column("applied_at", Text, nullable=False),
)

# One row per article identity; the display columns repeat the current
# (newest) version so listings need no join and can use an index.
articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    Column("key", Text, nullable=False, unique=True),
    Column("url", Text),
    Column("version_no", Integer, nullable=False),
    Column("versions", Integer, nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", Text),
    # SQLite only: rowid of this article's row in articles_fts (stable across
    # VACUUM, unlike the implicit rowid of a table with a text primary key).
    Column("search_rowid", Integer, unique=True),
    Index("ix_articles_published_id", "published", "id"),
    Index("ix_articles_outlet", "outlet"),
)

# One row per distinct clean text of an article; version_id is a hash of the
# article id and the whitespace-normalised text, so re-adding is a lookup.
article_versions = Table(
    "article_versions",
    metadata,
    Column("version_id", Text, primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False),
    Column("version_no", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("byline", Text, nullable=False),
    Column("language", Text),
    Column("published_value", Text),
    Column("published_precision", Text),
    Column("published_how", Text),
    Column("text", Text, nullable=False),
    Column("text_sha256", Text, nullable=False),
    Column("links", Text, nullable=False),
    Column("offsets", Text, nullable=False),
    Column("format", Text, nullable=False),
    Column("original_sha256", Text, ForeignKey("documents.sha256"), nullable=False),
    Column("fetched_at", Text),
    Column("ingested_at", Text, nullable=False),
    UniqueConstraint("article_id", "version_no", name="uq_article_versions_article_no"),
    Index("ix_article_versions_text_sha256", "text_sha256"),
    Index("ix_article_versions_original_sha256", "original_sha256"),
)

# Original document bytes, zlib-compressed, stored once however many
# versions point at them; offsets resolve against these.
documents = Table(
    "documents",
    metadata,
    Column("sha256", Text, primary_key=True),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
)

# The analysis of one article version (the JSON record's analysis fields) and the
# model and component versions that made it; replaced when those versions change.
analyses = Table(
    "analyses",
    metadata,
    Column("version_id", Text, ForeignKey("article_versions.version_id"), primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False),
    Column("record", Text, nullable=False),
    Column("versions", Text, nullable=False),
    Index("ix_analyses_article_id", "article_id"),
)

# Columns that change from run to run and are left out of Store.dump().
VOLATILE_COLUMNS = frozenset({"ingested_at", "applied_at", "search_rowid"})
