"""One benchmark system, run alone in this process: ``python -m storyline.evaluate.bench_child SPEC RESULT``.

``SPEC`` is a JSON object naming the system (a key of ``SYSTEMS``) and its
inputs; the measurement is written to the file ``RESULT`` as JSON (rewritten
at checkpoints, so a stopped run still reports how far it got). Imports, model
loading and input reading are setup; only the work itself is timed.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from storyline.evaluate.bench_data import bbc_texts, html_pages, word_count
from storyline.evaluate.bench_measure import Measurement, TreeSampler, status_kb

T = TypeVar("T")
CHUNK = 16  # the batch size of analyze_articles, used for ours and the bare model alike


class Reporter:
    """Times the work of one system and writes its measurement to the result file."""

    def __init__(self, system: str, result: Path, sampler: TreeSampler) -> None:
        self.system = system
        self.result = result
        self.sampler = sampler
        self.started = time.perf_counter()
        self.setup = 0.0
        self.wall0 = self.cpu0 = 0.0

    def ready(self) -> None:
        """Mark the end of setup and start the clock."""
        self.wall0, self.cpu0 = time.perf_counter(), _cpu()
        self.setup = self.wall0 - self.started

    def done(self, items: int, words: int, *, wall: float | None = None, cpu: float | None = None,
             error: str | None = None, **extra: Any) -> None:
        """Stop the clock (unless ``wall``/``cpu`` were timed by the caller) and write the result."""
        started = self.wall0 > 0  # a failure during setup has timed nothing
        elapsed = (time.perf_counter() - self.wall0 if started else 0.0) if wall is None else wall
        used = (_cpu() - self.cpu0 if started else 0.0) if cpu is None else cpu
        peak = max(self.sampler.sample(), self.sampler.peak_kb, status_kb().get("VmHWM", 0))
        m = Measurement(self.system, items, words, elapsed, used, self.setup, peak, extra, error)
        tmp = self.result.with_suffix(".tmp")
        tmp.write_text(json.dumps(m.to_json()), encoding="utf-8")
        tmp.replace(self.result)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    # Pool workers count once they have been waited for, which happens before a run returns.
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _texts(spec: dict[str, Any]) -> list[tuple[str, str]]:
    with open(spec["texts"], encoding="utf-8") as f:
        return [tuple(json.loads(line)) for line in f]  # type: ignore[misc]


# -- extract ----------------------------------------------------------------------


def extract_storyline(spec: dict[str, Any], rep: Reporter) -> None:
    """storyline's extract() on the real HTML pages."""
    from storyline.errors import StorylineError
    from storyline.extract import extract

    docs = _html_docs(spec)
    _warm(lambda: extract(docs[0]))  # one-off lazy loading (lexicons, date parser) is setup, not work
    rep.ready()
    words = failed = 0
    for doc in docs:
        try:
            words += word_count(extract(doc).text)
        except StorylineError:
            failed += 1
    rep.done(len(docs), words, failed=failed)


def extract_trafilatura(spec: dict[str, Any], rep: Reporter) -> None:
    """trafilatura.extract(html) with its defaults on the same pages."""
    import trafilatura

    pages = html_pages(Path(spec["shared"]), spec["limit"])
    _warm(lambda: trafilatura.extract(pages[0][2]))
    rep.ready()
    words = failed = 0
    for _, _, html in pages:
        text = trafilatura.extract(html)
        failed += not text
        words += word_count(text or "")
    rep.done(len(pages), words, failed=failed)


# -- analyze ----------------------------------------------------------------------


def _html_docs(spec: dict[str, Any]) -> list[Any]:
    from storyline.model import RawDocument

    pages = html_pages(Path(spec["shared"]), spec["limit"])
    return [RawDocument(source=name, content=html.encode("utf-8"), url=url, media_type="text/html",
                        charset="utf-8") for name, url, html in pages]


