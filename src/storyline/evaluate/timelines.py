"""Score storyline's entity timelines on SemEval-2015 Task 4 (TimeLine), Track A.

``evaluate_timelines(shared)`` ingests each corpus' 30 Wikinews documents (TimeML input, text
rebuilt from its tokens, publication date = the DCT) into a temporary SQLite store with the
real pipeline, links them (``link_pending``), reads the timeline through the product's own
view (``link.views.timeline_view``), and writes, for each target entity, the entries whose
actors include the linked entity of that name: same date → same order position, each entry's
sources as coreferent events named ``<docid>-<sentence>-<word form>``.

The metric reimplements the task's official scorer (the ``evaluation_tool`` package:
``evaluation_all.py`` → ``evaluation_timeline.py`` → TempEval-3's ``temporal_evaluation.py``
with ``relation_to_timegraph.py``, UzZaman & Allen's temporal awareness; read from the copy in
github.com/savac/cdeo, ``code/evaluation_tool/``, and the TempEval-3 scorer as carried by
github.com/jmarecek/ip-ensemble). Per timeline:

- lines are sorted by natural order of their text; lines with order 0 are left out;
- each distinct date is a time node; every event is SIMULTANEOUS with its date's node, and
  each event is BEFORE the next one in the list when its order is lower, else SIMULTANEOUS;
- system events take the gold event's id when their ``docid-sentence-word`` string matches
  (a repeated string takes the gold's next occurrence); system dates share the gold's time node
  when the strings are equal;
- each graph is reduced as the timegraph does: relations are added in order, and one already
  implied by the earlier ones leaves the reduced graph (a contradicted one stays in it but is
  not added to the graph);
- precision = system reduced relations found in the gold graph's closure (or among the gold's
  relations) / system reduced relations; recall the other way round; both micro-averaged over
  the target entities of a corpus (counts summed before dividing).

The closure here is exact point algebra over BEFORE/SIMULTANEOUS (the only relations a timeline
produces), where the timegraph walks chains; on these relations the two agree.
Diagnostics beside the score: gold event mentions (in timelines with a date) that any of our
events names, those that our timeline of the right entity holds, and of these how many got
the gold date.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.errors import ConfigError
from storyline.evaluate.timelines_data import (
    CORPORA,
    DATASET,
    TRIAL,
    TimelineCorpus,
    TimelineDoc,
    TimelineLine,
    read_corpus,
)

# The best Track A run of the shared task (Minard et al. 2015, abstract: "the best of which
# obtained an F1-score of 7.85 in the main track (timeline creation from raw text)").
OFFICIAL_BEST_F1 = 7.85
OFFICIAL_SOURCE = (
    "https://doi.org/10.18653/v1/S15-2132 (abstract; also https://cris.fbk.eu/handle/11582/300954)"
)

BEFORE = "BEFORE"
SIMULTANEOUS = "SIMULTANEOUS"
Relation = tuple[str, str, str]


# --- the metric --------------------------------------------------------------------------


@dataclass(slots=True)
class AwarenessCounts:
    """Temporal-awareness counts: matched / total reduced relations, system and gold side."""

    prec_matched: int = 0
    system_total: int = 0
    rec_matched: int = 0
    gold_total: int = 0

    def add(self, other: AwarenessCounts) -> None:
        """Add another timeline's counts (micro-averaging)."""
        self.prec_matched += other.prec_matched
        self.system_total += other.system_total
        self.rec_matched += other.rec_matched
        self.gold_total += other.gold_total

    @property
    def precision(self) -> float:
        """Return matched system relations / system relations."""
        return self.prec_matched / self.system_total if self.system_total else 0.0

    @property
    def recall(self) -> float:
        """Return matched gold relations / gold relations."""
        return self.rec_matched / self.gold_total if self.gold_total else 0.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _natural_key(text: str) -> list[int | str]:
    return [int(c) if c.isdigit() else c for c in re.split(r"(\d+)", text)]


