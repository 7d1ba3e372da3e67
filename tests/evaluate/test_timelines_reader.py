"""Reading TimeLine inputs and timelines; turning linked timeline entries into task lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.evaluate.timelines import (
    entity_matches,
    entity_timeline,
    evaluate_timelines,
    event_name,
    gold_date,
)
from storyline.evaluate.timelines_data import read_cat, read_timeline, read_timeml, timeline_file_name

TML = b"""<?xml version='1.0' encoding='utf-8'?>
<TimeML><DOCID>42</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2010-05-04">x</TIMEX3></DCT>
<TEXT><s id="0">Acme opens plant</s><s id="1">May 4 , 2010</s>
<s id="2">Acme Corp said on Monday it opened a plant .</s></TEXT>
</TimeML>"""


def test_timeml_text_keeps_a_token_map():
    doc = read_timeml(TML)
    assert (doc.docid, doc.dct, doc.title) == ("42", "2010-05-04", "Acme opens plant")
    i = doc.text.index("opened")
    [tok] = doc.tokens_in(i, i + 6)
    assert (tok.sentence, tok.text) == (2, "opened")
    assert doc.text[tok.start : tok.end] == "opened"
    # the event's span is its clause; the trigger picks the word
    assert event_name(doc, (doc.text.index("Acme Corp"), i + 6), "opened") == "42-2-opened"


CAT = b"""<?xml version="1.0" ?><Document doc_id="7" doc_name="7-Acme">
<token number="0" sentence="0" t_id="1">Acme</token><token number="1" sentence="0" t_id="2">opens</token>
<token number="2" sentence="1" t_id="3">May</token><token number="3" sentence="1" t_id="4">4</token>
<token number="4" sentence="2" t_id="5">Acme</token><token number="5" sentence="2" t_id="6">opened</token>
<Markables><TIMEX3 functionInDocument="CREATION_TIME" m_id="9" type="DATE" value="2010-05-04">
<token_anchor t_id="3"/></TIMEX3></Markables></Document>"""


def test_cat_text_keeps_sentences_dct_and_a_token_map():
    doc = read_cat(CAT)
    assert (doc.docid, doc.dct, doc.title) == ("7", "2010-05-04", "Acme opens")
    assert doc.text.splitlines() == ["Acme opens", "May 4", "Acme opened"]
    i = doc.text.index("opened")
    assert event_name(doc, (i, i + 6), "opened") == "7-2-opened"


def test_timeline_file_reads_orders_dates_and_coreferent_events():
    tl = read_timeline("Acme\n0\tXXXX-XX-XX\t42-0-opens\n1\t2010-05-03\t42-2-opened\t43-1-opening\n")
    assert tl.entity == "Acme"
    assert [ln.order for ln in tl.lines] == [0, 1]
    assert tl.lines[1].events == ("42-2-opened", "43-1-opening")
    assert timeline_file_name("S&P 500") == "s_and_p_500.txt"


def test_dates_take_the_task_form():
    assert gold_date("2010-05-03") == "2010-05-03"
    assert gold_date("2010-05") == "2010-05-XX"
    assert gold_date("2010") == "2010-XX-XX"
    assert gold_date(None) == "XXXX-XX-XX"


def test_targets_match_linked_names_aliases_and_short_forms():
    entities = [
        {"id": "e1", "name": "Acme Corp", "aliases": ["Acme"]},
        {"id": "e2", "name": "A380", "aliases": []},
        {"id": "e3", "name": "plant", "aliases": []},
    ]
    got = entity_matches(["Acme", "Airbus A380", "Power plant", "Nobody"], entities)
    assert got == {"Acme": {"e1"}, "Airbus A380": {"e2"}, "Power plant": set(), "Nobody": set()}


def test_entity_timeline_orders_by_date_and_keeps_sources_on_one_line():
    doc = read_timeml(TML)
    i = doc.text.index("opened")
    src = {"article": "a1", "span": [i, i + 6], "trigger": "opened"}
    entries = [
        {"date": {"value": "2010-05"}, "actors": [{"entity": "e1"}], "sources": [src]},
        {"date": {"value": "2010-05-03"}, "actors": [{"entity": "e9"}], "sources": [src]},
        {"date": {"value": "2010-06"}, "actors": [{"entity": "e1"}], "sources": [src, src]},
        {"date": {"value": "2010-06"}, "actors": [{"entity": "e1"}], "sources": [src]},
    ]
    lines = entity_timeline(entries, {"e1"}, {"a1": doc})
    assert [(ln.order, ln.date, ln.events) for ln in lines] == [
        (1, "2010-05-XX", ("42-2-opened",)),
        (2, "2010-06-XX", ("42-2-opened",)),
        (2, "2010-06-XX", ("42-2-opened",)),
    ]


def test_a_missing_archive_or_unknown_corpus_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="archive is missing") as missing:
        evaluate_timelines(tmp_path)
    assert str(tmp_path) in str(missing.value)
    with pytest.raises(ConfigError, match="choose test or trial"):
        evaluate_timelines(tmp_path, corpus="nope")
