"""Article content is written as data: CSV quoting, XML escaping, JSON strings, no rich markup."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from rich.console import Console
from rich.table import Table

from storyline.interfaces.exports.csv_tables import TABLES, write_table
from storyline.interfaces.exports.ftm import ftm_entities
from storyline.interfaces.exports.graphml import NS, write_graphml_linked
from storyline.interfaces.exports.linked import Linked
from storyline.interfaces.exports.plover import plover_events

HOSTILE = 'He said "no, never",\n<b>&amp; [bold]x[/bold] =1+1'


def _linked() -> Linked:
    text = f"{HOSTILE} -- Ann met Bob."
    span = [0, len(HOSTILE)]
    people = [
        {"id": "a1", "name": HOSTILE, "type": "PERSON", "aliases": ["A<&>"], "articles": ["art"],
         "roles": [{"title": "chief, <x>", "of": None}], "mentions": [{"article": "art", "span": span}]},
        {"id": "b2", "name": "Bob", "type": "ORG", "aliases": [], "articles": ["art"], "roles": [],
         "mentions": [{"article": "art", "span": [len(text) - 4, len(text) - 1]}]},
    ]  # fmt: skip
    view = {
        "articles": [{"id": "art", "url": "https://example.org/a?x=1&y=<2>"}],
        "entities": people,
        "quotes": [{"article": "art", "span": [0, len(text)], "text": HOSTILE, "day": "2025-01-01",
                    "speaker": {"entity": "a1", "name": HOSTILE}}],
        "figures": [{"article": "art", "span": span, "text": HOSTILE, "what": HOSTILE, "value": 1}],
        "timeline": [{"id": "t1", "date": {"value": "2025-01-01", "precision": "day"}, "type": "meeting",
                      "actors": [{"entity": "a1", "name": HOSTILE}, {"entity": "b2", "name": "Bob"}],
                      "where": HOSTILE, "stories": ["s"],
                      "sources": [{"article": "art", "span": span, "outlet": HOSTILE, "trigger": "met"}]}],
        "stances": [{"topic": HOSTILE,
                     "for": [{"entity": "a1", "name": HOSTILE, "evidence": [{"article": "art"}]}],
                     "against": [{"entity": "b2", "name": "Bob", "evidence": [{"article": "art"}]}]}],
    }  # fmt: skip
    return Linked(view, {"art": text}, {"art": view["articles"][0]["url"]}, {("art", *span): "CONSULT"})


def test_exports_csv_round_trips_hostile_text() -> None:
    linked = _linked()
    for name, (columns, rows) in TABLES.items():
        out = io.StringIO(newline="")
        write_table(rows(linked), columns, out)
        parsed = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
        assert len(parsed) == (2 if name == "entities" else 1), name
        assert HOSTILE in parsed[0].values(), name


def test_exports_csv_defuses_spreadsheet_formulas() -> None:
    rows = [{"text": '=HYPERLINK("http://x.example","click")', "what": "+1", "where": "-2",
             "trigger": "@SUM(A1)", "value": -3, "outlet": "Plain = fine"}]  # fmt: skip
    out = io.StringIO(newline="")
    write_table(rows, ("text", "what", "where", "trigger", "value", "outlet"), out)
    parsed = next(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert parsed == {"text": "'=HYPERLINK(\"http://x.example\",\"click\")", "what": "'+1", "where": "'-2",
                      "trigger": "'@SUM(A1)", "value": "-3", "outlet": "Plain = fine"}  # fmt: skip


def test_exports_graphml_escapes_hostile_text() -> None:
    out = io.StringIO()
    write_graphml_linked(_linked(), out)
    root = ET.fromstring(out.getvalue().encode())
    names = [d.text for d in root.iter(f"{{{NS}}}data")]
    assert HOSTILE in names
    kinds = {d.text for d in root.iter(f"{{{NS}}}data")} & {"meeting", "quotes", "opposes"}
    assert kinds == {"meeting", "quotes", "opposes"}


def test_exports_ftm_and_plover_keep_hostile_text_as_strings() -> None:
    linked = _linked()
    ftm = [json.loads(json.dumps(e)) for e in ftm_entities(linked)]
    assert ftm[0]["properties"]["name"] == [HOSTILE]
    assert ftm[0]["properties"]["position"] == ["chief, <x>"]
    (event,) = plover_events(linked)
    assert event["text"] == HOSTILE and event["event_type"] == "CONSULT" and event["recipient"] == "Bob"


def test_tables_cells_are_not_rich_markup() -> None:
    from storyline.interfaces.tables import _cells

    table = Table()
    table.add_column("x")
    table.add_row(*_cells(HOSTILE))
    console = Console(width=200, record=True)
    console.print(table)
    assert "[bold]x[/bold]" in console.export_text()
