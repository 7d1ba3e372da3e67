"""Score time normalisation on TempEval-3: value accuracy of DATE expressions against the DCT.

``evaluate_times(shared)`` reads ``datasets/tempeval3/te3-platinum.tar.xz`` (20 news
articles, TimeML), runs the ``storyline_times`` component on the plain text of each
with the document creation time (DCT) as publication date, and compares the value of
every gold TIMEX3 of type DATE with the value of the storyline time expression that
overlaps it most (relaxed span match). A gold DATE with no overlapping expression
counts as wrong. DURATION, TIME and SET timexes are out of scope (storyline's output
is dates), and an expression overlapping one of them is neither right nor wrong.

Measures: value accuracy = correct / gold DATEs (the headline); found = gold DATEs
overlapped; value precision = correct / storyline expressions that overlap a gold DATE
or no gold timex at all; value F1 of that precision and the accuracy (recall).
``TimesReport.render()`` prints the table and every miss.
"""

from __future__ import annotations

import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from storyline.model import Published, TimeExpr

DATASET = Path("datasets") / "tempeval3"
SPLITS = {"te3-platinum": "te3-platinum.tar.xz", "tbaq": "TBAQ-cleaned.tar.xz"}


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One TIMEX3 of a TimeML document: its span in the plain text, type and value."""

    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    """A TimeML document: id, creation time, plain text and its timexes."""

    name: str
    dct: str
    text: str
    timexes: tuple[GoldTimex, ...]


@dataclass(frozen=True, slots=True)
class Miss:
    """A gold DATE that storyline got wrong or did not find."""

    document: str
    gold_text: str
    gold_value: str
    found_text: str | None
    found_value: str | None


@dataclass
class TimesReport:
    """Counts of one TempEval-3 run and the misses behind them."""

    split: str
    documents: int = 0
    gold_dates: int = 0
    found: int = 0
    correct: int = 0
    predicted: int = 0
    predicted_scored: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        """Return correct values over all gold DATE timexes."""
        return self.correct / self.gold_dates if self.gold_dates else 0.0

    @property
    def precision(self) -> float:
        """Return correct values over storyline expressions that are scored (see module doc)."""
        return self.correct / self.predicted_scored if self.predicted_scored else 0.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of value precision and value accuracy."""
        p, r = self.precision, self.accuracy
        return 2 * p * r / (p + r) if p + r else 0.0

    def render(self) -> str:
        """Return the report as a plain-text table followed by the misses."""
        rows = [
            ("documents", str(self.documents)),
            ("gold DATE timexes", str(self.gold_dates)),
            ("found (span overlap)", f"{self.found}  ({_ratio(self.found, self.gold_dates)})"),
            ("value correct", str(self.correct)),
            ("value accuracy", f"{self.accuracy:.3f}"),
            ("value accuracy on found", _ratio(self.correct, self.found)),
            ("storyline expressions", f"{self.predicted} ({self.predicted_scored} scored)"),
            ("value precision", f"{self.precision:.3f}"),
            ("value F1", f"{self.f1:.3f}"),
        ]
        width = max(len(k) for k, _ in rows)
        lines = [f"TempEval-3 {self.split}: DATE values against the document creation time", ""]
        lines += [f"{k:<{width}}  {v}" for k, v in rows]
        if self.misses:
            lines += ["", f"misses ({len(self.misses)}): document | gold text = value | found text = value"]
            for m in self.misses:
                found = f"{m.found_text!r} = {m.found_value}" if m.found_text is not None else "not found"
                lines.append(f"  {m.document} | {m.gold_text!r} = {m.gold_value} | {found}")
        return "\n".join(lines)


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "—"


def read_timeml(name: str, data: bytes) -> TimeMLDoc:
    """Parse one TimeML file into its plain ``<TEXT>`` content and TIMEX3 spans."""
    root = ElementTree.fromstring(data)
    dct = ""
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = timex.get("value", "")
            break
    text_el = root.find("TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    length = 0

    def walk(el: ElementTree.Element) -> None:
        nonlocal length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            start = length
            walk(child)
            if child.tag == "TIMEX3":
                timexes.append(GoldTimex(start, length, child.get("type", ""), child.get("value", ""),
                                         "".join(parts)[start:length]))
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    if text_el is not None:
        walk(text_el)
    return TimeMLDoc(name, dct, "".join(parts), tuple(timexes))


def read_split(shared: Path, split: str = "te3-platinum", limit: int | None = None) -> Iterator[TimeMLDoc]:
    """Yield the TimeML documents of one split, read straight from its archive."""
    path = shared / DATASET / SPLITS[split]
    with tarfile.open(path, "r:xz") as tar:
        members = sorted((m for m in tar.getmembers() if m.isfile() and m.name.endswith(".tml")
                          and not Path(m.name).name.startswith("._")), key=lambda m: m.name)
        for member in members[:limit] if limit else members:
            f = tar.extractfile(member)
            if f is not None:
                yield read_timeml(Path(member.name).stem, f.read())


def score_document(doc: TimeMLDoc, found: list[TimeExpr], report: TimesReport) -> None:
    """Add one document's comparison to ``report``."""
    report.documents += 1
    report.predicted += len(found)
    for expr in found:
        hits = [g for g in doc.timexes if _overlap(expr.span, (g.start, g.end))]
        if not hits or any(g.type == "DATE" for g in hits):
            report.predicted_scored += 1
    for gold in doc.timexes:
        if gold.type != "DATE":
            continue
        report.gold_dates += 1
        best = max(found, key=lambda e: _overlap(e.span, (gold.start, gold.end)), default=None)
        if best is None or not _overlap(best.span, (gold.start, gold.end)):
            report.misses.append(Miss(doc.name, gold.text, gold.value, None, None))
            continue
        report.found += 1
        if best.value == gold.value:
            report.correct += 1
        else:
            report.misses.append(Miss(doc.name, gold.text, gold.value, best.text, best.value))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def evaluate_times(shared: Path, limit: int | None = None, split: str = "te3-platinum") -> TimesReport:
    """Run the times component over a TempEval-3 split and score DATE values (see module doc)."""
    from storyline.analyze.pipeline import build_pipeline

    nlp = build_pipeline(components=("storyline_times",))
    report = TimesReport(split)
    for tml in read_split(shared, split, limit):
        doc = nlp.make_doc(tml.text)
        doc._.article_id = tml.name
        doc._.published = Published(tml.dct[:10] if tml.dct else None, "day" if tml.dct else None, "meta")
        doc = nlp(doc)
        score_document(tml, list(doc._.times or ()), report)
    return report
