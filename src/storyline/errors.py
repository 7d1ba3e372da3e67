"""The storyline error tree. Every error names the document it is about.

* StorylineError            base; ``str(err)`` is ``"DOCUMENT: problem"``
  + SourceError             a document could not be read or fetched
  + ExtractError            a document was read but holds no usable article
  + StoreError              the store refused or failed an operation
  + ConfigError             a setting has an invalid value
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base error: a problem with one named document (or setting)."""

    def __init__(self, document: str, problem: str) -> None:
        super().__init__(f"{document}: {problem}")
        self.document = document
        self.problem = problem


class SourceError(StorylineError):
    """A document could not be read, decoded or fetched."""


class ExtractError(StorylineError):
    """A document was read but yields no usable article."""


class StoreError(StorylineError):
    """The store failed or refused an operation."""


class ConfigError(StorylineError):
    """A setting has an invalid value."""
