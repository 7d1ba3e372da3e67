"""Figures of the project's fictional example story, against the answer key in examples/README.md."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from storyline.model import Figure


def find(doc: Doc, value: float, qualifier: str | None = None) -> Figure:
    hits = [f for f in doc._.figures if f.value == value and (qualifier is None or f.qualifier == qualifier)]
    assert hits, f"no figure {value} {qualifier or ''} in {[(f.text, f.qualifier) for f in doc._.figures]}"
    return hits[0]


@pytest.mark.parametrize(("source", "value", "qualifier", "as_of"), [
    ("2025-03-03-harbourpost-dam-breach.html", 12, "at least", "2025-03-03"),
    ("2025-03-03-harbourpost-dam-breach.html", 1_200_000, "about", None),
    ("2025-03-03-meridianwire-evacuations.txt", 4000, "about", "2025-03-03"),
    ("2025-03-04-lorentcourier-marren-visit.html", 19, "exact", "2025-03-04"),
    ("2025-03-04-lorentcourier-marren-visit.html", 70, "more than", "2025-03-04"),
    ("2025-03-05-harbourpost-toll-disputed.html", 40, "at least", "2025-03-05"),
    ("2025-03-05-meridianwire-toll-un-aid.txt", 31, "exact", "2025-03-05"),
    ("2025-03-05-meridianwire-toll-un-aid.txt", 4_500_000, "exact", "2025-03-05"),
    ("2025-03-05-meridianwire-toll-un-aid.txt", 9000, "about", "2025-03-05"),
    ("valleyvoice-feed.rss#item-3", 47, "at least", "2025-03-07"),
    ("valleyvoice-feed.rss#item-3", 27000, "nearly", "2025-03-07"),
    ("valleyvoice-feed.rss#item-3", 48_000_000, "exact", "2025-03-07"),
    ("casmeriatoday-dump.jsonl:2", 1_200_000_000, "exact", "2025-03-10"),
    ("2025-03-11-northgate-recovery-agreement.html", 2300, "about", "2025-03-11"),
])
def test_true_figures_are_found(example_docs: dict[str, Doc], source: str, value: float, qualifier: str,
                                as_of: str | None) -> None:
    f = find(example_docs[source], value, qualifier)
    if as_of is not None:
        assert f.as_of == as_of


def test_a_range_with_its_source(example_docs: dict[str, Doc]) -> None:
    f = find(example_docs["2025-03-05-meridianwire-toll-un-aid.txt"], 20000, "between")
    assert (f.low, f.high) == (20000, 25000)
    assert f.what is not None and "displaced" in f.what


def test_disputed_march_size_has_two_sources(example_docs: dict[str, Doc]) -> None:
    doc = example_docs["valleyvoice-feed.rss#item-2"]
    police = find(doc, 6000, "about")
    organisers = find(doc, 15000)
    assert police.source is not None and "police" in police.source.name.lower()
    assert organisers.source is not None and "organisers" in organisers.source.name.lower()


def test_money_carries_its_currency(example_docs: dict[str, Doc]) -> None:
    doc = example_docs["2025-03-11-northgate-recovery-agreement.html"]
    assert find(doc, 27_400_000).what == "USD"
    assert find(doc, 21_300_000).what == "GBP"


def test_no_phone_numbers_years_or_ages(example_docs: dict[str, Doc]) -> None:
    for name, doc in example_docs.items():
        texts = [f.text for f in doc._.figures]
        values = [f.value for f in doc._.figures]
        assert not {"0800", "212", "4470", "112"} & set(texts), name
        assert not {1971.0, 1987.0, 2019.0, 2022.0, 2023.0} & set(values), name
    ages = [f.text for f in example_docs["2025-03-03-harbourpost-dam-breach.html"]._.figures]
    assert "41" not in ages
    assert "58" not in [f.text for f in example_docs["valleyvoice-dam-official-arrested.txt"]._.figures]
