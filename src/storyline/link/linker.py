"""The incremental link driver: link every stored article version that is not linked yet.

>>> from storyline.store import open_store
>>> with open_store("storyline.db") as store:
...     report = link_pending(store)        # LinkReport(linked=3, …)

Each article is linked in its own write transaction, reading only what it needs: the
global entities its names and roles point at, the series its figures measure, the events
that share its events' actors and months, the stories the clusterer shortlists. Its own
rows are written once; the shared aggregates (entity profiles, story states, term counts)
are updated. So linking the 1,001st article costs about what linking the 10th did, and a
crash leaves every article either linked or not. A new version of a linked article is
relinked: its old rows go, its new ones come; its story stays.

Articles are linked in publication order (undated last, then by id), as ``cluster`` orders
them, so one batch gives the same result however its articles were ingested.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from storyline.analyze.names import name_parts
from storyline.errors import StorylineError
from storyline.ids import digest
from storyline.link.entities import (
    PERSON,
    LocalEntity,
    Profile,
    choose,
    display_name,
    display_type,
    entity_keys,
    joined,
    new_record,
    role_key,
    role_phrase,
    source_entity,
)
from storyline.link.measures import PersonMention, measure_of
from storyline.link.series import as_of_interval, findings, point_bounds
from storyline.link.stances import topic_key
from storyline.link.stories import STATE_VERSION, TOPIC_SETTINGS, StoryClusterer, StoryDoc, StorySettings
from storyline.link.timelines import choose_entry, event_months
from storyline.link.vectors import term_frequencies
from storyline.link.words import LinkData, load_link_data
from storyline.store import Store
from storyline.store.links import ArticleInput, LinkSession, PendingVersion, schema
from storyline.store.migrations import now

# A speaker named only by office ("Israel's defence minister") is the one holder of that office
# seen within this many days of the article.
ROLE_WINDOW_DAYS = 180
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# link_meta name set once the figures of a store carry their bound columns (migration 0005).
FIGURE_BOUNDS = "figure_bounds"
OnError = Literal["raise", "skip"]


# A developing news story runs for weeks with changing wording (talks, then a visit, then a
# conference): the coarser, topic-level clustering fits it better than single-event stories.
NEWS_SETTINGS = TOPIC_SETTINGS

@dataclass(frozen=True, slots=True)
class LinkReport:
    """What one linking run did."""

    linked: int = 0
    relinked: int = 0
    entities: int = 0
    series: int = 0
    findings: int = 0
    stories: int = 0
    seconds: float = 0.0
    failed: tuple[str, ...] = ()


@dataclass(slots=True)
class _Counts:
    entities: int = 0
    series: int = 0
    findings: int = 0
    stories: int = 0


@dataclass(slots=True)
class Linker:
    """Links the articles of one store incrementally; keeps the story clusterer between articles.

    >>> linker = Linker(store)
    >>> linker.link_pending().linked
    3
    """

    store: Store
    data: LinkData = field(default_factory=load_link_data)
    settings: StorySettings | None = None
    _clusterer: StoryClusterer | None = None
    _marks: dict[str, tuple[int, int]] = field(default_factory=dict)

    def link_pending(
        self, on_error: OnError = "raise", on_linked: Callable[[str], None] | None = None
    ) -> LinkReport:
        """Link every article whose current analyzed version is not linked yet; say what was done.

        ``on_linked`` is called with each article id once its links are committed (for progress
        and for measuring the cost of each article).
        """
        started = time.perf_counter()
        if self.settings is not None:
            with self.store.link_session(write=True) as s:
                self._load_clusterer(s)  # settings other than the stored ones: re-cluster now
        with self.store.link_session() as s:
            pending = sorted(s.pending(), key=_link_order)
            bounded = s.meta(FIGURE_BOUNDS) is not None
        if not bounded:
            with self.store.link_session(write=True) as s:
                _bound_figures(s)
        total = _Counts()
        linked = relinked = 0
        failed: list[str] = []
        for p in pending:
            try:
                with self.store.link_session(write=True) as s:
                    counts = self._link(s, p)
            except (StorylineError, ValueError, KeyError, TypeError) as err:
                self._clusterer = None  # its state may be ahead of what was committed: reload
                if on_error == "raise":
                    raise
                failed.append(f"{p.article_id}: {err}")
                continue
            linked += 1
            relinked += int(p.relink)
            if on_linked is not None:
                on_linked(p.article_id)
            for name in ("entities", "series", "findings", "stories"):
                setattr(total, name, getattr(total, name) + getattr(counts, name))
        return LinkReport(
            linked,
            relinked,
            total.entities,
            total.series,
            total.findings,
            total.stories,
            round(time.perf_counter() - started, 3),
            tuple(failed),
        )

    # -- one article ---------------------------------------------------------------------

    def _link(self, s: LinkSession, p: PendingVersion) -> _Counts:
        clusterer = self._load_clusterer(s)
        if p.relink:
            s.forget_article(p.article_id)
        a = s.article_input(p.version_id)
        if a is None:
            raise KeyError(f"article version {p.version_id} has no analysis")
        counts = _Counts()
        day, day_end, dated = article_days(a)
        ctx = _Article(a, day, [LocalEntity.from_record(e) for e in a.analysis.get("entities") or ()])
        self._entities(s, ctx, counts)
        self._quotes(s, ctx)
        self._figures(s, ctx, counts)
        self._events(s, ctx)
        self._stances(s, ctx)
        story_id = self._story(s, ctx, clusterer, counts)
        s.mark_analysis(a.article_id, a.versions)
        s.insert(
            schema.link_articles,
            [
                {
                    "article_id": a.article_id,
                    "version_id": a.version_id,
                    "seq": s.next_seq(schema.link_articles),
                    "day": day,
                    "day_end": day_end,
                    "dated": int(dated),
                    "story_id": story_id,
                    "linked_at": now(),
                }
            ],
        )
        return counts

    def _entities(self, s: LinkSession, ctx: _Article, counts: _Counts) -> None:
        data = self.data
        keys = {e.id: entity_keys(e, data) for e in ctx.locals}
        keyed = s.keyed({k for ks in keys.values() for k in ks.lookup})
        ids_by_key: dict[str, list[str]] = {}
        for key, entity_id in keyed:
            ids_by_key.setdefault(key, []).append(entity_id)
        profiles = {
            r["id"]: _profile(r)
            for r in s.rows_in(schema.link_entities, "id", {i for ids in ids_by_key.values() for i in ids})
        }
        claimed: set[str] = set()
        key_rows: list[tuple[str, str, str, str]] = []
        members = []
        # Full names first: they are surer, and a lone surname then sees who is already named.
        order = sorted(ctx.locals, key=lambda e: e.type == PERSON and len(name_parts(e.name)) < 2)
        for e in order:
            k = keys[e.id]
            candidates = [profiles[i] for key in k.lookup for i in ids_by_key.get(key, ()) if i in profiles]
            gid = choose(
                e,
                k,
                list({c.id: c for c in candidates}.values()),
                claimed if k.kind == "person" else (),
                data,
            )
            if gid is None:
                gid = digest("entity", k.kind, k.primary)
                if gid in profiles or s.rows(schema.link_entities, id=gid):
                    gid = digest("entity", k.kind, k.primary, ctx.a.article_id, e.id)
                record = joined(new_record(), e, k, data)
                row = {
                    "id": gid,
                    "seq": s.next_seq(schema.link_entities),
                    "kind": k.kind,
                    "type": display_type(record),
                    "name": display_name(record, k.kind),
                    "record": record,
                }
                s.insert(schema.link_entities, [row])
                counts.entities += 1
            else:
                old = profiles[gid]
                record = joined(old.record, e, k, data)
                row = {
                    "id": gid,
                    "seq": old.seq,
                    "kind": old.kind,
                    "type": display_type(record),
                    "name": display_name(record, old.kind),
                    "record": record,
                }
                s.update(
                    schema.link_entities,
                    {"id": gid},
                    {"type": row["type"], "name": row["name"], "record": record},
                )
            profiles[gid] = _profile(row)
            for key in k.lookup:
                ids_by_key.setdefault(key, [])
                if gid not in ids_by_key[key]:
                    ids_by_key[key].append(gid)
            if k.kind == "person":
                claimed.add(gid)
            ctx.mapping[e.id] = gid
            key_rows += [(key, gid, ctx.a.article_id, ctx.day) for key in k.lookup]
            for title, of, _ in e.roles:
                rk = role_key(title, of, data)
                if rk and of:
                    key_rows.append((rk, gid, ctx.a.article_id, ctx.day))
            members.append(
                {
                    "article_id": ctx.a.article_id,
                    "local_id": e.id,
                    "entity_id": gid,
                    "record": {
                        "name": e.name,
                        "type": e.type,
                        "day": ctx.day,
                        "roles": [
                            {"title": t, "of": o, "span": list(sp) if sp else None} for t, o, sp in e.roles
                        ],
                        "mentions": [{"span": list(sp), "text": t} for sp, t in e.mentions],
                    },
                }
            )
        s.put_keys(key_rows)
        s.insert(schema.link_members, members)
        ctx.names = {gid: p.name for gid, p in profiles.items()}

    def _quotes(self, s: LinkSession, ctx: _Article) -> None:
        rows = []
        for idx, q in enumerate(ctx.a.analysis.get("quotes") or ()):
            speaker = q.get("speaker") or {}
            gid = ctx.mapping.get(speaker.get("entity") or "")
            via = "entity" if gid else None
            if gid is None and speaker.get("name"):
                gid = self._holder(s, speaker["name"], ctx.day)
                via = "role" if gid else None
            rows.append(
                {
                    "article_id": ctx.a.article_id,
                    "idx": idx,
                    "speaker_entity": gid,
                    "record": {
                        "article": ctx.a.article_id,
                        "idx": idx,
                        "span": q.get("span"),
                        "text": q.get("text"),
                        "kind": q.get("kind"),
                        "cue": q.get("cue"),
                        "confidence": q.get("confidence"),
                        "speaker": {
                            "name": speaker.get("name"),
                            "span": speaker.get("span"),
                            "entity": gid,
                            "via": via,
                        },
                        "day": ctx.day,
                        "outlet": ctx.a.outlet,
                    },
                }
            )
        s.insert(schema.link_quotes, rows)

    def _holder(self, s: LinkSession, name: str, day: str) -> str | None:
        """Return the one entity holding the office ``name`` describes around ``day``, if exactly one."""
        phrase = role_phrase(name, self.data)
        if phrase is None:
            return None
        key = role_key(phrase[0], phrase[1], self.data)
        if key is None:
            return None
        when = date.fromisoformat(day)
        window = timedelta(days=ROLE_WINDOW_DAYS)
        holders = s.keyed_between(key, (when - window).isoformat(), (when + window).isoformat())
        return holders.pop() if len(holders) == 1 else None

    def _figures(self, s: LinkSession, ctx: _Article, counts: _Counts) -> None:
        people = [
            PersonMention(sp[0], sp[1], ctx.mapping[e.id], ctx.names.get(ctx.mapping[e.id], e.name))
            for e in ctx.locals
            if e.type == PERSON and e.id in ctx.mapping
            for sp, _ in e.mentions
        ]
        series_known: dict[str, Any] = {}
        for idx, f in enumerate(ctx.a.analysis.get("figures") or ()):
            source = f.get("source") or None
            if source:
                local = source.get("entity") or source_entity(source.get("name") or "", ctx.locals, self.data)
                source = {
                    "name": source.get("name"),
                    "span": source.get("span"),
                    "entity": ctx.mapping.get(local or ""),
                }
            measure = measure_of(f, ctx.a.text, people, self.data, ctx.names)
            point: dict[str, Any] = {
                "article": ctx.a.article_id,
                "idx": idx,
                "span": f.get("span"),
                "text": f.get("text"),
                "value": f.get("value"),
                "low": f.get("low"),
                "high": f.get("high"),
                "qualifier": f.get("qualifier"),
                "what": f.get("what"),
                "where": f.get("where"),
                "since": f.get("since"),
                "as_of": f.get("as_of"),
                "ordinal": bool(f.get("ordinal")),
                "source": source,
                "outlet": ctx.a.outlet,
                "day": ctx.day,
                "actor": measure.actor if measure else None,
                "series": measure.id if measure else None,
            }
            columns = point_bounds(point)
            if measure is not None:
                sid = measure.id
                if sid not in series_known:
                    existing = s.rows(schema.link_series, id=sid)
                    if not existing:
                        s.insert(
                            schema.link_series,
                            [
                                {
                                    "id": sid,
                                    "seq": s.next_seq(schema.link_series),
                                    "base": measure.key,
                                    "record": measure.to_dict(),
                                }
                            ],
                        )
                        counts.series += 1
                    series_known[sid] = True
                found = {f.id: f for f in findings(point, _apart(s, sid, columns, measure.cumulative),
                                                      sid, measure.cumulative)}
                rows = [f.to_row(ctx.day) for f in found.values()]
                known = {r["id"] for r in s.rows_in(schema.link_findings, "id", found)}
                rows = [r for r in rows if r["id"] not in known]
                s.insert(schema.link_findings, rows)
                counts.findings += len(rows)
            s.insert(
                schema.link_figures,
                [{"article_id": ctx.a.article_id, "idx": idx, "series_id": point["series"], "record": point,
                  **columns}],
            )

    def _events(self, s: LinkSession, ctx: _Article) -> None:
        for idx, ev in enumerate(ctx.a.analysis.get("events") or ()):
            actors = []
            for actor in ev.get("actors") or ():
                if isinstance(actor, Mapping):
                    actors.append(
                        {"entity": ctx.mapping.get(actor.get("entity") or ""), "name": actor.get("name")}
                    )
                else:
                    actors.append({"entity": ctx.mapping.get(str(actor)), "name": str(actor)})
            when = ev.get("date") or {}
            record = {
                "article": ctx.a.article_id,
                "idx": idx,
                "span": ev.get("span"),
                "type": ev.get("type"),
                "trigger": ev.get("trigger"),
                "date": {"value": when.get("value"), "precision": when.get("precision")},
                "actors": actors,
                "where": ev.get("where"),
                "where_key": self.data.place_key(ev.get("where")),
                "plover": ev.get("plover"),
                "outlet": ctx.a.outlet,
                "day": ctx.day,
            }
            month, months = event_months(when.get("value"))
            entry = None
            if month is not None:
                ids = sorted({a["entity"] for a in actors if a["entity"]})
                entry = choose_entry(record, s.event_candidates(str(ev.get("type")), months, ids))
            entry = entry or digest("event", ctx.a.article_id, str(idx))
            s.insert(
                schema.link_events,
                [
                    {
                        "article_id": ctx.a.article_id,
                        "idx": idx,
                        "entry_id": entry,
                        "type": str(ev.get("type")),
                        "month": month,
                        "record": record,
                    }
                ],
            )
            s.insert(
                schema.link_event_actors,
                [
                    {"entity_id": gid, "article_id": ctx.a.article_id, "idx": idx}
                    for gid in sorted({a["entity"] for a in actors if a["entity"]})
                ],
            )

    def _stances(self, s: LinkSession, ctx: _Article) -> None:
        places = {
            self.data.place_key(t) or ""
            for e in ctx.locals
            if e.type in PLACE_TYPES
            for t in (e.name, *(m for _, m in e.mentions))
        }
        rows = []
        for idx, st in enumerate(ctx.a.analysis.get("stances") or ()):
            span = st.get("span") or [0, 0]
            gid = ctx.mapping.get(st.get("entity") or "")
            topic = str(st.get("topic") or "")
            rows.append(
                {
                    "article_id": ctx.a.article_id,
                    "idx": idx,
                    "entity_id": gid,
                    "topic_key": topic_key(topic, places, self.data),
                    "record": {
                        "article": ctx.a.article_id,
                        "idx": idx,
                        "span": span,
                        "text": ctx.a.text[span[0] : span[1]],
                        "actor": st.get("actor"),
                        "entity": gid,
                        "topic": topic,
                        "stance": st.get("stance"),
                        "day": ctx.day,
                        "outlet": ctx.a.outlet,
                    },
                }
            )
        s.insert(schema.link_stances, rows)

    # -- stories -------------------------------------------------------------------------

    def _load_clusterer(self, s: LinkSession) -> StoryClusterer:
        meta = s.meta("stories")
        if (
            self._clusterer is not None
            and meta is not None
            and (meta.get("documents"), meta.get("next_seq"))
            == (self._clusterer.frequencies.documents, self._clusterer.next_seq)
        ):
            return self._clusterer  # nobody else linked since: the state in memory is the stored one
        clusterer = None
        if meta is None:
            clusterer = StoryClusterer(settings=self.settings or NEWS_SETTINGS)
        elif self.settings is None or meta.get("settings") == self.settings.to_dict():
            states = sorted((r["state"] for r in s.rows(schema.link_stories)), key=lambda st: st["seq"])
            try:
                clusterer = StoryClusterer.from_dict({**meta, "frequencies": s.terms(), "stories": states})
            except (StorylineError, TypeError, KeyError, ValueError):
                clusterer = None  # a state from another clusterer version or settings: cluster anew
        if clusterer is None:
            clusterer = self._recluster(
                s,
                StorySettings(**meta["settings"])
                if self.settings is None and meta and _settings_fit(meta["settings"])
                else self.settings or NEWS_SETTINGS,
            )
        self._clusterer = clusterer
        self._marks = {sid: (st.weighed_at, st.size) for sid, st in clusterer.stories_by_id.items()}
        return clusterer

    def _recluster(self, s: LinkSession, settings: StorySettings) -> StoryClusterer:
        """Cluster every linked article again in link order and store the new stories (rare: O(articles))."""
        clusterer = StoryClusterer(settings=settings)
        articles = s.article_meta()
        texts = s.texts([a["version_id"] for a in articles])
        entities: dict[str, set[str]] = {}
        for m in s.rows(schema.link_members):
            entities.setdefault(m["article_id"], set()).add(m["entity_id"])
        for a in articles:
            published = date.fromisoformat(a["day"]) if a["dated"] else None
            doc = StoryDoc(
                a["article_id"],
                texts[a["version_id"]],
                a["title"],
                published,
                tuple(sorted(entities.get(a["article_id"], ()))),
            )
            clusterer.assign(doc)
        s.delete_stories([r["id"] for r in s.rows(schema.link_stories)])
        s.put_story_states([st.to_dict() for st in clusterer.stories_by_id.values()])
        s.put_terms(dict(clusterer.frequencies.counts))
        for story in clusterer.stories():
            s.set_story(list(story.members), story.id)
        self._put_meta(s, clusterer)
        return clusterer

    def _put_meta(self, s: LinkSession, clusterer: StoryClusterer) -> None:
        s.put_meta(
            "stories",
            {
                "version": STATE_VERSION,
                "settings": clusterer.settings.to_dict(),
                "documents": clusterer.frequencies.documents,
                "next_seq": clusterer.next_seq,
            },
        )

    def _story(self, s: LinkSession, ctx: _Article, clusterer: StoryClusterer, counts: _Counts) -> str:
        a = ctx.a
        published = date.fromisoformat(ctx.day) if ctx.dated else None
        doc = StoryDoc(a.article_id, a.text, a.title, published, tuple(sorted(set(ctx.mapping.values()))))
        new_doc = a.article_id not in clusterer.member_story
        assignment = clusterer.assign(doc)
        counts.stories += int(assignment.new)
        merged = tuple(
            getattr(assignment, "merged", ())
        )  # stories this article bridged, if the clusterer merges
        if merged:
            s.set_story(s.articles_of_stories(list(merged)), assignment.story_id)
        stories = clusterer.stories_by_id
        gone = [sid for sid in self._marks if sid not in stories]
        changed = [
            st.to_dict() for sid, st in stories.items() if self._marks.get(sid) != (st.weighed_at, st.size)
        ]
        s.delete_stories(gone)
        s.put_story_states(changed)
        self._marks = {sid: (st.weighed_at, st.size) for sid, st in stories.items()}
        if new_doc:
            st = clusterer.settings
            terms = term_frequencies(a.title, a.text, clusterer.stopwords, st.title_weight, st.name_weight)
            s.put_terms(
                {t: clusterer.frequencies.counts[t] for t in terms if t in clusterer.frequencies.counts}
            )
        self._put_meta(s, clusterer)
        return assignment.story_id


@dataclass(slots=True)
class _Article:
    """One article being linked: its input, dates, local entities and their global ids."""

    a: ArticleInput
    day: str
    locals: list[LocalEntity]
    mapping: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    @property
    def dated(self) -> bool:
        """Return True when the article has a publication date."""
        return article_days(self.a)[2]


def article_days(a: ArticleInput) -> tuple[str, str, bool]:
    """Return (first day, last day, dated) of an article: its publication date, else its ingestion day."""
    interval = as_of_interval(
        (a.published or "")[:10] if a.published and len(a.published) > 10 else a.published
    )
    if interval is not None:
        return interval[0].isoformat(), interval[1].isoformat(), True
    day = (a.ingested_at or "")[:10] or "1970-01-01"
    return day, day, False


def link_pending(
    store: Store,
    on_error: OnError = "raise",
    settings: StorySettings | None = None,
    on_linked: Callable[[str], None] | None = None,
) -> LinkReport:
    """Link every stored article version not linked yet (incrementally); return what was done.

    ``settings`` chooses the story clustering (default: the clusterer's own, or those the store
    was linked with); settings other than the stored ones re-cluster the linked articles once.
    """
    return Linker(store, settings=settings).link_pending(on_error, on_linked)


def _bound_figures(s: LinkSession) -> None:
    """Fill in the bound columns of figures linked before migration 0005, once per store."""
    for article_id, idx, record in s.figure_records():
        s.set_figure_bounds(article_id, idx, point_bounds(record))
    s.put_meta(FIGURE_BOUNDS, 1)


def _apart(
    s: LinkSession, series_id: str, columns: Mapping[str, Any], cumulative: bool
) -> list[dict[str, Any]]:
    """Return the points of a series a new point with bound ``columns`` could contradict or fall against."""
    if columns["low_bound"] is None:
        return []
    return s.series_points_apart(series_id, columns["as_of_first"], columns["as_of_last"],
                                 columns["low_bound"], columns["high_bound"], cumulative)


def _settings_fit(settings: Mapping[str, Any]) -> bool:
    known = set(StorySettings.__dataclass_fields__)
    return set(settings) <= known


def _link_order(p: PendingVersion) -> tuple[bool, str, str]:
    return (p.published is None, p.published or "", p.article_id)


def _profile(row: Mapping[str, Any]) -> Profile:
    return Profile(row["id"], int(row["seq"]), row["kind"], row["type"], row["name"], row["record"])
