"""Reads and writes of the link tables (migration 0004_link), for storyline.link and exports.

``Store.link_session(write=True)`` opens one transaction and hands a ``LinkSession``: the
linker links one article per session, so a crash leaves every article either linked or
not, never half. The session knows SQL and nothing of how linking decides; the
``storyline.link`` modules decide and call it. JSON columns hold sorted-key text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, and_, delete, func, insert, or_, select, tuple_, update
from sqlalchemy.engine import Connection

from storyline.store import schema

_A = schema.articles
_V = schema.article_versions
_N = schema.analyses
LA = schema.link_articles
LE = schema.link_entities
LK = schema.link_keys
LM = schema.link_members
LQ = schema.link_quotes
LF = schema.link_figures
LS = schema.link_series
LX = schema.link_findings
LV = schema.link_events
LVA = schema.link_event_actors
LT = schema.link_stances
LST = schema.link_stories
LTR = schema.link_terms
LMT = schema.link_meta

# link_meta names of the analysis versions each article was linked with.
ANALYSIS_PREFIX = "analysis:"
# Per-article tables: every row of an article is dropped when a newer version is linked.
_PER_ARTICLE = (LK, LM, LQ, LF, LV, LVA, LT)
_BATCH = 500


@dataclass(frozen=True, slots=True)
class PendingVersion:
    """An article whose current, analyzed version is not linked yet."""

    article_id: str
    version_id: str
    relink: bool
    published: str | None


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """What linking reads of one article version: metadata, text and the stored analysis."""

    article_id: str
    version_id: str
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    precision: str | None
    text: str
    ingested_at: str
    analysis: dict[str, Any]
    versions: str = ""


def dumps(value: Any) -> str:
    """Return ``value`` as compact JSON with sorted keys (deterministic bytes)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class LinkSession:
    """The link tables inside one open transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- what to link --------------------------------------------------------

    def pending(self) -> list[PendingVersion]:
        """Return the articles whose current analyzed version (or its analysis) is not what was linked."""
        q = (
            select(
                _A.c.id,
                _V.c.version_id,
                LA.c.version_id.label("linked"),
                _A.c.published,
                _N.c.versions,
                LMT.c.value.label("linked_versions"),
            )
            .join(_V, and_(_V.c.article_id == _A.c.id, _V.c.version_no == _A.c.version_no))
            .join(_N, _N.c.version_id == _V.c.version_id)
            .outerjoin(LA, LA.c.article_id == _A.c.id)
            .outerjoin(LMT, LMT.c.name == ANALYSIS_PREFIX + _A.c.id)
        )
        out = []
        for r in self.conn.execute(q):
            # A re-analysis (other component versions) of the linked version is linked again too.
            stale = r.linked_versions is not None and json.loads(r.linked_versions) != r.versions
            if r.linked is None or r.linked != r.version_id or stale:
                out.append(PendingVersion(r.id, r.version_id, r.linked is not None, r.published))
        return out

    def mark_analysis(self, article_id: str, versions: str) -> None:
        """Record which analysis (its stored ``versions`` text) an article was linked with."""
        self.put_meta(ANALYSIS_PREFIX + article_id, versions)

    def article_input(self, version_id: str) -> ArticleInput | None:
        """Return one stored article version with its analysis, or None."""
        q = (
            select(
                _V.c.article_id,
                _V.c.version_id,
                _V.c.source,
                _V.c.url,
                _V.c.outlet,
                _V.c.title,
                _V.c.published_value,
                _V.c.published_precision,
                _V.c.text,
                _V.c.ingested_at,
                _N.c.record,
                _N.c.versions,
            )
            .join(_N, _N.c.version_id == _V.c.version_id)
            .where(_V.c.version_id == version_id)
        )
        r = self.conn.execute(q).first()
        if r is None:
            return None
        return ArticleInput(
            r.article_id,
            r.version_id,
            r.source,
            r.url,
            r.outlet,
            r.title,
            r.published_value,
            r.published_precision,
            r.text,
            r.ingested_at,
            dict(json.loads(r.record)),
            r.versions,
        )

    def article_meta(self, article_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Return the linked articles (current version metadata), ordered by link sequence."""
        q = (
            select(
                LA.c.article_id,
                LA.c.version_id,
                LA.c.seq,
                LA.c.day,
                LA.c.day_end,
                LA.c.dated,
                LA.c.story_id,
                _V.c.source,
                _V.c.url,
                _V.c.outlet,
                _V.c.title,
                _V.c.published_value,
                _V.c.published_precision,
                _V.c.published_how,
                _V.c.ingested_at,
            )
            .join(_V, _V.c.version_id == LA.c.version_id)
            .order_by(LA.c.seq)
        )
        if article_ids is not None:
            q = q.where(LA.c.article_id.in_(list(article_ids)))
        return [dict(r._mapping) for r in self.conn.execute(q)]

    def texts(self, version_ids: Sequence[str]) -> dict[str, str]:
        """Return the clean text of each version id."""
        out: dict[str, str] = {}
        for chunk in _chunks(version_ids):
            for r in self.conn.execute(select(_V.c.version_id, _V.c.text).where(_V.c.version_id.in_(chunk))):
                out[r.version_id] = r.text
        return out

    # -- generic rows ----------------------------------------------------------

    def next_seq(self, table: Table) -> int:
        """Return one more than the largest ``seq`` of a table that has one (0 when empty)."""
        current = self.conn.scalar(select(func.max(table.c.seq)))
        return 0 if current is None else int(current) + 1

    def insert(self, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert ``rows``; the values of ``record``/``state``/``value`` columns are dumped as JSON here."""
        if rows:
            self.conn.execute(insert(table), [_encode(r) for r in rows])

    def rows(self, table: Table, **equal: Any) -> list[dict[str, Any]]:
        """Return the rows of ``table`` (JSON columns decoded) where each column equals its value, by key."""
        q = select(table)
        for column, value in equal.items():
            q = q.where(table.c[column] == value)
        return [_decode(dict(r._mapping)) for r in self.conn.execute(q.order_by(*table.primary_key.columns))]

    def rows_in(self, table: Table, column: str, values: Iterable[Any]) -> list[dict[str, Any]]:
        """Return the rows of ``table`` whose ``column`` is one of ``values`` (JSON decoded), by key."""
        out: list[dict[str, Any]] = []
        for chunk in _chunks(sorted(set(values))):
            q = select(table).where(table.c[column].in_(chunk)).order_by(*table.primary_key.columns)
            out += [_decode(dict(r._mapping)) for r in self.conn.execute(q)]
        return out

    def update(self, table: Table, key: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        """Update the row of ``table`` whose key columns equal ``key``."""
        q = update(table)
        for column, value in key.items():
            q = q.where(table.c[column] == value)
        self.conn.execute(q.values(**_encode(values)))

    # -- forgetting an article (a newer version will be linked) ----------------

    def forget_article(self, article_id: str) -> None:
        """Delete an article's per-article link rows and the findings that involve it."""
        for table in _PER_ARTICLE:
            self.conn.execute(delete(table).where(table.c.article_id == article_id))
        self.conn.execute(delete(LX).where(or_(LX.c.a_article == article_id, LX.c.b_article == article_id)))
        self.conn.execute(delete(LA).where(LA.c.article_id == article_id))
        # Entities and series nobody refers to any more go too.
        self.conn.execute(delete(LE).where(~select(LM.c.entity_id).where(LM.c.entity_id == LE.c.id).exists()))
        self.conn.execute(delete(LS).where(~select(LF.c.series_id).where(LF.c.series_id == LS.c.id).exists()))

    # -- entities ----------------------------------------------------------------

    def keyed(self, keys: Iterable[str]) -> list[tuple[str, str]]:
        """Return the distinct (key, entity id) pairs stored for ``keys``."""
        # One pair, not one row per article: a key such as "uk" is given by thousands of articles,
        # and fetching them all made linking one article cost more as the store grew.
        out: list[tuple[str, str]] = []
        for chunk in _chunks(sorted(set(keys))):
            q = select(LK.c.key, LK.c.entity_id).where(LK.c.key.in_(chunk)).distinct()
            out += [(r.key, r.entity_id) for r in self.conn.execute(q.order_by(LK.c.key, LK.c.entity_id))]
        return out

    def keyed_between(self, key: str, first_day: str, last_day: str) -> set[str]:
        """Return the entities ``key`` was given for by articles dated ``first_day`` to ``last_day``."""
        q = select(LK.c.entity_id).where(LK.c.key == key, LK.c.day.between(first_day, last_day)).distinct()
        return {r.entity_id for r in self.conn.execute(q)}

    def put_keys(self, rows: Sequence[tuple[str, str, str, str]]) -> None:
        """Insert (key, entity id, article id, day) rows, skipping duplicates within the batch."""
        unique = {(k, e, a): d for k, e, a, d in rows}
        self.insert(
            LK, [{"key": k, "entity_id": e, "article_id": a, "day": d} for (k, e, a), d in unique.items()]
        )

    # -- events --------------------------------------------------------------------

    def event_candidates(
        self, event_type: str, months: Sequence[str], actors: Sequence[str]
    ) -> list[dict[str, Any]]:
        """Return linked events of ``event_type`` in ``months`` sharing an actor (without actors: any)."""
        if actors:
            q = (
                select(LV)
                .join(LVA, and_(LVA.c.article_id == LV.c.article_id, LVA.c.idx == LV.c.idx))
                .where(
                    LVA.c.entity_id.in_(list(actors)), LV.c.type == event_type, LV.c.month.in_(list(months))
                )
                .distinct()
            )
        else:
            q = select(LV).where(LV.c.type == event_type, LV.c.month.in_(list(months)))
        rows = [_decode(dict(r._mapping)) for r in self.conn.execute(q)]
        return sorted(rows, key=lambda r: (r["article_id"], r["idx"]))

    # -- stories -------------------------------------------------------------------

    def put_story_states(self, states: Sequence[Mapping[str, Any]]) -> None:
        """Replace the stored state of each story in ``states`` (dicts with ``id`` and ``seq``)."""
        ids = [s["id"] for s in states]
        for chunk in _chunks(ids):
            self.conn.execute(delete(LST).where(LST.c.id.in_(chunk)))
        self.insert(LST, [{"id": s["id"], "seq": s["seq"], "state": s} for s in states])

    def delete_stories(self, ids: Sequence[str]) -> None:
        """Delete the stored state of stories merged into others."""
        for chunk in _chunks(ids):
            self.conn.execute(delete(LST).where(LST.c.id.in_(chunk)))

    def put_terms(self, counts: Mapping[str, int]) -> None:
        """Set the document count of each term in ``counts``."""
        terms = sorted(counts)
        for chunk in _chunks(terms):
            self.conn.execute(delete(LTR).where(LTR.c.term.in_(chunk)))
        self.insert(LTR, [{"term": t, "count": int(counts[t])} for t in terms])

    def terms(self) -> dict[str, int]:
        """Return every term's document count."""
        return {r.term: int(r.count) for r in self.conn.execute(select(LTR.c.term, LTR.c.count))}

    def put_meta(self, name: str, value: Any) -> None:
        """Set one named JSON value."""
        self.conn.execute(delete(LMT).where(LMT.c.name == name))
        self.insert(LMT, [{"name": name, "value": value}])

    def meta(self, name: str) -> Any:
        """Return one named JSON value, or None."""
        raw = self.conn.scalar(select(LMT.c.value).where(LMT.c.name == name))
        return None if raw is None else json.loads(raw)

    def set_story(self, article_ids: Sequence[str], story_id: str) -> None:
        """Record that ``article_ids`` now belong to ``story_id`` (after a story merge)."""
        for chunk in _chunks(article_ids):
            self.conn.execute(update(LA).where(LA.c.article_id.in_(chunk)).values(story_id=story_id))

    def articles_of_stories(self, story_ids: Sequence[str]) -> list[str]:
        """Return the linked articles of the given stories."""
        out: list[str] = []
        for chunk in _chunks(story_ids):
            out += list(self.conn.scalars(select(LA.c.article_id).where(LA.c.story_id.in_(chunk))))
        return sorted(out)

    def series_points_apart(
        self, series_id: str, first: str, last: str, low: float, high: float, cumulative: bool
    ) -> list[dict[str, Any]]:
        """Return the records of a series' points whose values lie apart from [low, high] in time order.

        That is the points on the same single day (``first == last``) whose bounds end at or
        below ``low`` or start at or above ``high``, and, for a ``cumulative`` measure, the
        points wholly before ``first`` starting at or above ``high`` and those wholly after
        ``last`` ending at or below ``low``: every point a new one could contradict or fall
        against, read through the (series, as-of) index instead of the whole series.
        """
        apart: list[Any] = []
        if first == last:
            apart.append(
                and_(
                    LF.c.as_of_first == first,
                    LF.c.as_of_last == first,
                    or_(LF.c.high_bound <= low, LF.c.low_bound >= high),
                )
            )
        if cumulative:
            apart.append(and_(LF.c.as_of_last < first, LF.c.low_bound >= high))
            apart.append(and_(LF.c.as_of_first > last, LF.c.high_bound <= low))
        if not apart:
            return []
        q = select(LF.c.record).where(LF.c.series_id == series_id, or_(*apart))
        return [json.loads(r) for r in self.conn.scalars(q.order_by(LF.c.article_id, LF.c.idx))]

    def figure_records(self) -> list[tuple[str, int, dict[str, Any]]]:
        """Return (article id, index, record) of every linked figure that belongs to a series."""
        q = select(LF.c.article_id, LF.c.idx, LF.c.record).where(LF.c.series_id.is_not(None))
        return [(r.article_id, int(r.idx), json.loads(r.record)) for r in self.conn.execute(q)]

    def set_figure_bounds(self, article_id: str, idx: int, bounds: Mapping[str, Any]) -> None:
        """Set the as-of days and value bounds columns of one linked figure."""
        self.update(LF, {"article_id": article_id, "idx": idx}, bounds)

    def findings_between(self, pairs: Sequence[tuple[str, int]]) -> list[dict[str, Any]]:
        """Return the findings that involve any of the (article id, figure index) ``pairs``."""
        out: list[dict[str, Any]] = []
        for chunk in _chunks(pairs):
            q = select(LX).where(
                or_(
                    tuple_(LX.c.a_article, LX.c.a_idx).in_(chunk),
                    tuple_(LX.c.b_article, LX.c.b_idx).in_(chunk),
                )
            )
            out += [_decode(dict(r._mapping)) for r in self.conn.execute(q)]
        return out


_JSON_COLUMNS = ("record", "state", "value")


def _encode(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: dumps(v) if k in _JSON_COLUMNS else v for k, v in row.items()}


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for k in _JSON_COLUMNS:
        if k in row and isinstance(row[k], str):
            row[k] = json.loads(row[k])
    return row


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    values = list(values)
    for i in range(0, len(values), _BATCH):
        yield values[i : i + _BATCH]
