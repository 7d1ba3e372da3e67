"""The Doc extensions storyline's components read and write."""

from __future__ import annotations

from spacy.tokens import Doc

# Inputs set before the pipeline runs; outputs assigned by the components.
INPUTS = ("article_id", "published")
OUTPUTS = ("entities", "quotes", "times", "figures", "events", "stances")


def register_extensions() -> None:
    """Register storyline's Doc extensions (idempotent; safe in every worker process)."""
    for name in INPUTS + OUTPUTS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
