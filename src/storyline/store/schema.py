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
    Double,
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

# -- link (migration 0004_link): cross-article state, written by storyline.link -------------
# Per-article rows carry the article id and are replaced only when that article is relinked
# (a new version); rows keyed otherwise (entities, series, stories, terms, meta) are the
# shared aggregates that later articles update. JSON columns hold sorted-key text.

# Which version of each article is linked, in what order, with the dates "changes" reads.
link_articles = Table(
    "link_articles",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id"), primary_key=True),
    Column("version_id", Text, ForeignKey("article_versions.version_id"), nullable=False),
    Column("seq", Integer, nullable=False, unique=True),
    Column("day", Text, nullable=False),
    Column("day_end", Text, nullable=False),
    Column("dated", Integer, nullable=False),
    Column("story_id", Text),
    Column("linked_at", Text, nullable=False),
    Index("ix_link_articles_story_id", "story_id"),
    Index("ix_link_articles_day", "day"),
)

# One row per real-world actor across articles.
link_entities = Table(
    "link_entities",
    metadata,
    Column("id", Text, primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),
    Column("kind", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("record", Text, nullable=False),
)

# Lookup keys (name forms, surnames, roles) → entities, per article that gave them.
link_keys = Table(
    "link_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("entity_id", Text, primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id"), primary_key=True),
    Column("day", Text, nullable=False),
    Index("ix_link_keys_article_id", "article_id"),
)

# One article's entity (its local id) and the global entity it was resolved to.
link_members = Table(
    "link_members",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id"), primary_key=True),
    Column("local_id", Text, primary_key=True),
    Column("entity_id", Text, nullable=False),
    Column("record", Text, nullable=False),
    Index("ix_link_members_entity_id", "entity_id"),
)

link_quotes = Table(
    "link_quotes",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("speaker_entity", Text),
    Column("record", Text, nullable=False),
    Index("ix_link_quotes_speaker_entity", "speaker_entity"),
)

link_figures = Table(
    "link_figures",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("series_id", Text),
    Column("record", Text, nullable=False),
    # Migration 0005: the point's as-of days and value bounds, so a new point reads only the
    # points of its series it could clash with, not the whole series.
    Column("as_of_first", Text),
    Column("as_of_last", Text),
    Column("low_bound", Double),
    Column("high_bound", Double),
    Index("ix_link_figures_series_id", "series_id"),
    Index("ix_link_figures_series_as_of", "series_id", "as_of_first"),
)

# A measure (what, where, since, actor, unit) that figures of several articles report.
link_series = Table(
    "link_series",
    metadata,
    Column("id", Text, primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),
    Column("base", Text, nullable=False),
    Column("record", Text, nullable=False),
    Index("ix_link_series_base", "base"),
)

# Contradictions and impossible moves between two figures of one series.
link_findings = Table(
    "link_findings",
    metadata,
    Column("id", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("series_id", Text, nullable=False),
    Column("a_article", Text, ForeignKey("articles.id"), nullable=False),
    Column("a_idx", Integer, nullable=False),
    Column("b_article", Text, ForeignKey("articles.id"), nullable=False),
    Column("b_idx", Integer, nullable=False),
    Column("day", Text, nullable=False),
    Column("record", Text, nullable=False),
    Index("ix_link_findings_series_id", "series_id"),
    Index("ix_link_findings_a_article", "a_article"),
    Index("ix_link_findings_b_article", "b_article"),
)

# One article's event and the timeline entry (the same event across articles) it joined.
link_events = Table(
    "link_events",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("entry_id", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("month", Text),
    Column("record", Text, nullable=False),
    Index("ix_link_events_entry_id", "entry_id"),
    Index("ix_link_events_type_month", "type", "month"),
)

link_event_actors = Table(
    "link_event_actors",
    metadata,
    Column("entity_id", Text, primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Index("ix_link_event_actors_article_id", "article_id"),
)

link_stances = Table(
    "link_stances",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("entity_id", Text),
    Column("topic_key", Text, nullable=False),
    Column("record", Text, nullable=False),
    Index("ix_link_stances_topic_key", "topic_key"),
)

# The story clusterer's plain-data state, one row per story plus term counts and counters,
# so linking one article rewrites only the stories it touched.
link_stories = Table(
    "link_stories",
    metadata,
    Column("id", Text, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("state", Text, nullable=False),
)

link_terms = Table(
    "link_terms",
    metadata,
    Column("term", Text, primary_key=True),
    Column("count", Integer, nullable=False),
)

link_meta = Table(
    "link_meta",
    metadata,
    Column("name", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

LINK_TABLES = (
    link_articles, link_entities, link_keys, link_members, link_quotes, link_figures, link_series,
    link_findings, link_events, link_event_actors, link_stances, link_stories, link_terms, link_meta,
)

# Columns that change from run to run and are left out of Store.dump().
VOLATILE_COLUMNS = frozenset({"ingested_at", "applied_at", "search_rowid", "linked_at"})
