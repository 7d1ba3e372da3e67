"""The MEANTIME reader: CAT XML tokens, typed entity mentions, the token text and span mapping."""

from __future__ import annotations

from storyline.evaluate.names import predictions, read_cat, token_text

# A made-up CAT document in MEANTIME's layout (tokens, Markables, instances, Relations).
CAT = b"""<?xml version="1.0" ?><Document doc_id="1" doc_name="1_Veltra" lang="en" url="">
<token number="0" sentence="0" t_id="1">Veltra</token>
<token number="1" sentence="0" t_id="2">buys</token>
<token number="2" sentence="0" t_id="3">Qorx</token>
<token number="3" sentence="0" t_id="4">plant</token>
<token number="5" sentence="1" t_id="6">said</token>
<token number="4" sentence="1" t_id="5">Ada</token>
<token number="6" sentence="1" t_id="7">Ada</token>
<token number="7" sentence="1" t_id="8">Lind</token>
<token number="8" sentence="1" t_id="9">.</token>
<Markables>
<ENTITY_MENTION comment="" head="" m_id="10" syntactic_type="NAM">
<token_anchor t_id="1"/>
</ENTITY_MENTION>
<ENTITY_MENTION comment="" head="" m_id="11" syntactic_type="PRE.NAM">
<token_anchor t_id="3"/>
</ENTITY_MENTION>
<ENTITY_MENTION comment="" head="" m_id="12" syntactic_type="NAM">
<token_anchor t_id="7"/>
<token_anchor t_id="8"/>
</ENTITY_MENTION>
<ENTITY_MENTION comment="" head="" m_id="13" syntactic_type="NOM">
</ENTITY_MENTION>
<ENTITY_MENTION comment="" head="" m_id="14" syntactic_type="NAM">
<token_anchor t_id="5"/>
</ENTITY_MENTION>
<ENTITY TAG_DESCRIPTOR="Veltra" ent_type="ORG" instance_id="ORG1" m_id="20"/>
<ENTITY TAG_DESCRIPTOR="Qorx" ent_type="ORG" instance_id="ORG2" m_id="21"/>
<ENTITY TAG_DESCRIPTOR="Ada Lind" ent_type="PER" instance_id="PER1" m_id="22"/>
</Markables>
<Relations>
<REFERS_TO r_id="30"> <source m_id="10"/> <target m_id="20"/> </REFERS_TO>
<REFERS_TO r_id="31"> <source m_id="11"/> <target m_id="21"/> </REFERS_TO>
<REFERS_TO r_id="32"> <source m_id="12"/> <target m_id="22"/> </REFERS_TO>
</Relations>
</Document>
"""


def test_tokens_in_number_order_with_sentences():
    doc = read_cat("1_Veltra", CAT)
    assert doc.tokens == ("Veltra", "buys", "Qorx", "plant", "Ada", "said", "Ada", "Lind", ".")
    assert doc.sentences == (0, 0, 0, 0, 1, 1, 1, 1, 1)


def test_mentions_typed_through_refers_to():
    doc = read_cat("1_Veltra", CAT)
    got = {(m.start, m.end, m.syntactic, m.type) for m in doc.mentions}
    # the anchorless mention is dropped; the mention with no REFERS_TO has no type
    assert got == {(0, 1, "NAM", "ORG"), (2, 3, "PRE.NAM", "ORG"), (6, 8, "NAM", "PER"), (4, 5, "NAM", "")}


def test_token_text_one_line_per_sentence():
    grid = token_text(read_cat("1_Veltra", CAT))
    assert grid.text == "Veltra buys Qorx plant\nAda said Ada Lind ."
    for i, tok in enumerate(read_cat("1_Veltra", CAT).tokens):
        assert grid.text[grid.starts[i]:grid.ends[i]] == tok


def test_character_spans_map_to_tokens():
    grid = token_text(read_cat("1_Veltra", CAT))
    text = grid.text
    lind = text.index("Ada Lind")
    assert grid.token_span(lind, lind + len("Ada Lind")) == (6, 8, True)
    assert grid.token_span(lind, lind + len("Ada Li")) == (6, 8, False)  # touches, does not fit
    assert grid.token_span(text.index("\n"), text.index("\n") + 1) is None  # only a line break
    found = predictions([(0, 6, "ORG"), (lind, lind + 8, "PERSON"), (0, 6, "ORG"), (7, 11, "NORP")], grid)
    assert [(p.start, p.end, p.type) for p in found] == [(0, 1, "ORG"), (1, 2, "NORP"), (6, 8, "PER")]