def _bbc_articles(spec: dict[str, Any]) -> list[Any]:
    from storyline.extract import extract
    from storyline.model import RawDocument

    texts = bbc_texts(Path(spec["shared"]), spec["limit"])
    return [extract(RawDocument(source=name, content=text.encode("utf-8"), url=None,
                                media_type="text/plain", charset="utf-8")) for name, text in texts]


def analyze_storyline(spec: dict[str, Any], rep: Reporter) -> None:
    """storyline's full analysis (build_pipeline + analyze_articles) on the BBC texts."""
    from storyline.analyze.pipeline import analyze_articles, build_pipeline

    articles = _bbc_articles(spec)
    nlp = build_pipeline()
    _warm(lambda: analyze_articles(articles[:1], nlp))
    rep.ready()
    crashes: list[dict[str, str]] = []
    for chunk in _chunks(articles, CHUNK):
        try:
            analyze_articles(chunk, nlp, batch_size=CHUNK)
        except Exception:
            # Find the article that broke the batch; report its id and traceback, go on with the rest.
            for article in chunk:
                try:
                    analyze_articles([article], nlp)
                except Exception:
                    crashes.append({"source": article.source, "traceback": traceback.format_exc(limit=6)})
    rep.done(len(articles), sum(word_count(a.text) for a in articles), crashes=crashes,
             pipes=list(nlp.pipe_names))


def spacy_pipe(spec: dict[str, Any], rep: Reporter) -> None:
    """The bare spaCy model (nlp.pipe) on the same texts: the ceiling for any spaCy-based analysis."""
    import spacy

    from storyline.analyze.pipeline import resolve_model

    texts = [t for _, t in _texts(spec)]
    nlp = spacy.load(resolve_model())
    n_process = int(spec.get("n_process", 1))
    if n_process == 1:  # with more, fresh worker processes start inside the timed part anyway
        _warm(lambda: list(nlp.pipe(texts[:1])))
    rep.ready()
    count = sum(1 for _ in nlp.pipe(texts, batch_size=CHUNK, n_process=n_process))
    rep.done(count, sum(word_count(t) for t in texts), pipes=list(nlp.pipe_names), n_process=n_process)


# -- quotes -----------------------------------------------------------------------


def quotes_storyline(spec: dict[str, Any], rep: Reporter) -> None:
    """storyline's entities + quotes components on parsed docs (the shared parse is not timed)."""
    from storyline.analyze.pipeline import build_pipeline, make_doc

    articles = _bbc_articles(spec)
    ours = ("storyline_entities", "storyline_quotes")
    nlp = build_pipeline(components=ours)
    pipes = [nlp.get_pipe(name) for name in ours if name in nlp.pipe_names]
    _warm(lambda: nlp(make_doc(articles[0], nlp)))
    rep.ready()
    wall = cpu = 0.0
    found = 0
    with nlp.select_pipes(disable=[p for p in ours if p in nlp.pipe_names]):
        for doc in nlp.pipe((make_doc(a, nlp) for a in articles), batch_size=CHUNK):
            w0, c0 = time.perf_counter(), time.process_time()
            for pipe in pipes:
                doc = pipe(doc)
            found += len(doc._.quotes or ())
            wall += time.perf_counter() - w0
            cpu += time.process_time() - c0
    rep.done(len(articles), sum(word_count(a.text) for a in articles), wall=wall, cpu=cpu, quotes=found,
             parse_seconds=time.perf_counter() - rep.wall0 - wall)