def _placed(lines: Iterable[TimelineLine]) -> list[TimelineLine]:
    # The scorer sorts the raw lines "naturally" and skips order 0 (events not placed in time).
    return [ln for ln in sorted(lines, key=lambda ln: _natural_key(ln.raw())) if ln.order != 0]


@dataclass(slots=True)
class _GoldIds:
    """The gold graph's ids: event strings in order with their ids, and the time nodes."""

    events: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)


def gold_relations(lines: Iterable[TimelineLine]) -> tuple[list[Relation], _GoldIds]:
    """Return the gold timeline's TLINKs in the scorer's order, and the ids it gave."""
    ids = _GoldIds()
    events: list[tuple[str, int, str]] = []  # (event id, order, date)
    for ln in _placed(lines):
        if ln.date not in ids.times:
            ids.times.append(ln.date)
        for ev in ln.events:
            eid = f"ei{len(ids.events) + 1}"
            ids.events.append(ev)
            ids.ids.append(eid)
            events.append((eid, ln.order, ln.date))
    return _tlinks(events, {t: f"t{i}" for i, t in enumerate(ids.times)}), ids


def system_relations(lines: Iterable[TimelineLine], gold: _GoldIds) -> list[Relation]:
    """Return the system timeline's TLINKs, its events and dates named by the gold's ids."""
    next_tid = len(gold.times) + 1
    next_eid = len(gold.events) + 1
    tids: dict[str, str] = {}
    seen: list[str] = []
    events: list[tuple[str, int, str]] = []
    for ln in _placed(lines):
        if ln.date not in tids:
            if ln.date in gold.times:
                tids[ln.date] = f"t{gold.times.index(ln.date)}"
            else:
                tids[ln.date] = f"t{next_tid}"
                next_tid += 1
        for ev in ln.events:
            n_seen = seen.count(ev)
            if ev not in gold.events or n_seen >= gold.events.count(ev):
                eid = f"ei{next_eid}"
                next_eid += 1
            elif n_seen == 0:
                eid = gold.ids[gold.events.index(ev)]
            else:
                # As the scorer does: the first gold occurrence at or after (first + times seen).
                first = gold.events.index(ev)
                eid = gold.ids[gold.events.index(ev, first + n_seen)]
            seen.append(ev)
            events.append((eid, ln.order, ln.date))
    return _tlinks(events, tids)


def _tlinks(events: Sequence[tuple[str, int, str]], tids: Mapping[str, str]) -> list[Relation]:
    # Each event's date, then each event with the next one; the scorer keeps one order/date per
    # event id (a later duplicate overwrites an earlier one), so do the same.
    order = {eid: o for eid, o, _ in events}
    date = {eid: d for eid, _, d in events}
    out: list[Relation] = [(eid, tids[date[eid]], SIMULTANEOUS) for eid, _, _ in events]
    for (a, _, _), (b, _, _) in itertools.pairwise(events):
        out.append((a, b, BEFORE if order[a] < order[b] else SIMULTANEOUS))
    return out


class PointGraph:
    """Events and times as intervals: SIMULTANEOUS (one interval) and BEFORE (x ends before y starts)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.after: dict[str, set[str]] = defaultdict(set)  # node -> nodes it is BEFORE

    def __contains__(self, node: str) -> bool:
        return node in self.parent

    def find(self, node: str) -> str:
        """Return the representative of ``node``'s SIMULTANEOUS class."""
        self.parent.setdefault(node, node)
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def before(self, x: str, y: str) -> bool:
        """Return True when the closure says ``x`` is BEFORE ``y``."""
        target = self.find(y)
        members: dict[str, list[str]] = defaultdict(list)
        for n in self.parent:
            members[self.find(n)].append(n)
        stack, seen = [self.find(x)], set()
        while stack:
            cls = stack.pop()
            for n in members[cls]:
                for m in self.after.get(n, ()):
                    nxt = self.find(m)
                    if nxt == target:
                        return True
                    if nxt not in seen:
                        seen.add(nxt)
                        stack.append(nxt)
        return False

    def holds(self, x: str, y: str, rel: str) -> bool | None:
        """Return True (implied), False (contradicted) or None (unknown) for ``x rel y``."""
        if x not in self or y not in self:
            return None
        if rel == SIMULTANEOUS:
            if self.find(x) == self.find(y):
                return True
            return False if self.before(x, y) or self.before(y, x) else None
        if self.find(x) == self.find(y) or self.before(y, x):
            return False
        return True if self.before(x, y) else None

    def add(self, x: str, y: str, rel: str) -> None:
        """Add ``x rel y`` (the caller checked it is consistent)."""
        if rel == SIMULTANEOUS:
            self.parent[self.find(x)] = self.find(y)
        else:
            self.find(x), self.find(y)
            self.after[x].add(y)


