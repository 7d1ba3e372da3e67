"""Each export format on the linked example store: parses, has its fields, points back into articles."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from storyline.interfaces.exports import EXPORTERS, STREAMS, export_to
from storyline.interfaces.exports.csv_tables import TABLES
from storyline.interfaces.exports.graphml import NS
from storyline.store import Store


def _stream(store: Store, fmt: str) -> str:
    out = io.StringIO()
    STREAMS[fmt](store, out)
    return out.getvalue()


def _texts(store: Store) -> dict[str, str]:
    return {r.id: store.get(r.id).article.text for r in store.articles(limit=1000)}


def test_exports_jsonl_one_record_per_article_with_spans_into_text(linked_store: Store) -> None:
    records = [json.loads(line) for line in _stream(linked_store, "jsonl").splitlines()]
    assert sorted(r["id"] for r in records) == sorted(_texts(linked_store))
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)
    checked = 0
    for r in records:
        for q in r["quotes"]:
            assert r["text"][q["span"][0] : q["span"][1]] == q["text"]
            checked += 1
        for e in r["entities"]:
            for m in e["mentions"]:
                assert r["text"][m["span"][0] : m["span"][1]] == m["text"]
    assert checked > 0


def test_exports_csv_tables_parse_with_expected_columns(linked_store: Store, tmp_path: Path) -> None:
    paths = export_to(linked_store, "csv", tmp_path)
    assert sorted(p.name for p in paths) == sorted(f"{name}.csv" for name in TABLES)
    texts = _texts(linked_store)
    for name, (columns, _) in TABLES.items():
        with (tmp_path / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert rows, name
        assert tuple(rows[0]) == columns
        for row in rows:
            if row.get("span_start"):
                text = texts[row["article"]]
                snippet = text[int(row["span_start"]) : int(row["span_end"])]
                assert snippet == row.get("text", row.get("quote")), (name, row)
    for column in ("event_date", "event_type", "actor1", "actor2", "where", "source_url", "plover_type"):
        assert column in TABLES["events"][0]


def test_exports_graphml_edges_refer_to_nodes(linked_store: Store) -> None:
    root = ET.fromstring(_stream(linked_store, "graphml").encode())
    graph = root.find(f"{{{NS}}}graph")
    nodes = {n.get("id") for n in graph.iter(f"{{{NS}}}node")}
    edges = list(graph.iter(f"{{{NS}}}edge"))
    assert nodes and edges
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(f"{{{NS}}}key")}
    kinds = set()
    for e in edges:
        assert e.get("source") in nodes and e.get("target") in nodes
        data = {keys[d.get("key")]: d.text for d in e.iter(f"{{{NS}}}data")}
        assert float(data["weight"]) >= 1 and data["articles"]
        kinds.add(data["kind"])
    assert {"quotes", "opposes"} <= kinds


def test_exports_graphml_opens_in_networkx_as_gephi_would(linked_store: Store, tmp_path) -> None:
    import networkx

    path = tmp_path / "actors.graphml"
    path.write_text(_stream(linked_store, "graphml"), encoding="utf-8")
    graph = networkx.read_graphml(path)
    assert graph.number_of_nodes() > 0 and graph.number_of_edges() > 0
    names = {data.get("name") for _, data in graph.nodes(data=True)}
    assert "United Nations" in names


def test_exports_ftm_lines_have_schema_and_name(linked_store: Store) -> None:
    lines = [json.loads(line) for line in _stream(linked_store, "ftm").splitlines()]
    assert lines
    for entity in lines:
        assert entity["schema"] in {"Person", "Organization", "PublicBody", "Company", "Address"}
        props = entity["properties"]
        assert props["name"] and all(isinstance(v, list) for v in props.values())
    assert any(e["schema"] == "Person" and e["properties"].get("position") for e in lines)


def test_exports_plover_events_have_required_fields(linked_store: Store) -> None:
    events = [json.loads(line) for line in _stream(linked_store, "plover").splitlines()]
    assert events
    texts = _texts(linked_store)
    for ev in events:
        required = ("event_id", "event_date", "event_type", "actor", "recipient", "placename", "url", "span")
        assert all(field in ev for field in required)
        assert texts[ev["article"]][ev["span"][0] : ev["span"][1]] == ev["text"]
    assert any(ev["event_type"] for ev in events)
    assert len({ev["event_id"] for ev in events}) == len(events)


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_exports_are_deterministic(linked_store: Store, tmp_path: Path, fmt: str) -> None:
    first = {p.name: p.read_bytes() for p in export_to(linked_store, fmt, tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in export_to(linked_store, fmt, tmp_path / "b")}
    assert first == second and all(first.values())


def test_exports_unknown_format_is_refused(linked_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_to(linked_store, "xlsx", tmp_path)