def quotes_textacy(spec: dict[str, Any], rep: Reporter) -> None:
    """textacy's direct_quotations on the same parsed texts (the shared parse is not timed)."""
    import spacy
    from textacy.extract.triples import direct_quotations

    from storyline.analyze.pipeline import resolve_model

    texts = [t for _, t in _texts(spec)]
    nlp = spacy.load(resolve_model())
    _warm(lambda: list(direct_quotations(nlp(texts[0]))))
    rep.ready()
    wall = cpu = 0.0
    found = refused = 0
    for doc in nlp.pipe(texts, batch_size=CHUNK):
        w0, c0 = time.perf_counter(), time.process_time()
        try:
            found += sum(1 for _ in direct_quotations(doc))
        except ValueError:  # textacy bails out of a text with unbalanced quote marks
            refused += 1
        wall += time.perf_counter() - w0
        cpu += time.process_time() - c0
    rep.done(len(texts), sum(word_count(t) for t in texts), wall=wall, cpu=cpu, quotes=found, failed=refused,
             parse_seconds=time.perf_counter() - rep.wall0 - wall)


# -- all in one -------------------------------------------------------------------


def allinone_storyline(spec: dict[str, Any], rep: Reporter) -> None:
    """storyline's extract + full analysis (runner.process_batch) on the real HTML pages."""
    from storyline.model import Article
    from storyline.runner import BATCH_SIZE, process_batch

    docs = _html_docs(spec)
    _warm(lambda: process_batch(docs[:1]))  # loads the model: setup, not work
    rep.ready()
    words = 0
    failures: list[dict[str, str]] = []
    for batch in _chunks(docs, BATCH_SIZE):
        for first, second in process_batch(batch):
            if isinstance(first, Article):
                words += word_count(first.text)
            else:
                failures.append({"source": str(first), "problem": str(second)[:300]})
    rep.done(len(docs), words, failed=len(failures), failures=failures[:20])


def allinone_newspaper(spec: dict[str, Any], rep: Reporter) -> None:
    """newspaper4k's Article.parse() on the same pages (its nlp() needs NLTK data downloaded at run time)."""
    import warnings

    # tldextract would fetch the public suffix list over the network on first use; keep its bundled copy.
    import tldextract.tldextract as tld

    tld.TLD_EXTRACTOR = tld.TLDExtract(suffix_list_urls=(), cache_dir=None)
    from newspaper import Article

    pages = html_pages(Path(spec["shared"]), spec["limit"])
    warnings.simplefilter("ignore")
    _warm(lambda: _newspaper_parse(Article, pages[0][1], pages[0][2]))
    rep.ready()
    words = 0
    failures: dict[str, int] = {}
    for _, url, html in pages:
        try:
            words += word_count(_newspaper_parse(Article, url, html))
        except Exception as err:  # a page newspaper4k cannot parse counts as a failure, not a crash
            failures[type(err).__name__] = failures.get(type(err).__name__, 0) + 1
    rep.done(len(pages), words, failed=sum(failures.values()), failures=failures)


def _newspaper_parse(article_class: Any, url: str | None, html: str) -> str:
    article = article_class(url or "https://example.invalid/", fetch_images=False)
    article.download(input_html=html)
    article.parse()
    return str(article.text or "")


def _warm(call: Callable[[], object]) -> None:
    """Run ``call`` once before timing, so one-off lazy loading counts as setup (a failure shows up later)."""
    with contextlib.suppress(Exception):
        call()


# -- ingest -----------------------------------------------------------------------


def _fresh_db(path: str) -> str:
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return path


def _db_bytes(path: str) -> int:
    return sum(os.path.getsize(path + s) for s in ("", "-wal", "-shm") if os.path.exists(path + s))