def reduce_graph(relations: Iterable[Relation]) -> tuple[list[Relation], PointGraph]:
    """Return the reduced relations (the timegraph's ``final_relations``) and the graph."""
    graph = PointGraph()
    kept: list[Relation] = []
    seen: set[Relation] = set()
    for x, y, rel in relations:
        if (x, y, rel) in seen:
            continue
        seen.add((x, y, rel))
        if x == y:
            if rel != SIMULTANEOUS:
                kept.append((x, y, rel))  # a violation: counted, never added
            continue
        verdict = graph.holds(x, y, rel)
        if verdict is True:
            continue  # implied by what came before: not in the reduced graph
        kept.append((x, y, rel))
        if verdict is None:
            graph.add(x, y, rel)
    return kept, graph


def _matched(relations: Iterable[Relation], other: set[Relation], graph: PointGraph) -> int:
    n = 0
    for x, y, rel in relations:
        if (x, y, rel) in other or graph.holds(x, y, rel) is True:
            n += 1
    return n


def _with_reverses(relations: Iterable[Relation]) -> set[Relation]:
    out = set()
    for x, y, rel in relations:
        out.add((x, y, rel))
        out.add((y, x, "AFTER" if rel == BEFORE else rel))
    return out


def score_timeline(gold: Iterable[TimelineLine], system: Iterable[TimelineLine]) -> AwarenessCounts:
    """Return the temporal-awareness counts of one system timeline against its gold timeline."""
    g_rel, ids = gold_relations(gold)
    s_rel = system_relations(system, ids)
    g_red, g_graph = reduce_graph(g_rel)
    s_red, s_graph = reduce_graph(s_rel)
    return AwarenessCounts(
        prec_matched=_matched(s_red, _with_reverses(g_rel), g_graph),
        system_total=len(s_red),
        rec_matched=_matched(g_red, _with_reverses(s_rel), s_graph),
        gold_total=len(g_red),
    )


# --- our timelines -----------------------------------------------------------------------


def gold_date(value: str | None) -> str:
    """Return a storyline date value in the task's form ("2024-01" → "2024-01-XX")."""
    if not value:
        return "XXXX-XX-XX"
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", value)
    if m:
        return f"{m.group(1)}-{m.group(2) or 'XX'}-{m.group(3) or 'XX'}"
    m = re.match(r"^(\d{4})-W(\d{2})$", value)  # a week: its year is all the task can say
    return f"{m.group(1)}-XX-XX" if m else "XXXX-XX-XX"


def event_name(doc: TimelineDoc, span: Sequence[int], trigger: str | None = None) -> str | None:
    """Return ``<docid>-<sentence>-<word form>`` for an event: its trigger's first word within the span."""
    tokens = doc.tokens_in(span[0], span[1])
    if not tokens:
        return None
    # An event's span is its clause ("Boeing unveiled …"); the task names the trigger word.
    words = (trigger or "").split()
    head = next((t for t in tokens if words and t.text.lower() == words[0].lower()), tokens[0])
    return f"{doc.docid}-{head.sentence}-{head.text}"


