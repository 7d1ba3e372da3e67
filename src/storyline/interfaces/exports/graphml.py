"""GraphML of the actor network: who met, quoted or opposed whom, with weights and article ids.

Nodes are the linked entities. Edges, each with a ``kind``:

* an event type (``meeting``, ``attack``, ``agreement`` …) — two actors of the same timeline entry;
* ``quotes`` — a speaker quoted saying something that mentions another entity (directed);
* ``opposes`` — one actor for and one against the same stance topic.

``weight`` counts timeline entries, quotes or stance pairs; ``articles`` lists the article ids.
Written with ``xml.etree`` so names and quotes from articles are escaped as XML data.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from storyline.interfaces.exports.linked import Linked, load_linked
from storyline.store import Store

NS = "http://graphml.graphdrawing.org/xmlns"
NODE_KEYS = (("name", "string"), ("type", "string"), ("article_count", "int"))
EDGE_KEYS = (
    ("kind", "string"), ("weight", "double"), ("symmetric", "boolean"),
    ("articles", "string"), ("topics", "string"),
)  # fmt: skip


@dataclass(slots=True)
class Tie:
    """One edge being gathered: how often it was seen, in which articles, on which topics."""

    weight: int = 0
    articles: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)


def actor_ties(linked: Linked) -> dict[tuple[str, str, str], Tie]:
    """Return the network's edges keyed by (kind, source, target); symmetric kinds have source < target."""
    view = linked.view
    known = {e["id"] for e in view["entities"]}
    ties: dict[tuple[str, str, str], Tie] = {}

    def add(kind: str, a: str, b: str, articles: Iterable[str], topic: str | None = None) -> None:
        if a == b or a not in known or b not in known:
            return
        tie = ties.setdefault((kind, a, b), Tie())
        tie.weight += 1
        tie.articles.update(articles)
        if topic:
            tie.topics.add(topic)

    for entry in view["timeline"]:
        ids = sorted({x["entity"] for x in entry["actors"] if x.get("entity")})
        arts = [s["article"] for s in entry["sources"]]
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                add(entry["type"], a, b, arts)

    mentions: dict[str, list[tuple[int, int, str]]] = {}
    for e in view["entities"]:
        for m in e["mentions"]:
            if m.get("span"):
                mentions.setdefault(m["article"], []).append((m["span"][0], m["span"][1], e["id"]))
    for q in view["quotes"]:
        speaker = (q.get("speaker") or {}).get("entity")
        span = q.get("span")
        if not speaker or not span:
            continue
        inside = {eid for s, e, eid in mentions.get(q["article"], ()) if span[0] <= s and e <= span[1]}
        for eid in sorted(inside):
            add("quotes", speaker, eid, [q["article"]])

    for topic in view["stances"]:
        for pro in topic["for"]:
            for con in topic["against"]:
                a, b = sorted((pro["entity"], con["entity"]))
                arts = [ev["article"] for side in (pro, con) for ev in side["evidence"]]
                add("opposes", a, b, arts, topic["topic"])
    return ties


def graphml_tree(linked: Linked) -> ET.ElementTree:
    """Return the actor network as a GraphML element tree (nodes and edges in a stable order)."""
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml")
    for prefix, owner, keys in (("n", "node", NODE_KEYS), ("e", "edge", EDGE_KEYS)):
        for i, (name, kind) in enumerate(keys):
            attrs = {"id": f"{prefix}{i}", "for": owner, "attr.name": name, "attr.type": kind}
            ET.SubElement(root, f"{{{NS}}}key", attrs)
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"id": "actors", "edgedefault": "directed"})
    for e in sorted(linked.view["entities"], key=lambda e: e["id"]):
        node = ET.SubElement(graph, f"{{{NS}}}node", {"id": e["id"]})
        values = {"name": e["name"], "type": e["type"], "article_count": len(e["articles"])}
        _data(node, "n", NODE_KEYS, values)
    for n, ((kind, a, b), tie) in enumerate(sorted(actor_ties(linked).items(), key=lambda kv: kv[0])):
        edge = ET.SubElement(graph, f"{{{NS}}}edge", {"id": f"x{n}", "source": a, "target": b})
        values = {
            "kind": kind,
            "weight": tie.weight,
            "symmetric": "false" if kind == "quotes" else "true",
            "articles": " ".join(sorted(tie.articles)),
            "topics": "; ".join(sorted(tie.topics)),
        }
        _data(edge, "e", EDGE_KEYS, values)
    ET.indent(root)
    return ET.ElementTree(root)


def write_graphml(store: Store, out: TextIO) -> None:
    """Write the actor network of ``store`` as GraphML (UTF-8 XML) to ``out``."""
    write_graphml_linked(load_linked(store), out)


def write_graphml_linked(linked: Linked, out: TextIO) -> None:
    """Write the actor network of an already loaded view as GraphML to ``out``."""
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    graphml_tree(linked).write(out, encoding="unicode", xml_declaration=False)
    out.write("\n")


def _data(parent: ET.Element, prefix: str, keys: tuple[tuple[str, str], ...], values: dict[str, Any]) -> None:
    for i, (name, _) in enumerate(keys):
        value = values.get(name)
        if value is None or value == "":
            continue
        ET.SubElement(parent, f"{{{NS}}}data", {"key": f"{prefix}{i}"}).text = str(value)