def ingest_storyline(spec: dict[str, Any], rep: Reporter) -> None:
    """runner.ingest into a fresh SQLite store (as `storyline ingest --workers N`), model load timed."""
    from storyline.runner import Outcome, ingest
    from storyline.store import open_store

    db = _fresh_db(spec["db"])
    store = open_store(db)
    workers = int(spec.get("workers", 1))
    checkpoints = sorted(int(n) for n in spec.get("checkpoints", ()))
    words_per_item = float(spec.get("words", 0)) / max(1, int(spec.get("items", 1)))
    points: list[dict[str, Any]] = []
    seen = 0

    def outcome(_: Outcome) -> None:
        nonlocal seen
        seen += 1
        if seen in checkpoints:
            points.append({"articles": seen, "seconds": time.perf_counter() - rep.wall0,
                           "cpu": _cpu() - rep.cpu0, "store_bytes": _db_bytes(db),
                           "rss_kb": rep.sampler.sample(), "peak_kb": rep.sampler.peak_kb})
            rep.done(seen, round(seen * words_per_item), checkpoints=points, partial=True)

    rep.ready()
    summary = ingest(spec["inputs"], store, workers=workers, on_outcome=outcome)
    store.close()
    counts = dict(summary.counts)
    failures = [{"source": f.document, "problem": (f.problem or "")[:300]} for f in summary.failures[:20]]
    rep.done(seen, int(spec.get("words", 0)), workers=workers, counts=counts, failures=failures,
             store_bytes=_db_bytes(db), checkpoints=points)


def link_storyline(spec: dict[str, Any], rep: Reporter) -> None:
    """link_pending over a copy of an ingested store, each article timed as it is linked."""
    import shutil

    from storyline.link.linker import link_pending
    from storyline.store import open_store

    db = _fresh_db(spec["db"])
    shutil.copyfile(spec["source_db"], db)  # setup: the ingested store stays unlinked for reruns
    store = open_store(db)
    checkpoints = sorted(int(n) for n in spec.get("checkpoints", ()))
    window = int(spec.get("window", 100))
    marks: list[tuple[float, float]] = []  # (wall, cpu) when each article's links were committed
    points: list[dict[str, Any]] = []

    def linked(_: str) -> None:
        marks.append((time.perf_counter(), time.process_time()))
        n = len(marks)
        if n in checkpoints:
            last = marks[max(0, n - window - 1) :]
            span = max(1, len(last) - 1)
            points.append({"articles": n, "seconds": marks[-1][0] - rep.wall0, "cpu": _cpu() - rep.cpu0,
                           "window": span, "window_ms": (last[-1][0] - last[0][0]) / span * 1000,
                           "window_cpu_ms": (last[-1][1] - last[0][1]) / span * 1000,
                           "store_bytes": _db_bytes(db), "rss_kb": rep.sampler.sample(),
                           "peak_kb": rep.sampler.peak_kb})
            rep.done(n, 0, checkpoints=points, partial=True)

    rep.ready()
    report = link_pending(store, on_linked=linked)
    store.close()
    rep.done(report.linked, int(spec.get("words", 0)), checkpoints=points, store_bytes=_db_bytes(db),
             counts={"entities": report.entities, "series": report.series, "findings": report.findings,
                     "stories": report.stories}, failed=len(report.failed))


SYSTEMS: dict[str, Callable[[dict[str, Any], Reporter], None]] = {
    "extract.storyline": extract_storyline,
    "extract.trafilatura": extract_trafilatura,
    "analyze.storyline": analyze_storyline,
    "spacy.pipe": spacy_pipe,
    "quotes.storyline": quotes_storyline,
    "quotes.textacy": quotes_textacy,
    "allinone.storyline": allinone_storyline,
    "allinone.newspaper": allinone_newspaper,
    "ingest.storyline": ingest_storyline,
    "link.storyline": link_storyline,
}


def main(argv: Sequence[str]) -> int:
    """Run the system a JSON spec names and write its measurement; return the exit code."""
    spec = json.loads(argv[1])
    result = Path(argv[2])
    with TreeSampler() as sampler:
        rep = Reporter(spec["system"], result, sampler)
        try:
            SYSTEMS[spec["system"]](spec, rep)
        except Exception:
            problem = traceback.format_exc(limit=8)
            if result.is_file():  # keep the checkpoints reached before the crash
                partial = Measurement.from_json(json.loads(result.read_text(encoding="utf-8")))
                rep.done(partial.items, partial.words, error=problem, **partial.extra)
            else:
                rep.done(0, 0, error=problem)
            print(problem, file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
