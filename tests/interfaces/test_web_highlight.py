"""Highlights: facts from an analysis record, text cut at span boundaries, JSON safe in a script element."""

from __future__ import annotations

import json
import random
from itertools import pairwise

from storyline.interfaces.web.highlight import Fact, collect_facts, cut, json_for_script
from storyline.interfaces.web.pages import safe_href

TEXT = "Mr Vasek said: “The water came faster than anyone expected.” At least 12 people died on Monday."


def _at(sub: str) -> list[int]:
    start = TEXT.index(sub)
    return [start, start + len(sub)]


ANALYSIS = {
    "entities": [
        {
            "id": "e1",
            "name": "Dorin Vasek",
            "type": "PERSON",
            "roles": [],
            "mentions": [
                {"span": _at("Mr Vasek"), "text": "Mr Vasek"},
                {"span": _at("anyone"), "text": "anyone"},
            ],
        },
    ],
    "quotes": [
        {
            "span": _at("The water came faster than anyone expected."),
            "text": "…",
            "kind": "direct",
            "speaker": {"entity": "e1", "name": "Dorin Vasek", "span": _at("Mr Vasek")},
            "cue": "said",
            "confidence": 0.9,
        },
    ],
    "figures": [
        {
            "span": _at("At least 12"),
            "value": 12,
            "what": "people died",
            "as_of": "2025-03-03",
            "qualifier": "at least",
            "source": None,
        }
    ],
    "times": [{"span": _at("on Monday"), "text": "on Monday", "value": "2025-03-03", "precision": "day"}],
    "events": [
        {"span": _at("12 people died"), "type": "deaths", "date": {"value": "2025-03-03"}, "actors": []}
    ],
    "stances": [],
}


def test_pieces_join_back_to_the_text_and_cover_each_fact() -> None:
    facts = collect_facts(ANALYSIS, len(TEXT))
    pieces = cut(TEXT, facts)
    assert "".join(p.text for p in pieces) == TEXT
    assert all(TEXT[p.start : p.end] == p.text and p.start < p.end for p in pieces)
    for fact in facts:
        if fact.kind in ("event", "stance"):
            assert not any(fact.id in p.facts for p in pieces), "clause-long facts are listed, not inlined"
            continue
        covered = [p for p in pieces if fact.id in p.facts]
        assert covered[0].start == fact.start and covered[-1].end == fact.end
        assert all(a.end == b.start for a, b in pairwise(covered))


def test_innermost_fact_comes_first_where_facts_overlap() -> None:
    facts = collect_facts(ANALYSIS, len(TEXT))
    pieces = cut(TEXT, facts)
    anyone = next(p for p in pieces if p.text == "anyone")
    assert anyone.kinds == ("entity", "quote")
    assert anyone.facts[0].startswith("e") and anyone.facts[1] == "q0"
    speaker = next(p for p in pieces if p.text == "Mr Vasek")
    assert set(speaker.kinds) == {"entity", "speaker"}


def test_quote_panel_lines_name_the_speaker() -> None:
    quote = next(f for f in collect_facts(ANALYSIS, len(TEXT)) if f.kind == "quote")
    assert dict(quote.fields)["speaker"] == "Dorin Vasek"
    assert quote.as_json()["span"] == _at("The water came faster than anyone expected.")


def test_bad_spans_and_bad_records_are_dropped_not_fatal() -> None:
    hostile = {
        "entities": [
            {
                "name": "x",
                "mentions": [
                    {"span": [5, 2]},
                    {"span": [0, 10_000]},
                    {"span": "0-3"},
                    {"span": [0.5, 3]},
                    {"span": [True, 3]},
                    {"span": [0, 2]},
                ],
            },
            "not a record",
        ],
        "quotes": [{"span": None, "speaker": "nobody"}],
        "figures": "nope",
        "times": [None],
    }
    facts = collect_facts(hostile, len(TEXT))
    assert [(f.start, f.end) for f in facts] == [(0, 2)]
    assert collect_facts(None, len(TEXT)) == []


def test_random_overlapping_spans_always_cut_cleanly() -> None:
    rng = random.Random(7)
    text = "".join(rng.choice("ab cdé😀\n") for _ in range(200))
    for _ in range(50):
        facts = []
        for i in range(rng.randint(0, 30)):
            a, b = sorted(rng.sample(range(len(text) + 1), 2))
            facts.append(Fact(f"x{i}", rng.choice(["quote", "entity", "figure", "time"]), a, b, "", ()))
        pieces = cut(text, facts)
        assert "".join(p.text for p in pieces) == text
        for p in pieces:
            assert {f.id for f in facts if f.start <= p.start and p.end <= f.end} == set(p.facts)


def test_json_for_script_cannot_close_its_element() -> None:
    value = {"t": "</script><script>alert(1)</script><!-- & \u2028 \u2029 ]]>"}
    encoded = json_for_script(value)
    assert not set(encoded) & set("<>&\u2028\u2029")
    assert json.loads(encoded) == value


def test_only_web_urls_become_links() -> None:
    assert safe_href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<b>",
        "//evil.example/x",
        "file:///etc/passwd",
        "https://",
        'http://x.example/"onmouseover=alert(1)',
        " https://x.example",
        "vbscript:msgbox",
        None,
        "",
    ):
        assert safe_href(bad) is None, bad
