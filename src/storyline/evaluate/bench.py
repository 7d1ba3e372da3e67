"""Benchmark storyline's stages side by side with the tools a user would otherwise pick.

``run_benchmarks(shared, out)`` runs every row below, each system in its own
fresh Python process on the same inputs, and returns a ``BenchReport`` whose
``render_markdown()`` is ``docs/benchmarks.md``::

    report = run_benchmarks(Path("../shared"), Path("out/bench"), quick=True)
    Path("docs/benchmarks.md").write_text(report.render_markdown())

Rows: ``extract`` (vs trafilatura), ``analyze`` (vs the bare spaCy model),
``quotes`` (vs textacy), ``allinone`` (vs newspaper4k), ``ingest`` (end to end
into SQLite, 1 and 2 workers), ``scaling`` (1k/5k/20k articles) and ``link``
(the cost of linking one more article as the store grows). ``out`` is a work
folder for generated inputs and stores.
From a checkout: ``python -m storyline.evaluate.bench [--quick] [--rows ...]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from storyline.errors import ConfigError
from storyline.evaluate.bench_data import (
    bbc_texts,
    datasets_present,
    replica,
    write_bbc_folder,
    write_replicated_jsonl,
)
from storyline.evaluate.bench_measure import Measurement, load_average, machine_facts, now, run_child

ROWS = ("extract", "analyze", "quotes", "allinone", "ingest", "scaling", "link")
ROW_TITLES = {
    "extract": "extract",
    "analyze": "analyze",
    "quotes": "quotes alone",
    "allinone": "all-in-one",
    "ingest": "end to end",
    "scaling": "scaling",
    "link": "link",
}


@dataclass(frozen=True, slots=True)
class Sizes:
    """How much input each row gets (None: the whole set)."""

    pages: int | None  # HTML pages per extraction set
    bbc: int | None  # BBC texts for analyze and ingest
    quotes: int | None  # BBC texts for the quotes row
    checkpoints: tuple[int, ...]  # store sizes at which scaling is read
    scale_workers: int
    timeout: float | None  # per system, seconds


FULL = Sizes(pages=None, bbc=None, quotes=500, checkpoints=(1000, 5000, 20000), scale_workers=2, timeout=None)
QUICK = Sizes(pages=2, bbc=6, quotes=6, checkpoints=(4, 8, 16), scale_workers=1, timeout=300)


@dataclass(frozen=True, slots=True)
class BenchLine:
    """One measured system in a row, with the baseline system it is compared to (if any)."""

    row: str
    label: str
    measurement: Measurement | None = None
    baseline: Measurement | None = None
    note: str = ""
    load: tuple[float, float, float] | None = None
    measured: str = ""  # when the run that measured this line started

    @property
    def ratio_wall(self) -> float | None:
        """Return this system's throughput over its baseline's, per wall-clock second."""
        m, b = self.measurement, self.baseline
        if m is None or b is None or not m.per_second or not b.per_second:
            return None
        return m.per_second / b.per_second

    @property
    def ratio_cpu(self) -> float | None:
        """Return this system's throughput over its baseline's, per CPU second."""
        m, b = self.measurement, self.baseline
        if m is None or b is None or not m.per_cpu_second or not b.per_cpu_second:
            return None
        return m.per_cpu_second / b.per_cpu_second


@dataclass(slots=True)
class BenchReport:
    """Every row's measurements, the machine they ran on, and how to read them."""

    facts: list[tuple[str, str]]
    lines: list[BenchLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    started: str = ""
    seconds: float = 0.0
    quick: bool = False
    inputs: list[tuple[str, str]] = field(default_factory=list)

    def rows(self) -> list[str]:
        """Return the row names present, in table order."""
        return [r for r in ROWS if any(line.row == r for line in self.lines)]

    def line(self, row: str, label_start: str = "") -> BenchLine:
        """Return the first line of ``row`` whose label starts with ``label_start``."""
        for line in self.lines:
            if line.row == row and line.label.startswith(label_start):
                return line
        raise KeyError(f"{row}: {label_start}")

    def to_json(self) -> dict[str, Any]:
        """Return the raw measurements as JSON-ready data (for comparing runs, or rendering again)."""
        return {
            "started": self.started, "seconds": self.seconds, "quick": self.quick, "facts": self.facts,
            "notes": self.notes, "inputs": self.inputs,
            "lines": [{"row": x.row, "label": x.label, "note": x.note, "load": x.load, "measured": x.measured,
                       "measurement": x.measurement.to_json() if x.measurement else None,
                       "baseline": x.baseline.to_json() if x.baseline else None} for x in self.lines],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BenchReport:
        """Rebuild a report from ``to_json`` output."""

        def m(d: dict[str, Any] | None) -> Measurement | None:
            return Measurement.from_json(d) if d else None

        lines = [BenchLine(x["row"], x["label"], m(x["measurement"]), m(x["baseline"]), x["note"],
                           tuple(x["load"]) if x["load"] else None, x.get("measured") or data["started"])
                 for x in data["lines"]]
        return cls([(k, v) for k, v in data["facts"]], lines, list(data.get("notes", ())), data["started"],
                   data["seconds"], data["quick"], [(k, v) for k, v in data.get("inputs", ())])

    def render_markdown(self) -> str:
        """Return the report as the Markdown of docs/benchmarks.md."""
        from storyline.evaluate.bench_render import render

        return render(self)


# -- running ---------------------------------------------------------------------------


class _Runner:
    """Runs systems in fresh processes, once per distinct spec, and prepares their inputs."""

    def __init__(self, shared: Path, out: Path, sizes: Sizes) -> None:
        self.shared, self.out, self.sizes = shared, out, sizes
        self.cache: dict[str, tuple[Measurement, tuple[float, float, float] | None]] = {}
        self.texts_files: dict[int | None, tuple[Path, int, int]] = {}
        self.planned: dict[str, dict[str, Any]] = {}
        self.planning = False

    def measure(self, system: str, **spec: Any) -> tuple[Measurement, tuple[float, float, float] | None]:
        """Return the measurement of ``system`` on ``spec`` (while planning: note it, return a blank)."""
        full = {"system": system, "shared": str(self.shared), "work": str(self.out), **spec}
        key = json.dumps(full, sort_keys=True)
        if self.planning:
            self.planned.setdefault(key, full)
            return Measurement(system), None
        if key not in self.cache:
            self._run(key, full)
        return self.cache[key]

    def execute(self, parallel: int) -> None:
        """Run every planned system, ``parallel`` at a time (1 for real measurements)."""
        todo = [(k, spec) for k, spec in self.planned.items() if k not in self.cache]
        if parallel <= 1:
            for key, spec in todo:
                self._run(key, spec)
            return
        # Linking reads the store an ingest writes: those runs wait for every other one.
        for wave in ([x for x in todo if "source_db" not in x[1]], [x for x in todo if "source_db" in x[1]]):
            with ThreadPoolExecutor(max_workers=parallel) as pool:
                list(pool.map(lambda item: self._run(*item), wave))

    def _run(self, key: str, spec: dict[str, Any]) -> None:
        load = load_average()
        self.cache[key] = (run_child(spec, self.sizes.timeout), load)

    def texts(self, limit: int | None) -> tuple[Path, int, int]:
        """Write the clean texts storyline's extract makes of the BBC files; return (file, count, words)."""
        if limit not in self.texts_files:
            from storyline.extract import extract
            from storyline.model import RawDocument

            path = self.out / f"bbc-texts-{limit or 'all'}.jsonl"
            words = count = 0
            with path.open("w", encoding="utf-8") as f:
                for name, text in bbc_texts(self.shared, limit):
                    clean = extract(RawDocument(source=name, content=text.encode("utf-8"), url=None,
                                                media_type="text/plain", charset="utf-8")).text
                    f.write(json.dumps([name, clean], ensure_ascii=False) + "\n")
                    words += len(clean.split())
                    count += 1
            self.texts_files[limit] = (path, count, words)
        return self.texts_files[limit]


def run_benchmarks(
    shared: Path,
    out: Path,
    *,
    quick: bool = False,
    rows: Sequence[str] | None = None,
    sizes: Sizes | None = None,
) -> BenchReport:
    """Run the benchmark rows (all by default) on ``shared/datasets``; ``out`` holds inputs and stores.

    ``quick=True`` runs each row on a handful of articles (for tests); the full
    run takes tens of minutes on two cores. ``sizes`` overrides how much input
    each row gets (default ``FULL``, or ``QUICK`` with ``quick=True``).
    """
    wanted = list(ROWS) if rows is None else list(rows)
    unknown = [r for r in wanted if r not in ROWS]
    if unknown:
        raise ConfigError("bench", f"unknown row(s) {', '.join(unknown)}; choose from {', '.join(ROWS)}")
    if not datasets_present(shared):
        raise ConfigError(str(shared / "datasets"), "benchmark datasets not found (article-extraction, "
                          "htmldate-mediacloud, bbc-news)")
    out.mkdir(parents=True, exist_ok=True)
    sizes = sizes or (QUICK if quick else FULL)
    run = _Runner(shared, out, sizes)
    report = BenchReport(machine_facts(), started=now(), quick=quick)
    clock = time.perf_counter()
    steps = {"extract": _extract, "analyze": _analyze, "quotes": _quotes, "allinone": _allinone,
             "ingest": _ingest, "scaling": _scaling, "link": _link}
    # Plan first (inputs written, systems listed), then run them: one at a time for a real
    # measurement; a quick run is a smoke test, so it may use every core at once.
    run.planning = True
    if "link" in wanted and "scaling" not in wanted and not _scaling_store(run).is_file():
        _scaling(run)  # the link row links the store the scaling row fills (or filled in an earlier run)
    for row in ROWS:
        if row in wanted:
            steps[row](run)
    run.planning = False
    run.execute(parallel=(os.cpu_count() or 1) if quick else 1)
    for row in ROWS:
        if row in wanted:
            report.lines += [replace(x, measured=report.started) for x in steps[row](run)]
    report.seconds = time.perf_counter() - clock
    report.notes = _notes(sizes)
    report.inputs = _inputs(sizes)
    return report


def merge_reports(old: BenchReport, new: BenchReport) -> BenchReport:
    """Return ``new`` with the rows it did not measure taken from ``old`` (table order kept).

    Each line keeps the start time of the run that measured it; the document lists them.
    """
    fresh = set(new.rows())
    kept = [x for x in old.lines if x.row not in fresh]
    lines = sorted(kept + new.lines, key=lambda x: ROWS.index(x.row))
    return replace(new, lines=lines, seconds=new.seconds + old.seconds, inputs=new.inputs or old.inputs)


def _inputs(sizes: Sizes) -> list[tuple[str, str]]:
    def part(n: int | None, whole: int) -> str:
        return f"all {whole:,}" if n is None or n >= whole else f"{n:,} of {whole:,} (every k-th by path)"

    return [
        ("extract, all-in-one: HTML pages", "all 381 (181 article-extraction + 200 htmldate-mediacloud)"
         if sizes.pages is None else f"the first {sizes.pages} of each set"),
        ("analyze, end to end: BBC News texts", part(sizes.bbc, 2225)),
        ("quotes: BBC News texts", part(sizes.quotes, 2225)),
        ("scaling: checkpoints (articles)", ", ".join(f"{n:,}" for n in sizes.checkpoints)
         + f", {sizes.scale_workers} worker(s)"),
    ]


def _line(row: str, label: str, got: tuple[Measurement, Any], base: tuple[Measurement, Any] | None = None,
          note: str = "") -> BenchLine:
    return BenchLine(row, label, got[0], base[0] if base else None, note, got[1])


def _extract(run: _Runner) -> list[BenchLine]:
    limit = run.sizes.pages
    base = run.measure("extract.trafilatura", limit=limit)
    ours = run.measure("extract.storyline", limit=limit)
    return [
        _line("extract", "storyline extract()", ours, base,
              "text, title, byline, date, language and offset map"),
        _line("extract", "trafilatura.extract(html)", base, note="baseline: body text only, defaults"),
    ]


def _analyze(run: _Runner) -> list[BenchLine]:
    path, _, _ = run.texts(run.sizes.bbc)
    base = run.measure("spacy.pipe", texts=str(path), n_process=1)
    ours = run.measure("analyze.storyline", limit=run.sizes.bbc)
    return [
        _line("analyze", "storyline analyze_articles(build_pipeline())", ours, base,
              "en_core_web_sm + entities, times, quotes, figures, events, stances"),
        _line("analyze", "en_core_web_sm nlp.pipe (bare)", base, note="baseline and ceiling: same texts, "
              "batch 16, 1 process"),
    ]


def _quotes(run: _Runner) -> list[BenchLine]:
    path, _, _ = run.texts(run.sizes.quotes)
    ours = run.measure("quotes.storyline", limit=run.sizes.quotes)
    if importlib.util.find_spec("textacy") is None:
        return [
            _line("quotes", "storyline entities + quotes components", ours),
            BenchLine("quotes", "textacy direct_quotations", note="skipped: textacy is not installed here "
                      "(`pip install textacy==0.13.0` installs beside the pinned spaCy and numpy)"),
        ]
    base = run.measure("quotes.textacy", texts=str(path))
    return [
        _line("quotes", "storyline entities + quotes components", ours, base,
              "speaker needs entities: both components timed; the shared parse is not"),
        _line("quotes", "textacy direct_quotations", base,
              note="baseline: direct quotes only; parse not timed"),
    ]


def _allinone(run: _Runner) -> list[BenchLine]:
    limit = run.sizes.pages
    ours = run.measure("allinone.storyline", limit=limit)
    if importlib.util.find_spec("newspaper") is None or importlib.util.find_spec("tldextract") is None:
        return [
            _line("allinone", "storyline extract + analyze (process_batch)", ours),
            BenchLine("allinone", "newspaper4k Article.parse()", note="skipped: newspaper4k is not installed "
                      "here (`pip install newspaper4k==0.9.6`)"),
        ]
    base = run.measure("allinone.newspaper", limit=limit)
    return [
        _line("allinone", "storyline extract + analyze (process_batch)", ours, base,
              "text, metadata, date and the full analysis"),
        _line("allinone", "newspaper4k Article.parse()", base,
              note="baseline: parse() only; nlp() needs NLTK punkt downloaded at run time"),
    ]


def _ingest(run: _Runner) -> list[BenchLine]:
    texts = bbc_texts(run.shared, run.sizes.bbc)
    folder = run.out / f"bbc-{run.sizes.bbc or 'all'}"
    if run.planning:
        if folder.exists():
            shutil.rmtree(folder)
        write_bbc_folder(texts, folder)
    words = sum(len(t.split()) for _, t in texts)
    path, _, _ = run.texts(run.sizes.bbc)
    lines = []
    for workers in (1, 2):
        base = run.measure("spacy.pipe", texts=str(path), n_process=workers)
        db = str(run.out / f"ingest-w{workers}.db")
        ours = run.measure("ingest.storyline", inputs=[str(folder)], db=db, workers=workers, words=words,
                           items=len(texts))
        linked = run.measure("link.storyline", source_db=db, db=str(run.out / f"linked-w{workers}.db"),
                             words=words)
        lines.append(_line("ingest", f"storyline ingest --workers {workers} + link (SQLite)",
                           (_sequence(ours[0], linked[0]), ours[1]), base,
                           "read files, extract, analyze, store, then link; model load included"))
        lines.append(_line("ingest", f"en_core_web_sm nlp.pipe n_process={workers}", base,
                           note="baseline: the bare model on the same texts"))
    return lines


def _sequence(first: Measurement, then: Measurement) -> Measurement:
    """Return one measurement for two steps run one after the other on the same items."""
    if first.error or then.error:
        return replace(first, error=first.error or then.error)
    return replace(first, wall=first.wall + then.wall, cpu=first.cpu + then.cpu,
                   setup=first.setup + then.setup, peak_rss_kb=max(first.peak_rss_kb, then.peak_rss_kb),
                   extra={**first.extra, "link_seconds": then.wall, "link_counts": then.extra.get("counts")})


def _scaling(run: _Runner) -> list[BenchLine]:
    points = run.sizes.checkpoints
    texts = bbc_texts(run.shared, run.sizes.bbc)
    jsonl = run.out / f"replica-{points[-1]}.jsonl"
    words = sum(len(r["text"].split()) for r in replica(texts, points[-1]))
    if run.planning:
        write_replicated_jsonl(texts, points[-1], jsonl)
    db = str(_scaling_store(run))
    got = run.measure("ingest.storyline", inputs=[str(jsonl)], db=db, workers=run.sizes.scale_workers,
                      words=words, items=points[-1], checkpoints=list(points))
    return [_line("scaling", f"storyline ingest of {points[-1]:,} distinct articles "
                  f"(--workers {run.sizes.scale_workers})", got,
                  note="per-checkpoint table below; no baseline")]


def _scaling_store(run: _Runner) -> Path:
    return run.out / f"scale-{run.sizes.checkpoints[-1]}.db"


def _link(run: _Runner) -> list[BenchLine]:
    points = run.sizes.checkpoints
    words = sum(len(r["text"].split()) for r in replica(bbc_texts(run.shared, run.sizes.bbc), points[-1]))
    # The cost curve is read at the scaling checkpoints and at each quarter of the store, over a
    # window of half the first checkpoint: a hundred articles were too few to average out topics.
    marks = sorted({*points, *(points[-1] * k // 4 for k in (1, 2, 3))})
    got = run.measure("link.storyline", source_db=str(_scaling_store(run)),
                      db=str(run.out / f"scale-{points[-1]}-linked.db"), checkpoints=marks,
                      window=max(1, points[0] // 2), words=words)
    return [_line("link", f"storyline link of {points[-1]:,} stored articles, in publication order", got,
                  note="each article linked in its own transaction against all linked before it; "
                  "per-checkpoint table below; no baseline")]


def _notes(sizes: Sizes) -> list[str]:
    return [
        "Each system runs alone in a fresh Python process (`python -m storyline.evaluate.bench_child`), "
        "one after the other, on the same inputs as its baseline.",
        "Time and CPU cover the work only: imports, model loading and reading the inputs are setup "
        "(shown in the setup column), except in the end-to-end rows, which time the whole ingest call.",
        "CPU seconds are user + system time of the process and its waited-for children (pool workers). "
        "Ratios are given per wall-clock second and per CPU second; the CPU ratio is the steadier one "
        "when other work shares the machine (the load average at each system's start is listed below).",
        "Peak RSS is the larger of the kernel's high-water mark (VmHWM) of the measuring process and the "
        "peak of the summed resident memory of its process tree, sampled every 0.25 s; it includes the "
        "inputs held in memory.",
        "Words are whitespace-separated tokens: of the text each extractor returned (extract, all-in-one), "
        "of the texts analyzed (analyze, quotes), of the input files (end to end, scaling).",
        f"Quotes: {sizes.quotes or 'all'} BBC texts (every k-th file, all five categories); both systems "
        "get the same parse from en_core_web_sm, which is not timed.",
        "Scaling: one run streams replicated BBC articles (each copy with its own URL, date and closing "
        "line, so every one is a new article) through extract and analysis into a fresh store, unlinked; "
        "each checkpoint reads the store size and the tree's resident memory at that moment.",
        "Link: a copy of the scaling store is then linked article by article in publication order (one "
        "date per day over ten years, so copies of one text are years apart), each in its own "
        "transaction, as `storyline link` does; each checkpoint reads the cost of the articles just "
        "linked, the store size and the process's resident memory. The end-to-end rows add the link "
        "of their own store to the ingest time.",
    ]


def _sizes(args: argparse.Namespace) -> Sizes:
    base = QUICK if args.quick else FULL
    return replace(
        base,
        bbc=args.bbc if args.bbc is not None else base.bbc,
        quotes=args.quotes if args.quotes is not None else base.quotes,
        pages=args.pages if args.pages is not None else base.pages,
        checkpoints=tuple(int(n) for n in args.scale.split(",")) if args.scale else base.checkpoints,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and write docs/benchmarks.md (the script entry)."""
    parser = argparse.ArgumentParser(prog="python -m storyline.evaluate.bench", description=main.__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="folder holding datasets/")
    parser.add_argument("--work", type=Path, default=Path("out/bench"), help="folder for inputs and stores")
    parser.add_argument("--output", type=Path, default=Path("docs/benchmarks.md"), help="Markdown to write")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw measurements here")
    parser.add_argument("--quick", action="store_true", help="a handful of articles per row")
    parser.add_argument("--rows", nargs="*", choices=ROWS, default=None, help="rows to run (default: all)")
    parser.add_argument("--bbc", type=int, default=None, help="only N BBC texts (analyze, ingest)")
    parser.add_argument("--quotes", type=int, default=None, help="only N BBC texts in the quotes row")
    parser.add_argument("--pages", type=int, default=None, help="only N HTML pages of each extraction set")
    parser.add_argument("--scale", default=None, help="scaling checkpoints, e.g. 1000,5000,20000")
    parser.add_argument("--from-json", type=Path, default=None,
                        help="render the measurements saved by --json instead of measuring")
    parser.add_argument("--merge", action="store_true",
                        help="keep the rows of the existing --json file that this run does not measure")
    args = parser.parse_args(argv)
    try:
        if args.from_json:
            report = BenchReport.from_json(json.loads(args.from_json.read_text(encoding="utf-8")))
        else:
            report = run_benchmarks(args.shared, args.work, quick=args.quick, rows=args.rows,
                                    sizes=_sizes(args))
    except ConfigError as err:
        print(str(err), file=sys.stderr)
        return 2
    if args.merge and args.json and args.json.is_file() and not args.from_json:
        earlier = BenchReport.from_json(json.loads(args.json.read_text(encoding="utf-8")))
        report = merge_reports(earlier, report)
    if args.json and not args.from_json:  # first: the measurements outlive a failure to render them
        args.json.write_text(json.dumps(report.to_json(), indent=1), encoding="utf-8")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report.render_markdown(), encoding="utf-8")
    print(f"wrote {args.output} ({report.seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
