"""What happened to a counted thing belongs to ``what``: "people killed", "residents displaced".

Publication day in these tests: Wednesday, January 10, 2024.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

TimeFigDoc = Callable[..., Doc]


def what_of(doc: Doc, text: str) -> str | None:
    found = [f for f in doc._.figures if text in f.text]
    assert len(found) == 1, f"{text!r} in {[f.text for f in doc._.figures]}"
    return found[0].what


@pytest.mark.parametrize(("sentence", "number", "what"), [
    ("The storm hit the coast on Monday, killing 40 people, officials said.", "40", "people killed"),
    ("The floods displaced 3,000 residents last month.", "3,000", "residents displaced"),
    ("Rescuers said 25 people were killed when the bridge fell.", "25", "people killed"),
    ("The agency said more than 70 people were still missing.", "70", "people missing"),
    ("The toll stood at 12 on Friday, with 29 people still missing.", "29", "people missing"),
    ("Nineteen people are now known to have died in the storm.", "Nineteen", "people died"),
    ("In the port, about half of the houses were destroyed.", "half", "houses destroyed"),
])
def test_what_says_what_happened(timefig_doc: TimeFigDoc, sentence: str, number: str, what: str) -> None:
    assert what_of(timefig_doc(sentence), number) == what


def test_a_count_that_nothing_happened_to_keeps_its_noun(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The town has 64,000 inhabitants and the company owns six dams.")
    assert what_of(doc, "64,000") == "inhabitants"
    assert what_of(doc, "six") == "dams"


def test_a_second_count_borrows_the_noun_and_its_state(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The agency said on Monday that 53 people had died and 15 were still missing.")
    assert what_of(doc, "53") == "people died"
    assert what_of(doc, "15") == "people missing"