def entity_matches(targets: Sequence[str], entities: Sequence[Mapping[str, Any]]) -> dict[str, set[str]]:
    """Return, per target entity, the linked entities named by it.

    An entity whose name or an alias is the target's name; failing that, one whose name is the
    target's last words with a capital or digit ("A380" for "Airbus A380"), the short form news
    use once the full name was given.
    """
    from storyline.analyze.gazetteer import fold

    out: dict[str, set[str]] = {}
    for t in targets:
        want = fold(t)
        exact = {
            e["id"] for e in entities if want in {fold(e["name"]), *(fold(a) for a in e.get("aliases", ()))}
        }
        if not exact:
            exact = {
                e["id"]
                for e in entities
                if len(e["name"]) > 2
                and any(c.isupper() or c.isdigit() for c in e["name"])
                and want.endswith(" " + fold(e["name"]))
            }
        out[t] = exact
    return out


def entity_timeline(
    entries: Sequence[Mapping[str, Any]], entity_ids: set[str], docs: Mapping[str, TimelineDoc]
) -> list[TimelineLine]:
    """Return the task-format lines of the entries one entity takes part in (same date → same order)."""
    lines: list[tuple[str, tuple[str, ...]]] = []
    for e in entries:  # already in date order
        if not any(a["entity"] in entity_ids for a in e["actors"]):
            continue
        names = []
        for src in e["sources"]:
            doc = docs.get(src["article"])
            if doc is None or not src.get("span"):
                continue
            name = event_name(doc, src["span"], src.get("trigger"))
            if name and name not in names:
                names.append(name)
        if names:
            lines.append((gold_date(e["date"]["value"]), tuple(names)))
    out: list[TimelineLine] = []
    order, last = 0, None
    for date, names in lines:
        if date != last:
            order, last = order + 1, date
        out.append(TimelineLine(order, date, names))
    return out


@dataclass(slots=True)
class CorpusResult:
    """The scores and diagnostics of one corpus."""

    name: str
    counts: AwarenessCounts = field(default_factory=AwarenessCounts)
    per_entity: dict[str, AwarenessCounts] = field(default_factory=dict)
    unmatched_targets: list[str] = field(default_factory=list)
    gold_mentions: int = 0  # event mentions on dated gold lines (order > 0)
    found_any: int = 0  # … that some event of ours names
    found_in_timeline: int = 0  # … that our timeline of that entity holds
    date_correct: int = 0  # … of those, with the gold's date
    system_mentions: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class TimelinesReport:
    """SemEval-2015 Task 4 Track A scores per corpus and overall."""

    corpora: list[CorpusResult] = field(default_factory=list)

    @property
    def total(self) -> AwarenessCounts:
        """Return the counts summed over every corpus (micro over all target entities)."""
        out = AwarenessCounts()
        for c in self.corpora:
            out.add(c.counts)
        return out

    def render(self) -> str:
        """Return the report as a plain-text table."""
        out = [
            "SemEval-2015 Task 4 TimeLine, Track A (temporal awareness, micro over target entities)",
            f"{'corpus':<10}{'P':>7}{'R':>7}{'F1':>7}  {'gold ev':>7}{'named':>7}{'in tl':>7}"
            f"{'date ok':>8}{'ours':>6}{'sec':>6}",
        ]
        for c in self.corpora:
            k = c.counts
            out.append(
                f"{c.name:<10}{100 * k.precision:7.2f}{100 * k.recall:7.2f}{100 * k.f1:7.2f}  "
                f"{c.gold_mentions:7d}{c.found_any:7d}{c.found_in_timeline:7d}{c.date_correct:8d}"
                f"{c.system_mentions:6d}{c.seconds:6.0f}"
            )
        t = self.total
        out.append(f"{'all':<10}{100 * t.precision:7.2f}{100 * t.recall:7.2f}{100 * t.f1:7.2f}")
        out.append(f"best official Track A run: F1 {OFFICIAL_BEST_F1:.2f} ({OFFICIAL_SOURCE})")
        missing = [t for c in self.corpora for t in c.unmatched_targets]
        if missing:
            out.append("targets with no linked entity: " + ", ".join(missing))
        return "\n".join(out)


