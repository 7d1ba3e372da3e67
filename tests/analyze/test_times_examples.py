"""Time expressions of the project's fictional example story, against examples/README.md."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc


@pytest.mark.parametrize(("source", "text", "value"), [
    ("2025-03-03-harbourpost-dam-breach.html", "on Tuesday", "2025-03-04"),  # "would visit … on Tuesday"
    ("2025-03-03-harbourpost-dam-breach.html", "since February", "2025-02"),
    ("2025-03-03-meridianwire-evacuations.txt", "by Wednesday", "2025-03-05"),
    ("2025-03-04-lorentcourier-marren-visit.html", "on Friday", "2025-03-07"),
    ("2025-03-05-harbourpost-toll-disputed.html", "two days ago", "2025-03-03"),
    ("2025-03-05-meridianwire-toll-un-aid.txt", "since March 3", "2025-03-03"),
    ("valleyvoice-feed.rss#item-1", "last Monday", "2025-03-03"),
    ("valleyvoice-feed.rss#item-2", "on Monday morning", "2025-03-10"),
    ("2025-03-11-northgate-recovery-agreement.html", "A week ago", "2025-03-04"),
    ("2025-03-11-northgate-recovery-agreement.html", "next week", "2025-W12"),
    ("2025-03-11-northgate-recovery-agreement.html", "on April 3", "2025-04-03"),
    ("2025-03-11-northgate-recovery-agreement.html", "on March 17", "2025-03-17"),
])
def test_readme_times(example_docs: dict[str, Doc], source: str, text: str, value: str) -> None:
    doc = example_docs[source]
    found = [t for t in doc._.times if t.text == text]
    assert found, f"{text!r} not in {[t.text for t in doc._.times]}"
    assert value in {t.value for t in found}
