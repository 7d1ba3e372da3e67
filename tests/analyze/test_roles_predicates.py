"""A predicate adjective before an office is no part of its title ("was confident shadow … X")."""

from __future__ import annotations


def test_predicate_adjective_stays_out_of_the_title(entities_of):
    text = ("Mr Lennard said he was confident shadow home secretary Mr Pell would set out the "
            "position very clearly. Mr Pell declined to comment.")
    entities = entities_of(text, labels={"Pell#1": "PERSON"})
    pell = [e for e in entities if e.name == "Mr Pell" or e.name == "Pell"]
    assert len(pell) == 1, [(e.name, e.type) for e in entities]
    titles = [r.title for r in pell[0].roles]
    assert titles and all("confident" not in t for t in titles)
    assert any("home secretary" in t for t in titles)