_Built = tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, TimelineDoc], list[dict[str, Any]]]


def _system_timelines(corpus: TimelineCorpus, db: str) -> _Built:
    """Ingest, analyze and link the corpus; return (timeline entries, entities, docs by id, analyses)."""
    from storyline.analyze.pipeline import analyze_articles, shared_pipeline
    from storyline.analyze.record import analysis_fields
    from storyline.ids import article_id
    from storyline.link.linker import link_pending
    from storyline.link.views import entities_view, timeline_view
    from storyline.model import Article, Published
    from storyline.store.store import Store

    articles, originals = [], {}
    docs: dict[str, TimelineDoc] = {}
    for d in corpus.docs:
        url = f"https://en.wikinews.org/semeval2015-timeline/{d.docid}"
        original = d.text.encode("utf-8")
        aid = article_id(url, d.text)
        published = Published(d.dct[:10], "day", "meta") if d.dct else Published()
        articles.append(
            Article(
                id=aid,
                source=d.docid,
                text=d.text,
                url=url,
                title=d.title,
                language="en",
                published=published,
                original_sha256=hashlib.sha256(original).hexdigest(),
            )
        )
        originals[aid] = original
        docs[aid] = d
    analyses = [analysis_fields(a) for a in analyze_articles(articles, shared_pipeline())]
    with Store(db) as store:
        for article, fields in zip(articles, analyses, strict=True):
            store.add(article, originals[article.id], fields)
        link_pending(store, on_error="skip")
        with store.link_session() as s:
            entries = timeline_view(s)
            entities = entities_view(s)
    return entries, entities, docs, [dict(f, article=a.id) for a, f in zip(articles, analyses, strict=True)]


def score_corpus(corpus: TimelineCorpus, workdir: str) -> CorpusResult:
    """Build and score the timelines of one corpus (see module doc)."""
    started = time.perf_counter()
    result = CorpusResult(corpus.name)
    entries, entities, docs, analyses = _system_timelines(corpus, str(Path(workdir) / f"{corpus.name}.db"))
    named_any = {
        name
        for a in analyses
        for ev in a.get("events", ())
        if (name := event_name(docs[a["article"]], ev["span"], ev.get("trigger")))
    }
    matches = entity_matches(corpus.targets, entities)
    for target in corpus.targets:
        gold = corpus.gold_of(target)
        ids = matches.get(target, set())
        if not ids:
            result.unmatched_targets.append(target)
        system = entity_timeline(entries, ids, docs) if ids else []
        counts = score_timeline(gold.lines, system)
        result.per_entity[target] = counts
        result.counts.add(counts)
        ours = {ev: ln.date for ln in system for ev in ln.events}
        result.system_mentions += len(ours)
        for ln in gold.lines:
            if ln.order == 0:
                continue
            for ev in ln.events:
                result.gold_mentions += 1
                result.found_any += ev in named_any
                if ev in ours:
                    result.found_in_timeline += 1
                    result.date_correct += ours[ev] == ln.date
    result.seconds = time.perf_counter() - started
    return result


def evaluate_timelines(shared: Path, limit: int | None = None, corpus: str = "test") -> TimelinesReport:
    """Score storyline's entity timelines on Track A (``limit`` documents per corpus).

    ``corpus`` is "test" (corpora 1-3, the reported score) or "trial" (the Apple set, to tune on).
    """
    if corpus not in ("test", TRIAL):
        raise ConfigError("corpus", f"choose test or {TRIAL}, not {corpus!r}")
    if not (shared / DATASET).exists():
        raise ConfigError(str(shared / DATASET), "the SemEval-2015 TimeLine archive is missing")
    report = TimelinesReport()
    with tempfile.TemporaryDirectory(prefix="storyline-timelines-") as workdir:
        for n in (TRIAL,) if corpus == TRIAL else CORPORA:
            report.corpora.append(score_corpus(read_corpus(shared, n, limit), workdir))
    return report
